package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// memLimit bounds the peak memory of any build of an extreme site.
const memLimit = 2 << 30

// buildExtreme writes a site with files (content paths → text), builds it
// with the command within limit and returns the output folder.
func buildExtreme(t *testing.T, limit time.Duration, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	names := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range names {
				p := filepath.Join(dir, "content", filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for name := range files {
		names <- name
	}
	close(names)
	wg.Wait()
	out := filepath.Join(t.TempDir(), "public")
	r := handbook(t, timeout(t, limit), "build", "-s", dir, "-d", out)
	t.Logf("built in %s, peak memory %d MB", r.took.Round(time.Millisecond), r.maxRSS>>20)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if r.maxRSS > memLimit {
		t.Errorf("peak memory %d MB, limit %d MB", r.maxRSS>>20, memLimit>>20)
	}
	return out
}

func readOut(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func front(title string) string { return "---\ntitle: " + title + "\nkind: page\n---\n" }

func TestTenMegabytePage(t *testing.T) {
	var b strings.Builder
	b.WriteString(front("大页面"))
	para := strings.Repeat("电梯的日常保洁一般不停止运行,以免妨碍医院的正常工作。", 8)
	for i := 0; b.Len() < 10<<20; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "## 第%d节\n\n", i/50)
		}
		fmt.Fprintf(&b, "%s%d\n\n", para, i)
	}
	b.WriteString("最后一段。\n")
	out := buildExtreme(t, 3*time.Minute, map[string]string{"big.md": b.String()})
	page := readOut(t, out, "big.html")
	if len(page) < 10<<20 || !strings.Contains(page, "最后一段。") {
		t.Errorf("the page is %d bytes and ends %q", len(page), page[max(0, len(page)-200):])
	}
}

func TestListsNestedThousandDeep(t *testing.T) {
	var b strings.Builder
	b.WriteString(front("深列表"))
	for i := range 1000 {
		fmt.Fprintf(&b, "%s- 第%d层\n", strings.Repeat("  ", i), i)
	}
	out := buildExtreme(t, 3*time.Minute, map[string]string{"deep.md": b.String()})
	page := readOut(t, out, "deep.html")
	if n := strings.Count(page, "<ul>"); n < 1000 || !strings.Contains(page, "第999层") {
		t.Errorf("%d lists, deepest item shown: %v", n, strings.Contains(page, "第999层"))
	}
}

func TestTenThousandHeadings(t *testing.T) {
	var b strings.Builder
	b.WriteString(front("标题"))
	for i := range 10000 {
		if i%2 == 0 {
			fmt.Fprintf(&b, "## 标题\n\n段落%d\n\n", i)
		} else {
			fmt.Fprintf(&b, "### 小节 %d\n\n段落%d\n\n", i, i)
		}
	}
	out := buildExtreme(t, 3*time.Minute, map[string]string{"heads.md": b.String()})
	page := readOut(t, out, "heads.html")
	if n := strings.Count(page, "<h2 id="); n < 5000 {
		t.Errorf("%d level-2 headings", n)
	}
	if !strings.Contains(page, `id="标题-4999"`) || !strings.Contains(page, `id="小节-9999"`) {
		t.Error("the last headings have no unique IDs")
	}
}

// TestPathologicalMarkdown: inputs that make Markdown parsers work hard
// (unclosed brackets and emphasis, deep quotes, long backtick runs) build
// in bounded time.
func TestPathologicalMarkdown(t *testing.T) {
	var ticks strings.Builder
	for i := 1; i < 500; i++ {
		ticks.WriteString(strings.Repeat("`", i) + "x")
	}
	files := map[string]string{
		"brackets.md": front("方括号") + strings.Repeat("[", 20000) + "a" + strings.Repeat("]", 20000) + "\n",
		"emphasis.md": front("强调") + strings.Repeat("*a ", 10000) + strings.Repeat("**b", 5000) + "\n",
		"links.md":    front("链接") + strings.Repeat("[a](", 10000) + "\n",
		"quotes.md":   front("引用") + strings.Repeat("> ", 5000) + "深\n",
		"ticks.md":    front("反引号") + ticks.String() + "\n",
		"html.md":     front("标签") + strings.Repeat("<a ", 20000) + "\n",
		"entities.md": front("实体") + strings.Repeat("&amp;&#x4e2d;&bogus;", 50000) + "\n",
	}
	out := buildExtreme(t, 3*time.Minute, files)
	for name := range files {
		readOut(t, out, strings.TrimSuffix(name, ".md")+".html")
	}
}

func TestFiftyThousandPages(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 pages: skipped with -short")
	}
	files := map[string]string{"_index.md": front("首页") + "五万页。\n"}
	for i := range 50000 {
		files[fmt.Sprintf("s%03d/p%05d.md", i%100, i)] = fmt.Sprintf("---\ntitle: 第%d页\nkind: page\n---\n正文%d。\n", i, i)
	}
	out := buildExtreme(t, 5*time.Minute, files)
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), "p") && strings.HasSuffix(d.Name(), ".html") {
			n++
		}
		return nil
	})
	if n != 50000 {
		t.Errorf("%d of 50,000 pages written", n)
	}
	if page := readOut(t, out, "s099/p49999.html"); !strings.Contains(page, "正文49999。") {
		t.Error("the last page lacks its text")
	}
}
