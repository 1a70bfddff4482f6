package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/markdown"
	"handbook/generator/model"
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
