package content_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// FuzzParseFile feeds arbitrary bytes to content.ParseFile, seeded with the
// bundled handbook's pages. It checks that nothing panics, that a problem
// is one diag.Error naming the file at a line inside it, and that an
// accepted page is whole: a title and a valid kind, its URL from its path,
// UTF-8 HTML, and headings, links and front-matter keys at lines of the
// file.
func FuzzParseFile(f *testing.F) {
	filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	for _, s := range []string{
		"",
		"---\ntitle: 电梯\nkind: page\n---\n",
		"\ufeff+++\r\ntitle = \"电梯\"\r\nkind = \"cleaning\"\r\nsteps = [\"a\"]\r\n+++\r\n## 步骤\r\n",
		"---\ntitle: x\nkind: checklist\nsignoff:\n  columns: [日期]\n  row_count: 3\n---\n",
		"---\ntitle: x\nkind: page\n---\n[a](../b.md#c) [b](#d)\n\n## d {#d}\n",
	} {
		f.Add([]byte(s))
	}
	r := markdown.New(markdown.Options{URLOf: content.URLOf})
	const file, contentPath = "content/a/b.md", "a/b.md"
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := content.ParseFile(r, file, contentPath, raw)
		norm := bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
		norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + 1
		if err != nil {
			if p != nil {
				t.Fatal("a page and an error")
			}
			var e *diag.Error
			if !errors.As(err, &e) {
				var l diag.List
				if !errors.As(err, &l) || len(l) == 0 {
					t.Fatalf("error is not a diag.Error: %T %v", err, err)
				}
				e = l[0]
			}
			if e.File != file || e.Line < 0 || e.Line > lines {
				t.Fatalf("problem at %s:%d of a %d-line file: %v", e.File, e.Line, lines, err)
			}
			return
		}
		if strings.TrimSpace(p.FM.Title) == "" || !p.FM.Kind.Valid() {
			t.Fatalf("accepted a page with title %q, kind %q", p.FM.Title, p.FM.Kind)
		}
		if p.URL != "a/b.html" || p.Path != contentPath || p.File != file || p.Section != "a" {
			t.Fatalf("page identity %q %q %q %q", p.URL, p.Path, p.File, p.Section)
		}
		if !utf8.ValidString(p.HTML) || !utf8.ValidString(p.Text()) {
			t.Fatal("output is not UTF-8")
		}
		if p.BodyLine < 1 || p.BodyLine > lines+1 {
			t.Fatalf("body at line %d of %d", p.BodyLine, lines)
		}
		for _, h := range p.Headings {
			if h.Line < p.BodyLine || h.Line > lines {
				t.Fatalf("heading %q at line %d; body lines %d-%d", h.Text, h.Line, p.BodyLine, lines)
			}
		}
		for _, l := range p.Links {
			if l.Line < p.BodyLine || l.Line > lines {
				t.Fatalf("link %q at line %d; body lines %d-%d", l.Dest, l.Line, p.BodyLine, lines)
			}
		}
		for k, line := range p.FMLines {
			if line < 1 || line >= p.BodyLine {
				t.Fatalf("front-matter key %q at line %d; body at %d", k, line, p.BodyLine)
			}
		}
	})
}
