package markdown_test

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/content"
	"handbook/generator/markdown"
)

// FuzzRender renders arbitrary Markdown, links included, as the loader
// does (after content.Normalize), and checks the output in both modes: no
// panic, valid UTF-8, links and headings at lines of the body, unique
// generated heading IDs, and, unless raw HTML is allowed, nothing that runs
// script: no script or frame elements, no event-handler or style
// attributes, no javascript:, vbscript: or data: URLs wherever the body is
// placed.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"见[电梯](../cleaning/lift.md#日常保洁)和[本页](#步骤)。\n\n![图](img/a.png)\n",
		"## 接听电话 {#phone .big onclick=\"alert(1)\" style=\"color:red\"}\n\n## 接听电话\n",
		"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html,<script>alert(1)</script>)\n",
		"[a](java&#x73;cript:alert(1)) [b](javascript&colon;alert(1)) [c](%01javascript:alert(1)) [d](./javascript:alert(1).md)\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <iframe src=x></iframe>\n",
		"[x]: javascript:alert(1)\n\n[x] [y][x] ![z][x]\n",
		"<javascript:alert(1)> <https://example.com> www.example.com\n",
		"- [x] 完成\n- [ ] 未完成\n\n| a | b |\n|---|---|\n| [l](a.md) | c |\n\n正文[^1]\n\n[^1]: 注释 [l](b.md#x)\n\n六无\n: 无沙土\n",
		"[a](a&amp;b.md) [b](a%26b.md#x&y) [c](<a b.md>) [d](a\\#b.md) [e](%ff.md) [f](../../../x.md)\n",
	} {
		f.Add(s, false)
	}
	f.Add("<b onclick=\"alert(1)\">x</b>\n\n## h {onclick=\"alert(1)\"}\n", true)
	f.Fuzz(func(t *testing.T, src string, unsafe bool) {
		body, err := content.Normalize("content/a/b.md", []byte(src))
		if err != nil {
			return // not UTF-8: the loader reports it and renders nothing
		}
		r := markdown.New(markdown.Options{UnsafeHTML: unsafe, URLOf: content.URLOf})
		const first = 7
		res, err := r.Render("a/b.md", body, first, []string{"步骤"})
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		last := first + bytes.Count(body, []byte("\n"))
		for _, l := range res.Links {
			if l.Line < first || l.Line > last {
				t.Errorf("link %q at line %d, body has lines %d-%d", l.Dest, l.Line, first, last)
			}
		}
		seen := map[string]bool{"步骤": true}
		for _, h := range res.Headings {
			if h.Line < first || h.Line > last {
				t.Errorf("heading %q at line %d, body has lines %d-%d", h.Text, h.Line, first, last)
			}
			if seen[h.ID] && !strings.Contains(src, "#"+h.ID) {
				t.Errorf("heading ID %q given twice", h.ID)
			}
			seen[h.ID] = true
		}
		for _, root := range []string{"", "../", "../../"} {
			out := markdown.Relocate(res.HTML, root)
			if !utf8.ValidString(out) {
				t.Fatalf("output is not UTF-8: %q", out)
			}
			if strings.Contains(out, `="`+"%01") {
				t.Errorf("root marker left in the output: %q", out)
			}
			if !unsafe {
				if p := Hostile(out); p != "" {
					t.Fatalf("placed at %q the output has %s:\n%s", root, p, out)
				}
			}
		}
	})
}

// Hostile returns what in an HTML fragment could run script or restyle
// the page, or "" when there is nothing.
func Hostile(s string) string {
	for _, tag := range tags(s) {
		switch tag.name {
		case "script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math", "template":
			return "a <" + tag.name + "> element"
		}
		for name, v := range tag.attrs {
			if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" || name == "formaction" {
				return "attribute " + name + " on <" + tag.name + ">"
			}
			if name == "href" || name == "src" || name == "action" {
				if DangerousURL(v) {
					return "URL " + v + " in " + name
				}
			}
		}
	}
	return ""
}

// DangerousURL reports whether u, an attribute value, is a URL that runs
// script or shows a document of its own, as a browser reads it.
func DangerousURL(u string) bool {
	u = html.UnescapeString(u)
	// Browsers drop leading C0 controls and spaces, and tabs and newlines
	// anywhere.
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	u = strings.ToLower(u)
	for _, p := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(u, p) {
			return false
		}
	}
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

type tag struct {
	name  string
	attrs map[string]string
}

// tags reads the start tags of an HTML fragment as goldmark writes them:
// attribute values are always quoted.
func tags(s string) []tag {
	var out []tag
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return out
		}
		s = s[i+1:]
		j := 0
		for j < len(s) && (isAlnum(s[j])) {
			j++
		}
		if j == 0 {
			continue
		}
		t := tag{name: strings.ToLower(s[:j]), attrs: map[string]string{}}
		s = s[j:]
		for {
			s = strings.TrimLeft(s, " \t\n\r/")
			if s == "" || s[0] == '>' {
				break
			}
			k := 0
			for k < len(s) && s[k] != '=' && s[k] != ' ' && s[k] != '>' && s[k] != '/' {
				k++
			}
			name := strings.ToLower(s[:k])
			s = s[k:]
			val := ""
			if strings.HasPrefix(s, "=") {
				s = s[1:]
				if s != "" && (s[0] == '"' || s[0] == '\'') {
					q := s[0]
					end := strings.IndexByte(s[1:], q)
					if end < 0 {
						end = len(s) - 1
					}
					val, s = s[1:1+end], s[min(len(s), end+2):]
				} else {
					k := strings.IndexAny(s, " >")
					if k < 0 {
						k = len(s)
					}
					val, s = s[:k], s[k:]
				}
			}
			if name != "" {
				t.attrs[name] = val
			} else if s != "" && s[0] != '>' {
				s = s[1:]
			}
		}
		out = append(out, t)
	}
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
