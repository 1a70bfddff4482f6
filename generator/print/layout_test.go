package print_test

import (
	"html/template"
	"regexp"
	"strings"
	"testing"

	"handbook/generator/model"
	"handbook/generator/print"
	"handbook/generator/site"
	"handbook/generator/theme"
)

func loadTheme(t *testing.T) *theme.Theme {
	t.Helper()
	th, err := theme.Load(nil, "default", "zh-CN", nil)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func render(t *testing.T, th *theme.Theme, layout string, v *site.View) string {
	t.Helper()
	if v.Site == nil {
		v.Site = &site.SiteView{Title: "手册", Lang: "zh-CN", Paper: "A4"}
	}
	v.Chrome, v.Layout = &site.Chrome{}, layout
	b, err := th.Render(layout, v)
	if err != nil {
		t.Fatalf("rendering %s: %v", layout, err)
	}
	return string(b)
}

func checklistPage(fm model.FrontMatter) *model.Page {
	fm.Kind = model.KindChecklist
	return &model.Page{Path: "checklists/x.md", URL: "checklists/x.html", FM: fm}
}

var cellRe = regexp.MustCompile(`<td></td>`)

func TestChecklistLayout(t *testing.T) {
	th := loadTheme(t)
	date, _ := model.ParseDate("2026-11-28")
	steps := []string{"由组长每天检查并填写本表。", "擦拭扶手", "目视地面", "投放纸屑"}
	for _, tc := range []struct {
		name    string
		fm      model.FrontMatter
		qr      bool
		want    []string
		notWant []string
		cells   int // empty grid cells
	}{
		{
			name: "poster",
			fm: model.FrontMatter{Title: "洗手间清洁检查表", Area: "洗手间", Frequency: "每小时", Tools: []string{"厕刷", "抹布"},
				Steps: []string{"挂告示牌", "冲洗"}, QualityStandard: "无异味", Taboos: []string{"不得混用抹布"}, Updated: date,
				Signoff: &model.Signoff{Columns: []string{"日期", "签名"}, RowCount: 5}},
			qr: true,
			want: []string{`class="sheet poster"`, `<h1 class="sheet-title">洗手间清洁检查表</h1>`, `<dd>洗手间</dd>`, `<span>厕刷</span>`,
				`<li><span class="check" aria-hidden="true"></span><span class="t">挂告示牌</span></li>`, "质量标准", "禁忌", "签名记录",
				`<th scope="col">日期</th><th scope="col">签名</th>`, `修订日期 <time datetime="2026-11-28">`, `class="qr-code"`,
				`<span class="url">https://example.com/checklists/x.html</span>`, `@page { size: A4; }`, `data-print`},
			cells: 10,
		},
		{
			name:    "no base URL, default rows",
			fm:      model.FrontMatter{Title: "T", Steps: []string{"a"}, Signoff: &model.Signoff{Columns: []string{"日期", "时间", "签名"}}},
			notWant: []string{`class="qr"`, `class="url"`, "修订日期", "sheet-facts", "sheet-tools", "<td class=\"corner\">"},
			cells:   8 * 3,
		},
		{
			name: "labelled rows",
			fm: model.FrontMatter{Title: "T", Steps: []string{"a"},
				Signoff: &model.Signoff{Columns: []string{"日期", "签名"}, Rows: []string{"护栏", "门窗"}, RowCount: 9}},
			want:  []string{`<td class="corner"></td>`, `<tr><th scope="row">护栏</th><td></td><td></td></tr>`},
			cells: 4,
		},
		{
			name:    "no signoff",
			fm:      model.FrontMatter{Title: "T", Steps: []string{"a"}},
			notWant: []string{"sheet-signoff"},
		},
		{
			name: "daily form",
			fm: model.FrontMatter{Title: "日检表", Form: "daily", Steps: steps,
				Signoff: &model.Signoff{Columns: []string{"日期", "签名"}, RowCount: 3}},
			want: []string{`class="sheet form form-daily"`, "日检查表", `<p class="form-note"><b>填表说明</b>由组长每天检查并填写本表。</p>`,
				"<dt>检查日期</dt>", "<dt>检查人</dt>", "<dt>责任区</dt>", "<dt>被检查人</dt>", `<th scope="col" class="tick">合格</th>`,
				`<th scope="col" class="tick">不合格</th>`, "<td>擦拭扶手</td>", "检查记录"},
			notWant: []string{"<td>由组长每天检查并填写本表。</td>", "评定等级"},
			cells:   3*2 + 3, // the grid, and a remark cell for each item
		},
		{
			name: "weekly form",
			fm:   model.FrontMatter{Title: "周检表", Form: "weekly", Steps: steps, QualityStandard: "三处以下为良"},
			want: []string{"周检查评分表", `class="count"`, "评定等级", `<span class="check"></span>优</span>`, `<span class="check"></span>差</span>`,
				`<p class="criteria">三处以下为良</p>`},
			notWant: []string{`class="tick"`, "sheet-quality"},
			cells:   3 * 2, // problems found and remarks, for each item
		},
		{
			name:    "monthly form without a grid",
			fm:      model.FrontMatter{Title: "月考评", Form: "monthly", Steps: []string{"由队长评定。", "2次优为优"}},
			want:    []string{"<dt>考评月份</dt>", "考评规则", "<li>2次优为优</li>", `<th scope="col">第4次周检</th>`, `<th scope="col">月考评</th>`},
			notWant: []string{"<dt>被检查人</dt>", "检查项目与方法"},
			cells:   10 * 7,
		},
		{
			name:    "form without steps",
			fm:      model.FrontMatter{Title: "空表", Form: "daily"},
			want:    []string{"<dt>检查日期</dt>"},
			notWant: []string{"form-note", "检查项目与方法"},
		},
		{
			name: "phrases",
			fm:   model.FrontMatter{Title: "前台问候", Steps: []string{"起身"}, Phrases: []string{"单个人：“先生,您好!”"}},
			want: []string{"标准用语", "<li>单个人：“先生,您好!”</li>"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &site.View{Root: "../", Page: checklistPage(tc.fm), Title: tc.fm.Title}
			if tc.qr {
				v.OnlineURL = "https://example.com/checklists/x.html"
				v.QR = mustQR(t, v.OnlineURL)
			}
			html := render(t, th, "checklist", v)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(html, w) {
					t.Errorf("has %s", w)
				}
			}
			if n := len(cellRe.FindAllString(html, -1)); n != tc.cells {
				t.Errorf("%d empty cells, want %d", n, tc.cells)
			}
			if t.Failed() {
				t.Logf("%s", html[strings.Index(html, "<article"):])
			}
		})
	}
}

