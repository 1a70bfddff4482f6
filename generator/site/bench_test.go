package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/markdown"
	"handbook/generator/model"
	"handbook/internal/corpus"
)

// BenchmarkBuildBundled builds the bundled handbook, output included.
func BenchmarkBuildBundled(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), Options{Source: "../..", Dest: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderPage draws one content page: with the Go renderer a build
// uses for the default theme, and with the page layout's templates, which a
// theme that replaces them gets.
func BenchmarkRenderPage(b *testing.B) {
	s := loadSite(b, "../..")
	sv := s.siteView()
	s.chromes = map[string]*Chrome{}
	s.fields = map[*model.Page]string{}
	s.goFields = true
	p := s.Page("cleaning/elevator-periodic.md")
	view := func() *View {
		v := &View{Site: sv, Root: rootOf(p.URL), URL: p.URL, Layout: "page"}
		s.fillPage(v, p)
		v.Chrome, _ = s.chrome(sv, v.Root)
		return v
	}
	b.Run("go", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			s.renderHTML("page", view())
		}
	})
	b.Run("template", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := s.Theme.Render("page", view()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMarkdown renders one page body with the site's goldmark setup.
func BenchmarkMarkdown(b *testing.B) {
	src, err := os.ReadFile("../../content/cleaning/elevator.md")
	if err != nil {
		b.Fatal(err)
	}
	r := markdown.New(markdown.Options{URLOf: func(p string) string { return p }})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := r.Render("cleaning/elevator.md", src, 1, []string{model.FieldSections[0].ID}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveOnePage is the dev server's work for one save to one page of
// a 2,000-page synthetic site: an incremental build told which file
// changed, as the watcher tells it (the search index, which follows in the
// background, aside).
func BenchmarkSaveOnePage(b *testing.B) {
	src := b.TempDir()
	if err := corpus.Write(src, corpus.Options{Pages: 2000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ss := NewSession(Options{Source: src, Dest: filepath.Join(b.TempDir(), "public")})
	if _, err := ss.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	ss.Wait()
	page := filepath.Join(src, "content", "sec000", "p00000.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		saveText(b, ss, page, orig, fmt.Sprintf("\n第%d次修改。\n", i))
	}
	b.StopTimer()
	ss.Wait()
}
