package quiz

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addFiles seeds f with the files matching pattern under testdata/. The
// corpus under testdata/fuzz/<FuzzName>/ is run by go test as well.
func addFiles(f *testing.F, pattern string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzParse checks that Parse never panics, reports only positioned
// errors within the file, and that a quiz it accepts survives a Markdown
// round trip.
func FuzzParse(f *testing.F) {
	addFiles(f, "gift/*.md")
	f.Add([]byte(header + "\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := Parse("quizzes/f.md", src)
		lines := bytes.Count(normalize(src), []byte("\n")) + 1
		if err != nil {
			for _, e := range err.(Errors) {
				if e.File != "quizzes/f.md" || e.Line < 0 || e.Line > lines {
					t.Fatalf("error outside the file (%d lines): %v", lines, e)
				}
			}
			return
		}
		again, err := Parse(q.Path, q.Markdown())
		if err != nil {
			t.Fatalf("Markdown of an accepted quiz does not parse: %v\n%s", err, q.Markdown())
		}
		if a, b := comparable(again), comparable(q); !reflectEqual(a, b) {
			t.Fatalf("Markdown round trip differs:\n%s", q.Markdown())
		}
	})
}

// FuzzImportGIFT checks that ImportGIFT never panics, that its problems
// point into the file, and that the Markdown it writes for questions that
// came through without problems parses.
func FuzzImportGIFT(f *testing.F) {
	addFiles(f, "gift/*.gift")
	f.Fuzz(func(t *testing.T, src []byte) {
		md, probs := ImportGIFT("f.gift", src)
		lines := bytes.Count(normalize(src), []byte("\n")) + 1
		for _, p := range probs {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem outside the file: %v", p)
			}
		}
		if len(probs) == 0 {
			if _, err := Parse("quizzes/f.md", md); err != nil {
				// The GIFT may hold questions Moodle accepts and our rules
				// do not (one choice, two pairs); those are reported by
				// Parse, with lines. It must never be unreadable.
				for _, e := range err.(Errors) {
					if e.Line <= 0 && e.Msg != "quiz has no questions; each question starts with a level-2 heading (##)" {
						t.Fatalf("imported Markdown unreadable: %v\n%s", e, md)
					}
				}
			}
		}
	})
}
