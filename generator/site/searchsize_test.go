package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"handbook/internal/corpus"
)

// TestSearchDocumentsDoNotGrowWithTheSite: the files a query loads for the
// results it shows hold a few documents each, whatever the size of the
// site. Generated drills, which ask about every page, are indexed by title
// and summary only.
func TestSearchDocumentsDoNotGrowWithTheSite(t *testing.T) {
	largest := func(pages int) int64 {
		src := t.TempDir()
		if err := corpus.Write(src, corpus.Options{Pages: pages, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: src, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		es, err := os.ReadDir(filepath.Join(dest, "search", "d"))
		if err != nil {
			t.Fatal(err)
		}
		var max int64
		for _, e := range es {
			if fi, err := e.Info(); err == nil && fi.Size() > max {
				max = fi.Size()
			}
		}
		return max
	}
	small, large := largest(100), largest(1500)
	t.Logf("largest search document file: %d B at 100 pages, %d B at 1,500 pages", small, large)
	if large > 2*small {
		t.Errorf("the largest search document file grows with the site: %d B at 100 pages, %d B at 1,500", small, large)
	}
}
