package content

import (
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/markdown"
)

// TestFrontMatterSlips parses the pages of testdata/slips, each the same
// page with one slip an author makes in Notepad or with a Chinese input
// method, and checks the exact file:line and what the message tells the
// author to do. Pages whose name ends in -ok hold text that only looks
// like a slip and must load.
func TestFrontMatterSlips(t *testing.T) {
	const note = ` (a note for editors goes on a line of its own starting with #)`
	for _, tc := range []struct{ file, want string }{
		{"comment-in-item", `:9: the text after # ("#2号电梯重点擦") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in - "擦抹显示屏 #2号电梯重点擦"` + note},
		{"comment-after-value", `:4: the text after # ("#注释: 好") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in department: "环境管理部 #注释: 好"` + note},
		{"comment-is-value", `:6: the text after # ("#3号楼") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in area: "#3号楼"` + note},
		{"comment-after-quotes", `:2: the text after # ("#改") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in title: "电梯日常保洁 #改"` + note},
		{"comment-after-key", `:7: the text after # ("#步骤") is taken as a comment and would be left out of the page: to keep it, write it into the value` + note},
		{"comment-line-ok", ""},
		{"hash-in-text-ok", ""},
		{"full-width-colon-in-item-ok", ""},
		{"multiline-quote-ok", ""},
		{"tab-before-item", `:9: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs`},
		{"tab-before-key", `:6: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs`},
		{"multiline-quote-then-tab", `:10: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs`},
		{"full-width-space-before-item", `:9: malformed YAML front matter: this line is indented with a full-width space (` + "\u3000" + `): indent with ordinary spaces`},
		{"unclosed-double-quote", `:2: malformed YAML front matter: the quote " that starts this value is not closed: add " at the end of the value, on this line`},
		{"unclosed-single-quote", `:2: malformed YAML front matter: the quote ' that starts this value is not closed: add ' at the end of the value, on this line`},
		{"unclosed-list", `:4: malformed YAML front matter: the list opened with [ is not closed: add ] at its end, on this line`},
		{"full-width-colon", `:6: malformed YAML front matter: "area：电梯" has a full-width colon "：" after the key: write an ASCII colon and a space instead, as in "area: 电梯"`},
		{"full-width-colon-first", `:2: malformed YAML front matter: "title：电梯日常保洁" has a full-width colon "：" after the key: write an ASCII colon and a space instead, as in "title: 电梯日常保洁"`},
		{"no-space-after-colon", `:6: malformed YAML front matter: "area:电梯" has no space after the colon: write "area: 电梯"`},
		{"no-space-after-dash", `:9: malformed YAML front matter: "-擦抹显示屏" has no space after the dash: write "- 擦抹显示屏"`},
		{"day-does-not-exist", `:5: front matter: date "2026-11-31" does not exist: 2026-11 has 30 days`},
		{"quoted-day-does-not-exist", `:5: front matter: date "2026-02-29" does not exist: 2026-02 has 28 days`},
		{"month-does-not-exist", `:5: front matter: date "2026-13-01" does not exist: months go from 01 to 12`},
		{"toml-day-does-not-exist", `:4: front matter: date "2026-11-31" does not exist: 2026-11 has 30 days`},
		{"date-with-slashes", `:5: front matter: date "2026/1/5" is not written as YYYY-MM-DD: write 2026-01-05`},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "slips", tc.file+".md"))
			if err != nil {
				t.Fatal(err)
			}
			r := markdown.New(markdown.Options{URLOf: URLOf})
			file := "content/cleaning/" + tc.file + ".md"
			_, err = ParseFile(r, file, "cleaning/"+tc.file+".md", raw)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("%v, want no problem", err)
				}
				return
			}
			if err == nil || err.Error() != file+tc.want {
				t.Errorf("got:\n  %v\nwant:\n  %s", err, file+tc.want)
			}
		})
	}
}
