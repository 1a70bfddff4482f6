package print_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/config"
	"handbook/generator/markdown"
	"handbook/generator/model"
	"handbook/generator/print"
	"handbook/generator/site"
)

const baseURL = "https://intranet.example.com/handbook/"

// testSite is a small handbook: a role, a poster checklist, a daily
// inspection form and a checklist far too long for one sheet.
var testSite = map[string]string{
	"handbook.toml": "title = \"测试手册\"\nbase_url = \"" + baseURL + "\"\n",
	"content/roles/cleaner.md": `---
title: 保洁员
kind: role
duties: [负责责任区的清洁]
---

保洁员的岗位职责。
`,
	"content/checklists/washroom.md": `---
title: 洗手间清洁检查表
kind: checklist
roles: [保洁员]
department: 环境管理部
updated: "2026-11-28"
area: 洗手间(卫生间)
frequency: 每天全面清洗1-4次;每小时循环保洁1次
tools: [厕刷, 抹布, 水桶, 百洁布, 清洁牌, 洁瓷灵]
steps:
- 进入卫生间前将清洁告示牌挂在门前,打开门窗通风
- 用夹子夹出小便器里的烟头杂物,然后按冲水器用新水冲洗
- 用布或擦垫加清洁剂溶液擦抹洁具除污,较顽固的污渍加洁瓷灵反复擦抹干净
- 擦洗洗手盘表面,镜面和水擎用干布擦抹干净,定期刮洗镜面
- 清倒厕所纸篓,并定期洗擦,然后拖抹干净地面
- 卷纸、擦手纸用完及时更换
quality_standard: 卫生间内洁具、设备干净无污渍、表面光亮、镜面明亮、室内无异味、地面干爽。
taboos: [不得用洁具清洁布擦拭洗手盘]
signoff:
  columns: [日期, "09:00", "11:00", "13:00", "15:00", "17:00", 签名]
  row_count: 8
---

依据:清洁规程。
`,
	"content/checklists/daily.md": `---
title: 保洁工作日检查表
kind: checklist
roles: [保洁员]
form: daily
frequency: 每天下午17:00前
steps:
- 由组长于每天下午17:00前对保洁员当日工作进行检查。
- 用纸巾擦拭扶手、墙面、门、镜,看是否有明显的灰尘
- 目视楼道、走廊、电梯间,有无烟头、纸屑、果皮
signoff:
  columns: [日期, 责任区, 保洁员, 存在问题, 组长签名]
  row_count: 10
---
`,
	"content/checklists/long.md": `---
title: 过长的检查表
kind: checklist
roles: [保洁员]
steps:
` + strings.Repeat("- 这一步写得很长很长,用来确认一张放不下的检查表会被当作错误报告出来,而不是悄悄印成两页\n", 40) + `signoff:
  columns: [日期, 签名]
---
`,
}

// printableSite builds testSite and returns the output folder. The site
// step writes the print manifest and puts QR codes on checklists; a build
// without them gets both here, drawn with the same theme, so that what is
// tested is the printing.
func printableSite(t *testing.T) string {
	_, dest := buildTestSite(t)
	return dest
}

// buildTestSite is printableSite that also returns the source folder.
func buildTestSite(t *testing.T) (src, dest string) {
	t.Helper()
	src = t.TempDir()
	for name, body := range testSite {
		file := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest = filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if _, err := site.Build(ctx, site.Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, print.ManifestPath)); err == nil {
		return src, dest
	}
	cfg, s := loadSite(t, ctx, src)
	m := &print.Manifest{Paper: cfg.Paper}
	sv := &site.SiteView{Title: cfg.Title, Lang: cfg.Language, BaseURL: cfg.BaseURL, Paper: cfg.Paper}
	for _, p := range s.Pages() {
		if p.FM.Kind != model.KindChecklist {
			continue
		}
		root := strings.Repeat("../", strings.Count(p.URL, "/"))
		qr, err := print.QRSVG(cfg.BaseURL + p.URL)
		if err != nil {
			t.Fatal(err)
		}
		v := &site.View{Site: sv, Root: root, URL: p.URL, Layout: "checklist", Title: p.FM.Title, Page: p,
			Body: template.HTML(markdown.Relocate(p.HTML, root)), QR: qr, OnlineURL: cfg.BaseURL + p.URL, Chrome: &site.Chrome{}}
		b, err := s.Theme.Render("checklist", v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dest, filepath.FromSlash(p.URL)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		m.Checklists = append(m.Checklists, print.ChecklistItem(p))
	}
	for _, r := range s.RoleTitles() {
		m.Handbooks = append(m.Handbooks, print.HandbookItem(r, r+"岗位手册", s.RoleHandbookURL(r)))
	}
	var b bytes.Buffer
	if err := print.WriteManifest(&b, m); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dest, "print"), 0o755)
	if err := os.WriteFile(filepath.Join(dest, filepath.FromSlash(print.ManifestPath)), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return src, dest
}

