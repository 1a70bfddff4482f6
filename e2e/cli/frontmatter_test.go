package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFrontMatterSlips makes, in a copy of the bundled handbook, the slips
// an author makes in the front matter of content/cleaning/elevator-daily.md
// (or of a quiz) in Notepad or with a Chinese input method, and runs
// `handbook check`: it must name the line of the slip and say what to
// write instead, and text that only looks like a slip must pass.
func TestFrontMatterSlips(t *testing.T) {
	const page = "content/cleaning/elevator-daily.md"
	const note = ` (a note for editors goes on a line of its own starting with #)`
	for _, tc := range []struct {
		name string
		file string // page when empty
		line int    // of the file, 1-based
		old  string // replaced in that line by new
		new  string
		want string // the one problem, or "" for none
	}{
		{"comment in a list item", "", 17, "擦抹显示屏", "擦抹显示屏 #2号电梯重点擦",
			page + `:17: the text after # ("#2号电梯重点擦") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in - "擦抹显示屏 #2号电梯重点擦"` + note},
		{"comment after a value", "", 5, "环境管理部", "环境管理部 #注释: 好",
			page + `:5: the text after # ("#注释: 好") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in department: "环境管理部 #注释: 好"` + note},
		{"comment on a line of its own", "", 17, "- 擦抹显示屏", "# 2号电梯重点擦\n- 擦抹显示屏", ""},
		{"# inside text", "", 11, "电梯", "2#楼电梯", ""},
		{"full-width colon inside an item", "", 17, "擦抹显示屏", "擦抹显示屏：重点", ""},
		{"tab before a list item", "", 17, "- ", "\t- ",
			page + ":17: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs"},
		{"tab before a key", "", 11, "area", "\tarea",
			page + ":11: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs"},
		{"unclosed double quote", "", 2, "title: ", `title: "`,
			page + `:2: malformed YAML front matter: the quote " that starts this value is not closed: add " at the end of the value, on this line`},
		{"unclosed single quote", "", 2, "title: ", `title: '`,
			page + `:2: malformed YAML front matter: the quote ' that starts this value is not closed: add ' at the end of the value, on this line`},
		{"full-width colon after a key", "", 11, "area: ", "area：",
			page + `:11: malformed YAML front matter: "area：电梯" has a full-width colon "：" after the key: write an ASCII colon and a space instead, as in "area: 电梯"`},
		{"full-width comma between roles", "", 4, "保洁员, ", "保洁员，",
			page + `:4: unknown role "保洁员，保洁组长": separate roles with the ASCII comma ",", not "，", as in [保洁员, 保洁组长]`},
		{"enumeration comma between roles of a quiz", "quizzes/daily-standards.md", 3, "保洁员, 保洁组长", "保洁员、保洁组长",
			`quizzes/daily-standards.md:3: unknown role "保洁员、保洁组长": separate roles with the ASCII comma ",", not "、", as in [保洁员, 保洁组长]`},
		{"day that does not exist", "", 9, "2026-11-28", "2026-11-31",
			page + `:9: front matter: date "2026-11-31" does not exist: 2026-11 has 30 days`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			site := bundled(t)
			file := tc.file
			if file == "" {
				file = page
			}
			path := filepath.Join(site, filepath.FromSlash(file))
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			if !strings.Contains(lines[tc.line-1], tc.old) {
				t.Fatalf("%s:%d is %q, which does not hold %q: update the test", file, tc.line, lines[tc.line-1], tc.old)
			}
			lines[tc.line-1] = strings.Replace(lines[tc.line-1], tc.old, tc.new, 1)
			writeFile(t, path, strings.Join(lines, "\n"))

			r := handbook(t, timeout(t, time.Minute), "check", "-s", site)
			if tc.want == "" {
				if r.code != 0 {
					t.Fatalf("exit %d, want 0:\n%s", r.code, r.stderr)
				}
				return
			}
			want := tc.want + "\n1 problem(s) found.\n"
			if r.code != 1 || r.stderr != want {
				t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
			}
		})
	}
}
