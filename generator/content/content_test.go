package content

import (
	"strings"
	"testing"
	utf16enc "unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"handbook/generator/markdown"
	"handbook/generator/model"
)

func parse(src string) (*model.Page, error) {
	r := markdown.New(markdown.Options{URLOf: URLOf})
	return ParseFile(r, "content/cleaning/lift.md", "cleaning/lift.md", []byte(src))
}

func gbk(s string) string {
	b, _ := simplifiedchinese.GBK.NewEncoder().String(s)
	return b
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty", "", "content/cleaning/lift.md:1: file is empty"},
		{"blank", "\n  \n", "content/cleaning/lift.md:1: file is empty"},
		{"no front matter", "# 电梯\n", "content/cleaning/lift.md:1: no front matter"},
		{"unclosed", "---\ntitle: 电梯\n", "content/cleaning/lift.md:1: front matter opened with --- is never closed"},
		{"malformed yaml", "---\ntitle: 电梯\nkind: cleaning\nsteps: [a, b\n---\n正文\n", "content/cleaning/lift.md:4: malformed YAML front matter"},
		{"bad indentation", "---\ntitle: 电梯\nkind: cleaning\ntools:\n  - 水桶\n - 地拖\n---\n正文\n", "content/cleaning/lift.md:6: malformed YAML front matter"},
		{"malformed toml", "+++\ntitle = \"电梯\"\nkind = cleaning\n+++\n正文\n", "content/cleaning/lift.md:3: malformed TOML front matter"},
		{"missing kind", "---\ntitle: 电梯\n---\n正文\n", "content/cleaning/lift.md:1: missing kind"},
		{"unknown kind", "---\ntitle: 电梯\nkind: cleanning\n---\n正文\n", `content/cleaning/lift.md:3: unknown kind "cleanning": use one of role, procedure`},
		{"unknown field", "---\ntitle: 电梯\nkind: cleaning\nfrequncy: 每天\n---\n正文\n", `content/cleaning/lift.md:4: unknown field "frequncy": did you mean "frequency"?`},
		{"field of other kind", "---\ntitle: 电梯\nkind: cleaning\nduties: [a]\n---\n正文\n", `content/cleaning/lift.md:4: unknown field "duties"`},
		{"unknown toml field", "+++\ntitle = \"电梯\"\nkind = \"cleaning\"\ntags = []\nstepz = []\n+++\n正文\n", `content/cleaning/lift.md:5: unknown field "stepz": did you mean "steps"?`},
		{"nested unknown field", "---\ntitle: 标准\nkind: standard\nlists:\n  - name: 六无\n    aplies_to: 室外\n    items: [无沙土]\n---\n正文\n", `content/cleaning/lift.md:6: unknown field "aplies_to": did you mean "applies_to"?`},
		{"wrong type", "---\ntitle: 电梯\nkind: cleaning\nsteps: 一步\n---\n正文\n", `content/cleaning/lift.md:4: front matter: steps must be a list, not "一步": write [a, b], or one "- item" line per item`},
		{"bad date", "---\ntitle: 电梯\nkind: cleaning\nupdated: 2024/1/2\n---\n正文\n", "content/cleaning/lift.md:4:"},
		{"bad date and wrong type", "---\ntitle: 电梯\nkind: cleaning\nupdated: 2024/1/2\nsteps: 一步\n---\n正文\n", "content/cleaning/lift.md:4: front matter: date \"2024/1/2\" is not written as YYYY-MM-DD: write 2024-01-02\ncontent/cleaning/lift.md:5: front matter: steps must be a list"},
		{"missing title", "---\nkind: cleaning\n---\n正文\n", "content/cleaning/lift.md:1: missing title"},
		{"unknown form", "---\ntitle: 电梯年检表\nkind: checklist\nform: yearly\nsteps: [a]\n---\n正文\n", `content/cleaning/lift.md:4: form "yearly" is not an inspection form: use daily, weekly, monthly, or leave form out for a plain checklist`},
		{"only front matter", "---\ntitle: 电梯\nkind: page\n---\n", "content/cleaning/lift.md:4: page has front matter but no content"},
		{"gbk", gbk("---\ntitle: 电梯保洁\nkind: page\n---\n电梯日常保洁\n"), "content/cleaning/lift.md:2: file is GBK/GB18030-encoded, not UTF-8: convert it with `iconv -f GB18030 -t UTF-8 lift.md > lift.md.utf8`"},
		{"latin1", "---\ntitle: caf\xe9\nkind: page\n---\nx\n", "content/cleaning/lift.md:2: file is not valid UTF-8"},
		{"utf-16 without a byte order mark", utf16("---\r\ntitle: 电梯\r\nkind: page\r\n---\r\n正文\r\n", false), "content/cleaning/lift.md:1: file is saved as UTF-16 (Unicode), not UTF-8: in your editor choose Save As… > Encoding: UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.src)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error:\n  %v\nwant prefix:\n  %s", err, tc.want)
			}
		})
	}
}