// loadSite loads the site at src and its config, without building it.
func loadSite(t *testing.T, ctx context.Context, src string) (config.Config, *site.Site) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Load(ctx, os.DirFS(src), cfg, site.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, s
}

// newPrinter starts a Printer for t, skipping t without Chromium unless
// CI=true.
func newPrinter(t *testing.T) *print.Printer {
	t.Helper()
	p, err := print.NewPrinter(context.Background())
	if errors.Is(err, print.ErrNoChromium) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func pdftotext(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command(print.Tool(t, "pdftotext", "poppler-utils"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

func pdfinfoPages(t *testing.T, file string) int {
	t.Helper()
	out, err := exec.Command(print.Tool(t, "pdfinfo", "poppler-utils"), file).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", file, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo printed no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func TestRun(t *testing.T) {
	p := newPrinter(t)
	dir := printableSite(t)
	out := filepath.Join(t.TempDir(), "pdf")
	var progress bytes.Buffer
	rep, err := print.Run(context.Background(), print.RunOptions{
		SiteDir: dir, Out: out, Handbooks: []string{"保洁员"}, Patterns: []string{"*"},
		Progress: &progress, Printer: p,
	})
	var over *print.OverflowError
	if !errors.As(err, &over) {
		t.Fatalf("Run returned %v, want an OverflowError for long.md\n%s", err, progress.String())
	}
	if len(over.Docs) != 1 || !strings.HasSuffix(over.Docs[0].Item.Path, "checklists/long.md") || over.Docs[0].Pages < 2 {
		t.Errorf("overflows %+v, want long.md alone, on 2 pages or more", over.Docs)
	}
	if !strings.Contains(err.Error(), "checklists/long.md: prints on ") {
		t.Errorf("error does not name the file: %v", err)
	}
	if len(rep.Docs) != 4 {
		t.Fatalf("%d documents, want 3 checklists and 1 handbook\n%s", len(rep.Docs), progress.String())
	}
	for _, want := range []string{"checklists/washroom.md → " + filepath.Join(out, "washroom.pdf") + " (1 page)", "[4/4] "} {
		if !strings.Contains(progress.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, progress.String())
		}
	}
	for _, d := range rep.Docs {
		b, err := os.ReadFile(d.Out)
		if err != nil {
			t.Fatal(err)
		}
		if n := print.PageCount(b); n != d.Pages {
			t.Errorf("%s: PageCount %d, report %d", d.Out, n, d.Pages)
		}
		if _, err := exec.LookPath("pdfinfo"); err == nil || os.Getenv("CI") == "true" {
			if n := pdfinfoPages(t, d.Out); n != d.Pages {
				t.Errorf("%s: pdfinfo counts %d pages, PageCount %d", d.Out, n, d.Pages)
			}
		}
	}

	t.Run("poster", func(t *testing.T) {
		file := filepath.Join(out, "washroom.pdf")
		text := pdftotext(t, file)
		for _, want := range []string{"洗手间清洁检查表", "进入卫生间前将清洁告示牌挂在门前", "质量标准", "禁忌", "签名记录", "修订日期 2026-11-28", baseURL + "checklists/washroom.html"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q:\n%s", want, text)
			}
		}
		for _, nav := range []string{"测试手册", "搜索"} {
			if strings.Contains(text, nav) {
				t.Errorf("the site's %q is printed:\n%s", nav, text)
			}
		}
		png := filepath.Join(t.TempDir(), "page")
		if err := exec.Command(print.Tool(t, "pdftoppm", "poppler-utils"), "-r", "150", "-png", "-singlefile", file, png).Run(); err != nil {
			t.Fatal(err)
		}
		if got, want := print.DecodeQR(t, png+".png"), baseURL+"checklists/washroom.html"; got != want {
			t.Errorf("the printed QR code reads %q, want %q", got, want)
		}
	})
	t.Run("daily form", func(t *testing.T) {
		text := pdftotext(t, filepath.Join(out, "daily.pdf"))
		for _, want := range []string{"保洁工作日检查表", "填表说明", "检查日期", "检查人", "被检查人", "合格", "不合格", "备注", "用纸巾擦拭扶手", "检查记录"} {
			if !strings.Contains(text, want) {
				t.Errorf("the form lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("booklet", func(t *testing.T) {
		var d print.Doc
		for _, x := range rep.Docs {
			if x.Booklet {
				d = x
			}
		}
		if d.Out != filepath.Join(out, "handbook-cleaner.pdf") {
			t.Fatalf("booklet written to %q", d.Out)
		}
		text := pdftotext(t, d.Out)
		for _, want := range []string{"保洁员岗位手册", "洗手间清洁检查表"} {
			if !strings.Contains(text, want) {
				t.Errorf("the booklet lacks %q:\n%.2000s", want, text)
			}
		}
		// The table of contents gives each part the page it starts on.
		pages := strings.Split(text, "\f")
		entries := 0
		for _, m := range regexp.MustCompile(`(?m)^\s*(\S.*?)\s{2,}(\d+)\s*$`).FindAllStringSubmatch(pages[0], -1) {
			title := strings.Fields(m[1])[0]
			n, _ := strconv.Atoi(m[2])
			entries++
			if n < 2 || n > len(pages) || !strings.Contains(pages[n-1], title) {
				t.Errorf("contents: %s on page %d, which lacks it", title, n)
			}
		}
		if entries < 3 {
			t.Errorf("the contents number %d parts:\n%s", entries, pages[0])
		}
		// Every page's footer numbers it.
		for i := 1; i <= d.Pages; i++ {
			if !regexp.MustCompile(fmt.Sprintf(`保洁员岗位手册\s+%d\s*/\s*%d\n`, i, d.Pages)).MatchString(text) {
				t.Errorf("no footer with page %d / %d:\n%.3000s", i, d.Pages, text)
			}
		}
	})
}

func TestPDFPaper(t *testing.T) {
	p := newPrinter(t)
	dir := printableSite(t)
	url := browsertest.FileURL(t, filepath.Join(dir, "checklists", "washroom.html"))
	for _, tc := range []struct{ paper, size string }{{"", "594.96 x 841.92"}, {"Letter", "612 x 792"}, {"a4", "594.96 x 841.92"}} {
		b, err := p.PDF(context.Background(), url, print.Options{Paper: tc.paper})
		if err != nil {
			t.Fatal(err)
		}
		if n := print.PageCount(b); n != 1 {
			t.Errorf("paper %q: %d pages, want 1", tc.paper, n)
		}
		file := filepath.Join(t.TempDir(), "x.pdf")
		os.WriteFile(file, b, 0o644)
		if _, err := exec.LookPath("pdfinfo"); err != nil {
			continue
		}
		info, _ := exec.Command("pdfinfo", file).Output()
		if !regexp.MustCompile(`Page size:\s+` + tc.size).Match(info) {
			t.Errorf("paper %q:\n%s", tc.paper, info)
		}
	}
	if _, err := p.PDF(context.Background(), url, print.Options{Paper: "A3"}); err == nil || !strings.Contains(err.Error(), "use A4 or Letter") {
		t.Errorf("paper A3: %v", err)
	}
}

// TestSheetOnScreen checks the page a supervisor opens: a preview of the
// sheet with a print button, the site's navigation hidden in print, and
// ?print=1 opening the print dialog once the sheet is laid out.
func TestSheetOnScreen(t *testing.T) {
	ctx := browsertest.New(t)
	dir := printableSite(t)
	url := browsertest.FileURL(t, filepath.Join(dir, "checklists", "washroom.html"))
	stub := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.print = () => { window.printed = (window.printed || 0) + 1; };`})
		return err
	})
	if err := chromedp.Do(ctx, stub, chromedp.Navigate(url+"?print=1")); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.printReady.then(() => window.printed || 0)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if printed != 1 {
		t.Errorf("?print=1 called window.print %d times, want 1", printed)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`button[data-print]`), chromedp.Click(`button[data-print]`)); err != nil {
		t.Fatal(err)
	}
	visible := `(sel) => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none'; }`
	check := func(media string, want map[string]bool) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
			return err
		})); err != nil {
			t.Fatal(err)
		}
		for sel, v := range want {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(`+visible+`)(`+strconv.Quote(sel)+`)`))
			if err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("%s: %s visible = %v, want %v", media, sel, got, v)
			}
		}
	}
	check("screen", map[string]bool{".sheet-bar": true, ".sheet": true, ".qr svg": true})
	check("print", map[string]bool{".site-header": false, ".site-footer": false, ".sheet-bar": false, ".sheet": true, ".qr svg": true})
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(window.printed || 0)`))
	if err != nil || n != 2 {
		t.Errorf("the print button called window.print %d times in all, want 2 (err %v)", n, err)
	}
	fit, err := chromedp.Run(ctx, chromedp.AttributeValue(`.sheet`, "data-fit"))
	if err != nil || fit.Value != "0" {
		t.Errorf("data-fit = %q (%v), want 0: the sheet should fit at full size", fit.Value, err)
	}
}

// TestPrintSet prints a print-all page: each sheet on a page of its own,
// each with its own QR code.
func TestPrintSet(t *testing.T) {
	p := newPrinter(t)
	src, dest := buildTestSite(t)
	ctx := context.Background()
	cfg, s := loadSite(t, ctx, src)
	v := &site.View{Site: &site.SiteView{Lang: cfg.Language, BaseURL: cfg.BaseURL, Paper: cfg.Paper},
		Root: "../", URL: "print/area-test.html", Layout: "printset", Title: "全部", Chrome: &site.Chrome{}}
	for i, name := range []string{"checklists/washroom.md", "checklists/daily.md"} {
		pg := s.Page(name)
		qr, err := print.QRSVG(cfg.BaseURL + pg.URL)
		if err != nil {
			t.Fatal(err)
		}
		v.Entries = append(v.Entries, site.Entry{Page: pg, Anchor: fmt.Sprintf("p%d", i+1),
			Body: template.HTML(markdown.Relocate(pg.HTML, v.Root)), QR: qr})
	}
	b, err := s.Theme.Render("printset", v)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dest, "print", "area-test.html")
	os.MkdirAll(filepath.Dir(file), 0o755)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf, err := p.PDF(ctx, browsertest.FileURL(t, file), print.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := print.PageCount(pdf); n != 2 {
		t.Fatalf("%d pages, want one for each of the 2 sheets", n)
	}
	out := filepath.Join(t.TempDir(), "set.pdf")
	os.WriteFile(out, pdf, 0o644)
	pages := strings.Split(pdftotext(t, out), "\f")
	if !strings.Contains(pages[0], "洗手间清洁检查表") || !strings.Contains(pages[1], "保洁工作日检查表") {
		t.Errorf("the sheets are not one a page:\n%s", strings.Join(pages, "\n---\n"))
	}
	png := filepath.Join(t.TempDir(), "p2")
	if err := exec.Command(print.Tool(t, "pdftoppm", "poppler-utils"), "-r", "150", "-png", "-f", "2", "-l", "2", "-singlefile", out, png).Run(); err != nil {
		t.Fatal(err)
	}
	if got, want := print.DecodeQR(t, png+".png"), baseURL+"checklists/daily.html"; got != want {
		t.Errorf("page 2's QR code reads %q, want %q", got, want)
	}
}
