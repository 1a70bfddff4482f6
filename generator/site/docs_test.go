package site

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"handbook/generator/content"
	"handbook/generator/model"
	"handbook/generator/theme"
)

// guidePath is the Chinese authoring guide, from this package's folder.
const guidePath = "../../docs/authoring.zh-CN.md"

// fence is one fenced code block of a Markdown file.
type fence struct {
	info   string // the info string, trimmed: "markdown", "text" …
	line   int    // line of the opening fence, from 1
	before string // the line before the opening fence, trimmed
	lines  []string
}

// fences returns the fenced code blocks of src (``` or ~~~, indented or
// not, as inside a list item).
func fences(src string) []fence {
	var out []fence
	var cur *fence
	var mark string
	indent := 0
	prev := ""
	for i, l := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		t := strings.TrimLeft(l, " ")
		if cur == nil {
			for _, c := range []string{"```", "~~~"} {
				if strings.HasPrefix(t, c) {
					n := len(t) - len(strings.TrimLeft(t, c[:1]))
					mark = strings.Repeat(c[:1], n)
					indent = len(l) - len(t)
					cur = &fence{info: strings.TrimSpace(t[n:]), line: i + 1, before: strings.TrimSpace(prev)}
					break
				}
			}
			prev = l
			continue
		}
		if strings.HasPrefix(t, mark) && strings.TrimSpace(strings.TrimLeft(t, mark[:1])) == "" {
			out = append(out, *cur)
			cur = nil
			continue
		}
		// Drop the fence's indentation from its lines, as Markdown does.
		n := 0
		for n < indent && n < len(l) && l[n] == ' ' {
			n++
		}
		cur.lines = append(cur.lines, l[n:])
	}
	return out
}

var fileComment = regexp.MustCompile(`^<!--\s*(\S+)\s*-->$`)

// exampleDocs are the documents whose examples are built, from this
// package's folder.
var exampleDocs = []string{guidePath, "../../docs/quiz-format.md"}

