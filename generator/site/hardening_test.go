package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// hardSite writes files (paths relative to the site root) into a new
// folder and returns it.
func hardSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// hardHash digests every path and file under dir.
func hardHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, rel+"/")
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		lines = append(lines, rel+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:8])
}

// hardLeftovers lists the build's temporary folders beside dest.
func hardLeftovers(t *testing.T, dest string) []string {
	t.Helper()
	es, _ := os.ReadDir(filepath.Dir(dest))
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// manyPages is a site with enough pages that rendering reports progress
// before it reaches the attachment, which is rendered after every page.
func manyPages() map[string]string {
	files := map[string]string{
		"content/_index.md":    "---\ntitle: 首页\nkind: page\n---\n见![标志](img/logo.png)。\n",
		"content/img/logo.png": "\x89PNG\r\n\x1a\n",
	}
	for i := range 1100 {
		files[fmt.Sprintf("content/s%d/p%04d.md", i%10, i)] = fmt.Sprintf("---\ntitle: 第%d页\nkind: page\n---\n正文%d。\n", i, i)
	}
	return files
}

// TestFileRemovedDuringRender deletes an attachment after the site was
// loaded, while its pages are rendered (from the progress report, with one
// worker so that the order is fixed). The build must fail, say which file
// went missing, and leave the previous output and no temporary folder.
func TestFileRemovedDuringRender(t *testing.T) {
	dir := hardSite(t, manyPages())
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before := hardHash(t, dest)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	removed := false
	_, err := Build(context.Background(), Options{Source: dir, Dest: dest, Progress: func(step string, done, total int) {
		if !removed {
			removed = true
			if err := os.Remove(filepath.Join(dir, "content", "img", "logo.png")); err != nil {
				t.Error(err)
			}
		}
	}})
	if !removed {
		t.Fatal("the build reported no progress: the test cannot remove the file mid-build")
	}
	if err == nil || !strings.Contains(err.Error(), "img/logo.png") || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("error: %v", err)
	}
	if after := hardHash(t, dest); after != before {
		t.Error("a failed build changed the output")
	}
	if l := hardLeftovers(t, dest); len(l) > 0 {
		t.Errorf("a failed build left %v", l)
	}
}

// TestPageRemovedDuringRender: a page deleted once the site is loaded is
// still built, from what was read; the site is a snapshot of one moment.
func TestPageRemovedDuringRender(t *testing.T) {
	dir := hardSite(t, manyPages())
	dest := filepath.Join(t.TempDir(), "public")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	removed := false
	_, err := Build(context.Background(), Options{Source: dir, Dest: dest, Progress: func(string, int, int) {
		if !removed {
			removed = true
			os.Remove(filepath.Join(dir, "content", "s9", "p1099.md"))
		}
	}})
	if err != nil || !removed {
		t.Fatalf("removed %v: %v", removed, err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "s9", "p1099.html"))
	if err != nil || !strings.Contains(string(b), "正文1099。") {
		t.Errorf("the page read before its removal is missing: %v", err)
	}
}

// TestLinkToPageWithProblems: a link to a page that exists but has
// problems of its own, a quiz that cites it and a checklist drawn from it
// must not report it as missing; the page's own problem is what to fix,
// and the only one reported.
func TestLinkToPageWithProblems(t *testing.T) {
	dir := hardSite(t, map[string]string{
		"content/a.md": "---\ntitle: 甲\nkind: page\n---\n见[乙](b.md)。\n",
		"content/b.md": "---\ntitle: 乙\nkind: pagee\n---\n## 步骤\n\n正文。\n",
		"content/c.md": "---\ntitle: 乙检查表\nkind: checklist\npage: b.md\nsteps: [正文]\n---\n",
		"quizzes/q.md": "---\ntitle: 测验\nsources: [b.md]\n---\n\n## 问题 {#q1}\n\n- [x] 甲\n- [ ] 乙\n\n出处:[乙](../content/b.md#步骤)\n",
	})
	_, err := Build(context.Background(), Options{Source: dir, Check: true})
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), `content/b.md:3: unknown kind "pagee"`) {
		t.Errorf("the page's own problem is not reported:\n%v", err)
	}
	if n := strings.Count(err.Error(), "\n"); n != 0 || strings.Contains(err.Error(), "exist") {
		t.Errorf("more than the page's own problem is reported:\n%v", err)
	}
}

