package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAssetBudget checks that no page loads more than 50 KB of CSS and
// JavaScript (the search index files aside): search.js counts on the search
// page, which loads it at once.
func TestAssetBudget(t *testing.T) {
	ref := regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"?]+)(?:\?v=[0-9a-f]+)?"`)
	searchJS := regexp.MustCompile(`data-search="([^"?]+)(?:\?v=[0-9a-f]+)?"`)
	worst, worstPage := 0, ""
	err := filepath.Walk(siteDir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		total := 0
		refs := ref.FindAllStringSubmatch(string(b), -1)
		if strings.Contains(string(b), `id="search-page"`) {
			refs = append(refs, searchJS.FindAllStringSubmatch(string(b), -1)...)
		}
		for _, m := range refs {
			if strings.HasPrefix(m[1], "/__handbook/") {
				continue
			}
			fi, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(m[1])))
			if err != nil {
				t.Errorf("%s: %s: %v", p, m[1], err)
				continue
			}
			total += int(fi.Size())
		}
		if total > worst {
			worst, worstPage = total, p
		}
		if total > 50_000 {
			rel, _ := filepath.Rel(siteDir, p)
			t.Errorf("%s loads %d bytes of CSS and JavaScript, over 50 KB", rel, total)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(siteDir, worstPage)
	t.Logf("largest: %s with %d bytes of CSS and JavaScript", rel, worst)
}
