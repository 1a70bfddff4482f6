package markdown

import (
	"strings"
	"testing"

	"handbook/generator/model"
)

func render(t *testing.T, unsafe bool, src string) Result {
	t.Helper()
	r := New(Options{UnsafeHTML: unsafe, URLOf: func(p string) string { return strings.TrimSuffix(p, ".md") + ".html" }})
	res, err := r.Render("cleaning/elevator.md", []byte(src), 5, []string{"步骤"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestHeadingIDsKeepChinese(t *testing.T) {
	res := render(t, false, "## 接听电话\n\n## 接听电话\n\n### Step 1: Open the Door!\n\n## 步骤\n\n## {#custom}\n")
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	want := []string{"接听电话", "接听电话-1", "step-1-open-the-door", "步骤-1", "custom"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("IDs = %v, want %v", got, want)
	}
	if !strings.Contains(res.HTML, `<h2 id="接听电话">接听电话</h2>`) {
		t.Errorf("heading not rendered with its ID:\n%s", res.HTML)
	}
	if res.Headings[0].Line != 5 || res.Headings[1].Line != 7 {
		t.Errorf("heading lines = %d, %d; want 5, 7", res.Headings[0].Line, res.Headings[1].Line)
	}
}

func TestLinksRewrittenAndRecorded(t *testing.T) {
	src := "见[电梯](../cleaning/lift.md#日常保洁)和[本页](#步骤)。\n\n外部 [网站](https://example.com/a) 与 ![图](img/a.png)\n"
	res := render(t, false, src)
	wantLinks := []model.Link{
		{Dest: "../cleaning/lift.md#日常保洁", Line: 5, Target: "cleaning/lift.md", Anchor: "日常保洁"},
		{Dest: "#步骤", Line: 5, Anchor: "步骤"},
		{Dest: "img/a.png", Line: 7, Target: "cleaning/img/a.png"},
	}
	if len(res.Links) != len(wantLinks) {
		t.Fatalf("links = %+v", res.Links)
	}
	for i, l := range wantLinks {
		if res.Links[i] != l {
			t.Errorf("link %d = %+v, want %+v", i, res.Links[i], l)
		}
	}
	html := Relocate(res.HTML, "../")
	for _, want := range []string{`href="../cleaning/lift.html#%E6%97%A5%E5%B8%B8%E4%BF%9D%E6%B4%81"`, `href="#%E6%AD%A5%E9%AA%A4"`, `href="https://example.com/a"`, `src="../cleaning/img/a.png"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

func TestRawHTMLAndScriptLinksNeutralised(t *testing.T) {
	src := "<script>alert(1)</script>\n\n段落 <img src=x onerror=alert(1)> 文字\n\n[点我](javascript:alert(1))\n"
	res := render(t, false, src)
	for _, bad := range []string{"<script", "<img", "javascript:"} {
		if strings.Contains(res.HTML, bad) {
			t.Errorf("output contains %q:\n%s", bad, res.HTML)
		}
	}
	if !strings.Contains(res.HTML, "&lt;script&gt;") {
		t.Errorf("raw HTML should be shown as text:\n%s", res.HTML)
	}
	res = render(t, true, src)
	if !strings.Contains(res.HTML, "<script>alert(1)</script>") {
		t.Errorf("unsafe_html should pass raw HTML through:\n%s", res.HTML)
	}
}

func TestGFMFootnotesDefinitionLists(t *testing.T) {
	src := "| 区域 | 频率 |\n|---|---|\n| 洗手间 | 每小时 |\n\n- [x] 完成\n- [ ] 未完成\n\n~~删除~~ https://example.com\n\n正文[^1]\n\n[^1]: 注释\n\n六无\n: 无沙土\n"
	res := render(t, false, src)
	for _, want := range []string{"<table>", `type="checkbox"`, "<del>删除</del>", `<a href="https://example.com">`, `class="footnotes"`, "<dl>", "<dt>六无</dt>"} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
}

func TestSectionsSplitAtHeadings(t *testing.T) {
	res := render(t, false, "引言文字\n\n## 日常保洁\n\n一般不停止。\n\n## 定期清洁\n\n1. 停开电梯\n")
	if len(res.Sections) != 3 {
		t.Fatalf("sections = %+v", res.Sections)
	}
	if res.Sections[1].ID != "日常保洁" || res.Sections[1].Text != "一般不停止。" {
		t.Errorf("section 1 = %+v", res.Sections[1])
	}
	if res.Sections[2].Text != "停开电梯" {
		t.Errorf("section 2 = %+v", res.Sections[2])
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"接听电话":            "接听电话",
		"1. 明确任务":         "1-明确任务",
		"“六无”标准":          "六无标准",
		"Front Desk (前台)": "front-desk-前台",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
