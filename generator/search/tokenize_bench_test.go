package search

import (
	"os"
	"strings"
	"testing"

	"handbook/generator/model"
)

// benchPage is a real page of the bundled handbook, one of its longest:
// management duties and forms, mostly Chinese prose, lists and a table.
const benchPage = "../../content/standards/management-duties.md"

// readBenchPage returns benchPage's title, and its body split into sections
// at its "## " headings. The Markdown is kept: its marks are punctuation,
// which tokenizing drops, as it drops that of rendered text.
func readBenchPage(b *testing.B) (title string, secs []model.Section) {
	b.Helper()
	src, err := os.ReadFile(benchPage)
	if err != nil {
		b.Fatal(err)
	}
	front, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
	if !ok {
		b.Fatalf("%s: no front matter", benchPage)
	}
	for _, line := range strings.Split(front, "\n") {
		if t, ok := strings.CutPrefix(line, "title:"); ok {
			title = strings.TrimSpace(t)
		}
	}
	secs = []model.Section{{}}
	for _, line := range strings.Split(body, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			secs = append(secs, model.Section{Heading: h})
			continue
		}
		secs[len(secs)-1].Text += line + "\n"
	}
	return title, secs
}

// BenchmarkTokenize tokenizes the text of a whole page; MB/s is of its
// UTF-8 bytes.
func BenchmarkTokenize(b *testing.B) {
	title, secs := readBenchPage(b)
	parts := []string{title}
	for _, s := range secs {
		parts = append(parts, s.Heading, s.Text)
	}
	text := strings.Join(parts, "\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

// BenchmarkPinyinTokens makes the pinyin terms of a page's title and
// headings, the text the index gives pinyin for.
func BenchmarkPinyinTokens(b *testing.B) {
	title, secs := readBenchPage(b)
	parts := []string{title}
	for _, s := range secs {
		parts = append(parts, s.Heading)
	}
	text := strings.Join(parts, "\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		PinyinTokens(text)
	}
}

// BenchmarkAnalyzeDoc counts the terms of the same page the way Build does,
// with the analyzer that stands in for Tokenize and PinyinTokens there; it
// is the figure to compare the two above with.
func BenchmarkAnalyzeDoc(b *testing.B) {
	title, secs := readBenchPage(b)
	d := Doc{URL: "standards/management-duties.html", Title: title, Kind: "standard", KindLabel: "标准", Sections: secs}
	size := len(d.Title) + len(d.KindLabel)
	for _, s := range secs {
		size += len(s.Heading) + len(s.Text)
	}
	a := newAnalyzer()
	a.doc(&d) // the first page reads the pinyin of its characters; later ones reuse them
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		a.doc(&d)
	}
}