func TestPrintSetLayout(t *testing.T) {
	th := loadTheme(t)
	a := checklistPage(model.FrontMatter{Title: "甲表", Steps: []string{"一"}})
	b := checklistPage(model.FrontMatter{Title: "乙表", Form: "daily", Steps: []string{"说明", "二"}})
	b.URL = "checklists/y.html"
	qr := mustQR(t, "https://example.com/checklists/x.html")
	html := render(t, th, "printset", &site.View{
		Root: "../", Title: "洗手间 · 全部检查表",
		Site: &site.SiteView{Lang: "zh-CN", Paper: "Letter", BaseURL: "https://example.com/"},
		Entries: []site.Entry{
			{Page: a, Anchor: "p1", Body: "<p>依据甲</p>", QR: qr},
			{Page: b, Anchor: "p2"},
		},
	})
	for _, w := range []string{
		`<article class="sheet poster paper-letter" id="p1">`, `<article class="sheet form form-daily paper-letter" id="p2">`,
		"甲表", "乙表", "<p>依据甲</p>", `<span class="url">https://example.com/checklists/x.html</span>`,
		`@page { size: Letter; }`, "共 2 张", "打印全部",
	} {
		if !strings.Contains(html, w) {
			t.Errorf("lacks %s", w)
		}
	}
	if n := strings.Count(html, `class="qr-code"`); n != 1 {
		t.Errorf("%d QR codes, want 1 (the second entry has none)", n)
	}
}

func TestPrintCentreLayout(t *testing.T) {
	th := loadTheme(t)
	links := []site.Link{{Title: "洗手间清洁检查表", URL: "checklists/washroom.html", Kind: "清单表格", Summary: "张贴在洗手间"}}
	html := render(t, th, "print", &site.View{
		Root: "../", Title: "打印中心",
		Groups: []site.Group{{Title: "洗手间", URL: "print/area-xi-shou-jian.html", Links: links}},
		Extra:  []site.Group{{Title: "保洁员", URL: "print/role-bao-jie-yuan.html", Links: links}},
	})
	for _, w := range []string{
		`<h3>洗手间</h3>`, `<h3>保洁员</h3>`, "按区域", "按岗位",
		`href="../print/area-xi-shou-jian.html?print=1"`, `href="../print/area-xi-shou-jian.html">预览`,
		`href="../checklists/washroom.html?print=1" target="_blank"`, `<a class="title" href="../checklists/washroom.html">洗手间清洁检查表</a>`,
		"打印本组全部（1 张）", "张贴在洗手间", "纸张 A4",
	} {
		if !strings.Contains(html, w) {
			t.Errorf("lacks %s", w)
		}
	}
	empty := render(t, th, "print", &site.View{Root: "../", Title: "打印中心"})
	if !strings.Contains(empty, "还没有检查表") {
		t.Error("an empty print centre says nothing")
	}
}

func mustQR(t *testing.T, text string) template.HTML {
	t.Helper()
	svg, err := print.QRSVG(text)
	if err != nil {
		t.Fatal(err)
	}
	return svg
}
