package site

import (
	"context"
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// copySite copies testdata/site to a temporary folder and returns it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "testdata/site", dir)
	return dir
}

// copyTree copies the folder or file src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if !fi.Mode().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func buildSite(t *testing.T, dir string) (*Result, error) {
	t.Helper()
	return Build(context.Background(), Options{Source: dir})
}

func TestBuildGolden(t *testing.T) {
	dir := copySite(t)
	res, err := buildSite(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.ByKind["role"] != 2 || res.ByKind["cleaning"] != 1 || res.ByKind["handbook"] != 2 {
		t.Errorf("by kind = %v", res.ByKind)
	}
	// The versions of the theme's files change with every edit of them;
	// TestAssetVersions checks them.
	version := regexp.MustCompile(`\?v=[0-9a-f]{8}"`)
	for _, page := range []string{"index.html", "cleaning/elevator.html", "roles/cleaner.html", "handbooks/cleaner.html", "roles/index.html", "tags/dian-ti.html"} {
		got := version.ReplaceAllString(read(t, filepath.Join(dir, "public"), page), `?v=…"`)
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s (run go test ./generator/site -update and review the diff)", page, golden)
		}
	}
}

// TestAssetVersions: a page names each file of the theme it uses with a
// version, the hash of the bytes written, so that a browser's cached copy
// of another version is not used; a site's own copy of a theme file gets
// its own version.
func TestAssetVersions(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/cleaning/sheet.md", "---\ntitle: 电梯检查表\nkind: checklist\nroles: [保洁员]\nsteps:\n- 擦拭按钮\n---\n")
	write(t, dir, "quizzes/lift.md", "---\ntitle: 电梯测验\n---\n\n## 电梯多久擦一次? {#q1}\n\n- [x] 每天\n- [ ] 每月\n")
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	ref := regexp.MustCompile(`(?:href|src|data-search)="((?:\.\./)*static/[^"?]+)(\?v=[0-9a-f]{8})?"`)
	versions := func(page string) map[string]string {
		out := map[string]string{}
		for _, m := range ref.FindAllStringSubmatch(read(t, pub, page), -1) {
			name := strings.TrimLeft(m[1], "./")
			if m[2] == "" {
				t.Errorf("%s: %s has no version", page, m[1])
			}
			want := fmt.Sprintf("?v=%08x", crc32.Checksum([]byte(read(t, pub, name)), crc32.MakeTable(crc32.Castagnoli)))
			if m[2] != want {
				t.Errorf("%s: %s%s, want %s", page, m[1], m[2], want)
			}
			out[name] = m[2]
		}
		return out
	}
	before := versions("cleaning/elevator.html")
	for _, f := range []string{"static/style.css", "static/search.css", "static/search-boot.js", "static/search.js"} {
		if before[f] == "" {
			t.Errorf("cleaning/elevator.html does not name %s", f)
		}
	}
	if v := versions("index.html"); v["static/style.css"] != before["static/style.css"] {
		t.Errorf("two pages name two versions of style.css: %s, %s", v["static/style.css"], before["static/style.css"])
	}
	for page, f := range map[string]string{"quizzes/lift.html": "static/quiz.js", "cleaning/sheet.html": "static/print.css", "print/index.html": "static/print.css"} {
		if versions(page)[f] == "" {
			t.Errorf("%s does not name %s", page, f)
		}
	}

	write(t, dir, "themes/default/static/style.css", "body { color: #123456; }\n")
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	after := versions("cleaning/elevator.html")
	if after["static/style.css"] == before["static/style.css"] || after["static/search.js"] != before["static/search.js"] {
		t.Errorf("after style.css changed: %v, before %v", after, before)
	}
}

func TestEveryURLIsRelative(t *testing.T) {
	dir := copySite(t)
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	abs := regexp.MustCompile(`(?:href|src|action)="(/[^"]*)"`)
	filepath.Walk(filepath.Join(dir, "public"), func(p string, fi os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, m := range abs.FindAllStringSubmatch(string(b), -1) {
			t.Errorf("%s: absolute URL %s breaks file:// and sub-paths", p, m[1])
		}
		return nil
	})
}