// TestQuizRolesCheckedDespiteOtherProblems: every problem of a build is
// reported, so a quiz with a bad question still has its roles checked.
func TestQuizRolesCheckedDespiteOtherProblems(t *testing.T) {
	dir := hardSite(t, map[string]string{
		"content/a.md": "---\ntitle: 甲\nkind: page\n---\n正文。\n",
		"quizzes/q.md": "---\ntitle: 测验\nroles: [店长]\n---\n\n## 问题 {#q1}\n\n- [x] 甲\n- [x] 乙\n",
	})
	_, err := Build(context.Background(), Options{Source: dir, Check: true})
	if err == nil || !strings.Contains(err.Error(), `quizzes/q.md:3: unknown role "店长"`) || !strings.Contains(err.Error(), "2 correct answers") {
		t.Errorf("want both the question's problem and the unknown role:\n%v", err)
	}
}

// TestLinksToWhatIsNotPublished: a link to a draft (built without
// --drafts), to a folder, or to a file the build ignores would be dead in
// the output: each is a broken link, even though something is on disk.
func TestLinksToWhatIsNotPublished(t *testing.T) {
	dir := hardSite(t, map[string]string{
		"content/_index.md":  "---\ntitle: 首页\nkind: page\n---\n见[草稿](draft.md)、[栏目](sub/)、[隐藏](.hidden.md)、[备份](a.md~)。\n",
		"content/draft.md":   "---\ntitle: 草稿\nkind: page\ndraft: true\n---\n草稿。\n",
		"content/sub/p.md":   "---\ntitle: 页\nkind: page\n---\n页。\n",
		"content/.hidden.md": "---\ntitle: 隐藏\nkind: page\n---\n隐藏。\n",
		"content/a.md~":      "备份",
	})
	_, err := Build(context.Background(), Options{Source: dir, Check: true})
	if err == nil {
		t.Fatal("dead links passed")
	}
	for _, dest := range []string{`"draft.md"`, `"sub/"`, `".hidden.md"`, `"a.md~"`} {
		if !strings.Contains(err.Error(), "content/_index.md:5: broken link "+dest) {
			t.Errorf("no problem for the link %s:\n%v", dest, err)
		}
	}
	// With --drafts the draft is published and its link is good.
	_, err = Build(context.Background(), Options{Source: dir, Check: true, Drafts: true})
	if err == nil || strings.Contains(err.Error(), `"draft.md"`) {
		t.Errorf("with drafts: %v", err)
	}
}

// TestPrintGroupNamesCollide gives twelve areas whose names make the same
// ASCII slug: each gets its own print-all page, numbered -2 … -12, every
// one a plain file name.
func TestPrintGroupNamesCollide(t *testing.T) {
	files := map[string]string{"content/_index.md": "---\ntitle: 首页\nkind: page\n---\n首页。\n"}
	marks := []string{"", "!", "!!", "?", "??", "·", "(", ")", "、", "。", "…", "~"}
	for i, m := range marks {
		files[fmt.Sprintf("content/c/c%02d.md", i)] = fmt.Sprintf("---\ntitle: 表%d\nkind: checklist\narea: 区%s\nsteps: [擦拭, 检查]\n---\n", i, m)
	}
	dir := hardSite(t, files)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= len(marks); i++ {
		name := "area-qu.html"
		if i > 1 {
			name = fmt.Sprintf("area-qu-%d.html", i)
		}
		if _, err := os.Stat(filepath.Join(dest, "print", name)); err != nil {
			t.Errorf("print group %d: %v", i, err)
		}
	}
}
