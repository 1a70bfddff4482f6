package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/config"
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

// BenchmarkRenderPage executes the page layout for one content page: the
// template cost every page pays.
func BenchmarkRenderPage(b *testing.B) {
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	s, err := Load(context.Background(), os.DirFS("../.."), cfg, Options{Source: "../.."})
	if err != nil {
		b.Fatal(err)
	}
	sv := s.siteView()
	s.chromes = map[string]*Chrome{}
	s.fields = map[*model.Page]string{}
	p := s.Page("cleaning/elevator-periodic.md")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := &View{Site: sv, Root: rootOf(p.URL), URL: p.URL, Layout: "page"}
		s.fillPage(v, p)
		v.Chrome, _ = s.chrome(sv, v.Root)
		if _, err := s.Theme.Render("page", v); err != nil {
			b.Fatal(err)
		}
	}
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
