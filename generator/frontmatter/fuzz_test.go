package frontmatter_test

import (
	"bytes"
	"errors"
	"testing"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/frontmatter"
	"handbook/generator/model"
)

const file = "content/f.md"

// FuzzFrontMatter splits, parses and decodes arbitrary front matter into
// model.FrontMatter, as the loader does, after content.Normalize. It checks that nothing panics,
// that every problem is a diag.Error naming the file at a line inside it,
// and that a body, when there is one, is the end of the input.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: 电梯\nkind: cleaning\nsteps: [a, b]\nupdated: 2024-03-01\n---\n正文\n",
		"+++\ntitle = \"电梯\"\nkind = \"cleaning\"\nupdated = 2024-03-01\ntools = [\"毛巾\"]\n+++\n正文\n",
		"---\ntitle: 标准\nkind: standard\nlists:\n  - name: 六无\n    aplies_to: 室外\n---\n",
		"---\ntitle: [\n---\n",
		"+++\ntitle = \n+++\n",
		"---\n- a\n- b\n---\n",
		"---\na: &x {b: 1}\nc: *x\n---\n",
		"---\n",
		"+++",
		"---\nsignoff: {columns: [日期], row_count: 3}\n---\n",
		"---\nupdated: [1]\n---\n",
		"+++\n[signoff]\ncolumns = [\"a\"]\nrow_count = \"x\"\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// Split takes what the loader gives it: UTF-8, no BOM, \n endings.
		src, err := content.Normalize(file, src)
		if err != nil {
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		check := func(err error) {
			t.Helper()
			if err == nil {
				return
			}
			var list diag.List
			if errors.As(err, &list) {
				for _, e := range list {
					checkDiag(t, e, lines)
				}
				return
			}
			var e *diag.Error
			if !errors.As(err, &e) {
				t.Fatalf("error is not a diag.Error: %T %v", err, err)
			}
			checkDiag(t, e, lines)
		}
		format, fm, body, fmLine, bodyLine, err := frontmatter.Split(file, src)
		check(err)
		if err != nil {
			return
		}
		if format == frontmatter.None {
			if !bytes.Equal(body, src) || bodyLine != 1 {
				t.Fatalf("no front matter, yet the body is not the whole input")
			}
			return
		}
		if body != nil && !bytes.HasSuffix(src, body) {
			t.Fatalf("body is not the end of the input")
		}
		if fmLine < 1 || fmLine > lines || bodyLine < 1 || bodyLine > lines+1 {
			t.Fatalf("front matter line %d, body line %d in %d lines", fmLine, bodyLine, lines)
		}
		doc, err := frontmatter.Parse(file, format, fm, fmLine)
		check(err)
		if err != nil {
			return
		}
		for _, k := range doc.Keys() {
			if k.Line < 1 || k.Line > lines {
				t.Fatalf("key %q at line %d of %d", k.Name, k.Line, lines)
			}
		}
		if v, line := doc.Lookup("kind"); v != "" && (line < 1 || line > lines) {
			t.Fatalf("kind at line %d of %d", line, lines)
		}
		var out model.FrontMatter
		check(doc.Decode(func(k string) bool { return model.AllowedField(model.KindChecklist, k) }, nil, &out))
		var all model.FrontMatter
		check(doc.Decode(nil, nil, &all))
	})
}

func checkDiag(t *testing.T, e *diag.Error, lines int) {
	t.Helper()
	if e.File != file {
		t.Fatalf("problem names file %q: %v", e.File, e)
	}
	if e.Line < 0 || e.Line > lines {
		t.Fatalf("problem at line %d of a %d-line file: %v", e.Line, lines, e)
	}
	if e.Msg == "" {
		t.Fatalf("problem without a message at line %d", e.Line)
	}
}
