package markdown

import (
	"strings"
	"testing"

	"handbook/generator/model"
)

// TestLinksFromTheRootAndWithSpaces: a link from / is a link from the
// content root, written relative; a link the parser reads as text because
// of a space is recorded for the site to report, and words in brackets
// and parentheses are not.
func TestLinksFromTheRootAndWithSpaces(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		links     []model.Link
		html      string
	}{
		{"from the root", "见[电梯](/cleaning/lift.md#日常保洁)", []model.Link{{Dest: "/cleaning/lift.md#日常保洁", Line: 5, Target: "cleaning/lift.md", Anchor: "日常保洁"}},
			`href="../cleaning/lift.html#%E6%97%A5%E5%B8%B8%E4%BF%9D%E6%B4%81"`},
		{"image from the root", "![图](/img/a.png)", []model.Link{{Dest: "/img/a.png", Line: 5, Target: "img/a.png"}}, `src="../img/a.png"`},
		{"protocol-relative", "[站](//example.com/a)", nil, `href="//example.com/a"`},
		{"space in the anchor", "正文\n\n见[电梯](lift.md#定期 清洁)。", []model.Link{{Dest: "lift.md#定期 清洁", Line: 7}}, ""},
		{"space in the file name", "见[**电梯**](my lift.md)", []model.Link{{Dest: "my lift.md", Line: 5}}, ""},
		{"words in parentheses", "注[一](见 第二章)", nil, ""},
		{"in code", "`[a](b c.md)`", nil, ""},
		{"in angle brackets", "[a](<b c.md>)", []model.Link{{Dest: "<b c.md>", Line: 5, Target: "cleaning/b c.md"}}, `href="../cleaning/b%20c.html"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := render(t, false, tc.src)
			if len(res.Links) != len(tc.links) {
				t.Fatalf("links = %+v, want %+v", res.Links, tc.links)
			}
			for i, l := range tc.links {
				got := res.Links[i]
				if got.Target != l.Target || got.Anchor != l.Anchor || got.Line != l.Line || (l.Target == "" && got.Dest != l.Dest) {
					t.Errorf("link %d = %+v, want %+v", i, got, l)
				}
				if Unparsed(got) != (l.Target == "" && l.Anchor == "") {
					t.Errorf("Unparsed(%+v) = %v", got, Unparsed(got))
				}
			}
			if html := Relocate(res.HTML, "../"); !strings.Contains(html, tc.html) {
				t.Errorf("want %s in\n%s", tc.html, html)
			}
		})
	}
}