// TestAuthoringGuide keeps the examples of docs/authoring.zh-CN.md and
// docs/quiz-format.md true. Every fenced block with the info string
// markdown right after a comment naming a file (<!-- content/cleaning/x.md -->
// or <!-- quizzes/x.md -->, which a reader of the rendered page does not
// see) is written to that file in a copy of the bundled handbook, which
// must then build with no problem and no warning. Blocks that show a
// mistake carry no such comment. The guide's table of kinds must name
// every kind and only those, each with its label on the site and all its
// own fields; its table of common fields, every common field.
func TestAuthoringGuide(t *testing.T) {
	b, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(b)

	t.Run("examples", func(t *testing.T) {
		dir := t.TempDir()
		root := filepath.Join("..", "..")
		for _, name := range []string{"content", "quizzes", "handbook.toml", "handbook.yaml"} {
			src := filepath.Join(root, name)
			if _, err := os.Stat(src); err == nil {
				copyTree(t, src, filepath.Join(dir, name))
			}
		}
		written := map[string]string{}
		var quizText []string
		var pages, quizzes []string
		for _, doc := range exampleDocs {
			src, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			marked := 0
			for _, f := range fences(string(src)) {
				if f.info != "markdown" || len(f.lines) == 0 {
					continue
				}
				m := fileComment.FindStringSubmatch(f.before)
				if m == nil {
					continue
				}
				marked++
				name := m[1]
				where := doc + ":" + strconv.Itoa(f.line)
				if path.Clean(name) != name || strings.HasPrefix(name, "../") || !strings.HasSuffix(name, ".md") ||
					!(strings.HasPrefix(name, "content/") || strings.HasPrefix(name, "quizzes/")) {
					t.Errorf("%s: the example names %q: name a .md file under content/ or quizzes/", where, name)
					continue
				}
				if w, ok := written[name]; ok {
					t.Errorf("%s: %s is also the file of the example at %s", where, name, w)
					continue
				}
				written[name] = where
				p := filepath.Join(dir, filepath.FromSlash(name))
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s: %s is a file of the bundled handbook: give the example a name of its own", where, name)
					continue
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				body := strings.Join(f.lines, "\n") + "\n"
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				if rel, ok := strings.CutPrefix(name, "content/"); ok {
					pages = append(pages, content.URLOf(rel))
				} else {
					quizzes = append(quizzes, content.URLOf(name))
					if doc == guidePath {
						quizText = append(quizText, body)
					}
				}
			}
			if marked == 0 {
				t.Errorf("%s has no example marked with a file comment", doc)
			}
		}
		if len(pages) == 0 || len(quizzes) == 0 {
			t.Fatalf("%s has %d page and %d quiz examples marked with a file comment; want at least one of each", guidePath, len(pages), len(quizzes))
		}
		// The guide shows one question of each type.
		all := strings.Join(quizText, "\n")
		for _, typ := range []string{"multiple", "truefalse", "order", "match", "short"} {
			if !regexp.MustCompile(`(?m)^## .*\{#[^}]*type=` + typ + `[ }]`).MatchString(all) {
				t.Errorf("the quiz examples of %s have no question of type %s", guidePath, typ)
			}
		}
		if !regexp.MustCompile(`(?m)^## .*\{#[^ }]+\}\s*$`).MatchString(all) {
			t.Errorf("the quiz examples of %s have no single-choice question", guidePath)
		}

		res, err := Build(context.Background(), Options{Source: dir})
		if err != nil {
			// Line k of an example file is line k after the fence.
			var where []string
			for name, w := range written {
				where = append(where, name+" is the example whose opening fence is at "+w)
			}
			slices.Sort(where)
			t.Fatalf("the bundled handbook with the examples of %s does not build:\n%v\n%s", guidePath, err, strings.Join(where, "\n"))
		}
		for _, w := range res.Warnings {
			t.Errorf("warning: %v", w)
		}
		for _, u := range append(pages, quizzes...) {
			if _, err := os.Stat(filepath.Join(res.Dest, filepath.FromSlash(u))); err != nil {
				t.Errorf("the example %s was not published: %v", u, err)
			}
		}
	})

	t.Run("kinds", func(t *testing.T) {
		ui, err := theme.Load(nil, "", "zh-CN", nil)
		if err != nil {
			t.Fatal(err)
		}
		labels := map[string]string{}
		for _, s := range model.FieldSections {
			labels[s.Key] = s.ID
		}
		rows := table(guide, "kind")
		if rows == nil {
			t.Fatalf("%s has no table headed | kind | …", guidePath)
		}
		seen := map[model.Kind]bool{}
		for _, r := range rows {
			if len(r) < 4 {
				t.Errorf("row %q of the table of kinds has %d cells, want 4", r, len(r))
				continue
			}
			k := model.Kind(strings.Trim(r[0], "`"))
			if !k.Valid() {
				t.Errorf("the table of kinds lists %q, which is not a kind (kinds: %v)", r[0], model.Kinds)
				continue
			}
			if seen[k] {
				t.Errorf("the table of kinds lists %s twice", k)
			}
			seen[k] = true
			if want := ui.T("kind." + string(k)); r[1] != want {
				t.Errorf("the table of kinds calls %s %q on the site; the site says %q", k, r[1], want)
			}
			got := fieldsOf(r[3])
			want := model.KindFields[k]
			for _, f := range got {
				if !slices.Contains(want, f) {
					t.Errorf("the table of kinds gives %s the field %q, which it does not have (its fields: %v)", k, f, want)
				}
			}
			for _, f := range want {
				if !slices.Contains(got, f) {
					t.Errorf("the table of kinds leaves out the field %q of %s", f, k)
				}
			}
			// A field's Chinese in brackets is its heading and anchor.
			for _, m := range regexp.MustCompile("`([a-z_]+)`（([^）]*)）").FindAllStringSubmatch(r[3], -1) {
				id, ok := labels[m[1]]
				han := m[2] // up to the first character that is not Chinese
				if i := strings.IndexFunc(han, func(r rune) bool { return !unicode.Is(unicode.Han, r) }); i >= 0 {
					han = han[:i]
				}
				if ok && han != "" && han != id {
					t.Errorf("the table of kinds names the section of %s %q; its heading and anchor are %q", m[1], han, id)
				}
			}
		}
		for _, k := range model.Kinds {
			if !seen[k] {
				t.Errorf("the table of kinds of %s leaves out the kind %s", guidePath, k)
			}
		}

		common := table(guide, "通用字段")
		if common == nil {
			t.Fatalf("%s has no table headed | 通用字段 | …", guidePath)
		}
		var got []string
		for _, r := range common {
			got = append(got, strings.Trim(r[0], "`"))
		}
		if !slices.Equal(got, model.CommonFields) {
			t.Errorf("the table of common fields lists %v; every kind accepts %v", got, model.CommonFields)
		}
	})
}

// table returns the rows (cells trimmed) of the first Markdown table of
// src whose header's first cell is first, or nil.
func table(src, first string) [][]string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		cells := tableCells(l)
		if len(cells) == 0 || cells[0] != first {
			continue
		}
		var rows [][]string
		for _, l := range lines[min(i+2, len(lines)):] {
			if !strings.HasPrefix(strings.TrimSpace(l), "|") {
				break
			}
			rows = append(rows, tableCells(l))
		}
		return rows
	}
	return nil
}

func tableCells(l string) []string {
	l = strings.TrimSpace(l)
	if !strings.HasPrefix(l, "|") {
		return nil
	}
	cells := strings.Split(strings.Trim(l, "|"), "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// fieldsOf returns the fields named in backquotes in a cell, leaving out
// those inside full-width brackets (the parts of a field, its values).
func fieldsOf(cell string) []string {
	var b strings.Builder
	depth := 0
	for _, r := range cell {
		switch {
		case r == '（':
			depth++
		case r == '）':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	var out []string
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(b.String(), -1) {
		out = append(out, m[1])
	}
	return out
}