// utf16 encodes s as UTF-16, little-endian as Notepad saves it, with or
// without a byte order mark.
func utf16(s string, bom bool) string {
	var b []byte
	if bom {
		b = []byte{0xff, 0xfe}
	}
	for _, u := range utf16enc.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// TestParseAcceptsUTF16: a page saved as Notepad's "Unicode" (UTF-16 with a
// byte order mark) reads as the same page saved as UTF-8.
func TestParseAcceptsUTF16(t *testing.T) {
	src := "---\r\ntitle: 电梯\r\nkind: cleaning\r\nsteps:\r\n  - 停开电梯\r\n---\r\n## 日常保洁\r\n\r\n一般不停止。\r\n"
	want, err := parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{utf16(src, true), "\xfe\xff" + string(utf16BE(src))} {
		got, err := parse(enc)
		if err != nil {
			t.Fatal(err)
		}
		if got.FM.Title != want.FM.Title || got.HTML != want.HTML || got.BodyLine != want.BodyLine || len(got.FM.Steps) != 1 {
			t.Errorf("UTF-16 page = %+v, %q; want %+v, %q", got.FM, got.HTML, want.FM, want.HTML)
		}
	}
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16enc.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestParseAcceptsBOMAndCRLF(t *testing.T) {
	src := "\ufeff---\r\ntitle: 电梯\r\nkind: cleaning\r\nfrequency: 每天\r\nsteps:\r\n  - 停开电梯\r\n  - 设置告示牌\r\nupdated: 2024-03-01\r\n---\r\n## 日常保洁\r\n\r\n一般不停止。\r\n"
	p, err := parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.FM.Title != "电梯" || len(p.FM.Steps) != 2 || p.FM.Frequency != "每天" || p.FM.Updated.String() != "2024-03-01" {
		t.Errorf("front matter = %+v", p.FM)
	}
	if p.BodyLine != 10 || len(p.Headings) != 1 || p.Headings[0].Line != 10 {
		t.Errorf("body line %d, headings %+v", p.BodyLine, p.Headings)
	}
	if p.URL != "cleaning/lift.html" || p.Section != "cleaning" {
		t.Errorf("URL %q section %q", p.URL, p.Section)
	}
	if p.FMLines["steps"] != 5 {
		t.Errorf("steps line = %d, want 5", p.FMLines["steps"])
	}
}

func TestParseTOML(t *testing.T) {
	p, err := parse("+++\ntitle = \"电梯\"\nkind = \"cleaning\"\nupdated = 2024-03-01\ntools = [\"毛巾\", \"地拖\"]\n+++\n正文\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.FM.Updated.String() != "2024-03-01" || len(p.FM.Tools) != 2 {
		t.Errorf("front matter = %+v", p.FM)
	}
}

func TestFieldSectionsReserveIDs(t *testing.T) {
	p, err := parse("---\ntitle: 电梯\nkind: cleaning\nsteps: [停开电梯]\n---\n## 步骤\n\n正文\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.Headings[0].ID != "步骤-1" {
		t.Errorf("body heading took the field section's ID: %q", p.Headings[0].ID)
	}
	if p.Sections[0].ID != "步骤" || p.Sections[0].Text != "停开电梯" {
		t.Errorf("first section = %+v", p.Sections[0])
	}
}

func TestURLOf(t *testing.T) {
	for in, want := range map[string]string{
		"_index.md":         "index.html",
		"roles/_index.md":   "roles/index.html",
		"roles/designer.md": "roles/designer.html",
		"a/b/c.md":          "a/b/c.html",
	} {
		if got := URLOf(in); got != want {
			t.Errorf("URLOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIgnored(t *testing.T) {
	for _, n := range []string{".lift.md.swp", "lift.md~", ".#lift.md", "#lift.md#", "4913", ".hidden.md",
		"lift.md.bak", "lift.md.BAK", "lift.md.orig", "lift.md.crswap", "lift.md.kate-swp", "lift.md___jb_tmp___",
		"~$lift.md", "Thumbs.db", "desktop.ini"} {
		if !Ignored(n) {
			t.Errorf("%q should be ignored", n)
		}
	}
	if Ignored("lift.md") {
		t.Error("lift.md ignored")
	}
}