func TestHandbookGathersPagesForRole(t *testing.T) {
	dir := copySite(t)
	// A page that names the role twice is in its handbook once.
	if err := os.WriteFile(filepath.Join(dir, "content", "cleaning", "twice.md"),
		[]byte("---\ntitle: 两次\nkind: training\nweight: 1000\nroles: [保洁员, 保洁员]\n---\n重复列出的岗位。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	h := read(t, filepath.Join(dir, "public"), "handbooks/cleaner.html")
	i, j := strings.Index(h, "保洁员</a>"), strings.Index(h, "电梯</a>")
	if i < 0 || j < 0 || i > j {
		t.Errorf("handbook should list the role first, then its pages")
	}
	if strings.Contains(h, "电话接听") {
		t.Errorf("the cleaner's handbook contains the receptionist's page")
	}
	if n := strings.Count(h, "重复列出的岗位"); n != 1 {
		t.Errorf("a page naming the role twice is in the handbook %d times, want once", n)
	}
	if strings.Count(h, `id="日常保洁"`) != 0 || !strings.Contains(h, `id="p2-日常保洁"`) {
		t.Errorf("embedded heading IDs must be prefixed to stay unique")
	}
	// links inside the embedded body still reach the right pages
	if !strings.Contains(h, `href="../cleaning/elevator.html#`) {
		t.Errorf("embedded links not relocated")
	}
}

func TestBacklinksAndPrevNext(t *testing.T) {
	dir := copySite(t)
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	p := read(t, filepath.Join(dir, "public"), "cleaning/elevator.html")
	if !strings.Contains(p, `class="backlinks"`) || !strings.Contains(p, `href="../roles/cleaner.html">保洁员</a>`) {
		t.Errorf("elevator page lacks the backlink from the cleaner role")
	}
	r := read(t, filepath.Join(dir, "public"), "roles/cleaner.html")
	if !strings.Contains(r, `rel="next" href="../roles/receptionist.html"`) {
		t.Errorf("cleaner page lacks next link to receptionist")
	}
}

func TestBuildErrorsKeepPreviousOutput(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            []string
	}{
		{"broken link", "content/roles/x.md", "---\ntitle: X\nkind: page\n---\n\n正文\n\n见[不存在](../cleaning/lift.md)。\n",
			[]string{`content/roles/x.md:8: broken link "../cleaning/lift.md": content/cleaning/lift.md does not exist`}},
		{"broken anchor", "content/roles/x.md", "---\ntitle: X\nkind: page\n---\n见[电梯](../cleaning/elevator.md#月度清洁)\n",
			[]string{`content/roles/x.md:5: broken anchor "../cleaning/elevator.md#月度清洁": content/cleaning/elevator.md has no heading with ID "月度清洁" (its headings: #区域 #频率 #工具 #步骤 #质量标准 #日常保洁 #定期清洁)`}},
		{"unknown role", "content/roles/x.md", "---\ntitle: X\nkind: page\nroles: [保安]\n---\n正文\n",
			[]string{`content/roles/x.md:4: unknown role "保安": roles must be titles of role pages (保洁员, 前台文员)`}},
		{"duplicate URL", "content/cleaning/Elevator.md", "---\ntitle: X\nkind: page\n---\n正文\n",
			[]string{`content/cleaning/elevator.md:1: maps to the same URL cleaning/elevator.html as content/cleaning/Elevator.md: rename one of the two files`}},
		{"two problems", "content/roles/x.md", "---\ntitle: X\nkind: page\nroles: [保安]\n---\n[a](nope.md)\n",
			[]string{`content/roles/x.md:4: unknown role "保安"`, `content/roles/x.md:6: broken link "nope.md"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copySite(t)
			if _, err := buildSite(t, dir); err != nil {
				t.Fatal(err)
			}
			before := read(t, filepath.Join(dir, "public"), "index.html")
			write(t, dir, tc.file, tc.src)
			_, err := buildSite(t, dir)
			if err == nil {
				t.Fatal("build succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error:\n%v\nwant it to contain:\n%s", err, w)
				}
			}
			if after := read(t, filepath.Join(dir, "public"), "index.html"); after != before {
				t.Error("failed build changed the previous output")
			}
			if es, _ := filepath.Glob(filepath.Join(dir, ".handbook-tmp-*")); len(es) > 0 {
				t.Errorf("left temporary folders: %v", es)
			}
		})
	}
}

func TestRefusesDangerousDestinations(t *testing.T) {
	dir := copySite(t)
	for _, dest := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "content", "out")} {
		_, err := Build(context.Background(), Options{Source: dir, Dest: dest})
		if err == nil {
			t.Errorf("build into %s was allowed", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "out")); err == nil {
		t.Error("refused build still created content/out")
	}
}

func TestRebuildReplacesOutput(t *testing.T) {
	dir := copySite(t)
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "content", "frontdesk", "phone.md"))
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "frontdesk", "phone.html")); err == nil {
		t.Error("page of a deleted file survived the rebuild")
	}
}

func TestLargeHandbookListsItsPages(t *testing.T) {
	dir := copySite(t)
	for i := 0; i < maxEmbedded+10; i++ {
		write(t, dir, fmt.Sprintf("content/cleaning/area%03d.md", i),
			fmt.Sprintf("---\ntitle: 区域%03d\nkind: cleaning\nroles: [保洁员]\nsummary: 第%d个区域。\n---\n\n正文%d\n", i, i, i))
	}
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	h := read(t, filepath.Join(dir, "public"), "handbooks/cleaner.html")
	if n := strings.Count(h, `class="handbook-entry`); n != 1 {
		t.Errorf("a handbook of %d pages embeds %d pages in full, want only the role page", maxEmbedded+12, n)
	}
	if !strings.Contains(h, `id="kind-cleaning"`) || !strings.Contains(h, `href="../cleaning/area159.html">区域159</a>`) {
		t.Error("the large handbook does not list its pages by kind")
	}
}

// TestSignoffRowLabel: a sign-off grid with labelled rows heads the label
// column with row_label, and leaves its corner empty without one.
func TestSignoffRowLabel(t *testing.T) {
	dir := copySite(t)
	sheet := func(label string) string {
		return "---\ntitle: 不锈钢清洁检查表\nkind: checklist\narea: 不锈钢\nsteps: [先抹, 后擦]\n" +
			"signoff:\n  columns: [日期, 签名]\n" + label + "  rows: [护栏, 门窗]\n---\n\n正文\n"
	}
	write(t, dir, "content/checklists/steel.md", sheet("  row_label: 部位\n"))
	write(t, dir, "content/checklists/plain.md", sheet(""))
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	want := `<thead><tr><th scope="col">部位</th><th scope="col">日期</th><th scope="col">签名</th></tr></thead>`
	if h := read(t, out, "checklists/steel.html"); !strings.Contains(h, want) || !strings.Contains(h, `<th scope="row">护栏</th>`) {
		t.Errorf("the grid with row_label lacks %s", want)
	}
	if h := read(t, out, "checklists/plain.html"); !strings.Contains(h, `<thead><tr><td class="corner"></td><th scope="col">日期</th>`) {
		t.Error("the grid without row_label lacks its empty corner")
	}
}

// TestAnchorsOfChecklistsAndGlossaries: each term of a glossary has an
// anchor of its own, which links from other pages may name; a checklist is
// drawn as one sheet whose parts have none, so a link to one is broken.
func TestAnchorsOfChecklistsAndGlossaries(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/glossary.md", "---\ntitle: 术语表\nkind: glossary\nterms:\n- term: 日产日清\n  definition: 当天产生的垃圾当天清理。\n---\n")
	write(t, dir, "content/sheet.md", "---\ntitle: 检查表\nkind: checklist\nsteps:\n- 关闭水阀\n---\n")
	write(t, dir, "content/roles/x.md", "---\ntitle: X\nkind: page\n---\n见[日产日清](../glossary.md#日产日清)。\n")
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/roles/x.md", "---\ntitle: X\nkind: page\n---\n见[步骤](../sheet.md#步骤)。\n")
	_, err := buildSite(t, dir)
	want := `content/roles/x.md:5: broken anchor "../sheet.md#步骤": content/sheet.md has no heading with ID "步骤" (its headings: none)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant it to contain:\n%s", err, want)
	}
}
