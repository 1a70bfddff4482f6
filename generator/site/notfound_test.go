package site

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNotFoundPageLinksFromTheSiteRoot: a server returns 404.html for a
// missing URL in any folder, so its links name the site root: the base
// URL's path (any host the server is reached by), / on the dev server,
// and relative links without either, for the site root and file://.
func TestNotFoundPageLinksFromTheSiteRoot(t *testing.T) {
	ref := regexp.MustCompile(`(?:href|src|action|data-search|data-root)="([^"#]*)"`)
	for _, c := range []struct {
		name string
		opt  Options
		root string // every reference of 404.html starts with it
	}{
		{"base URL under a sub-path", Options{BaseURL: "https://intranet.example/员工/手册/"}, "/%E5%91%98%E5%B7%A5/%E6%89%8B%E5%86%8C/"},
		{"base URL without a path", Options{BaseURL: "http://intranet.example"}, "/"},
		{"dev server", Options{Dev: true, BaseURL: "https://intranet.example/handbook/"}, "/"},
		{"no base URL", Options{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copySite(t)
			c.opt.Source = dir
			if _, err := Build(context.Background(), c.opt); err != nil {
				t.Fatal(err)
			}
			page := read(t, filepath.Join(dir, "public"), "404.html")
			refs := ref.FindAllStringSubmatch(page, -1)
			if len(refs) < 10 {
				t.Fatalf("404.html names only %d URLs", len(refs))
			}
			if !strings.Contains(page, `data-root="`+c.root+`"`) {
				t.Errorf("404.html has no data-root=%q", c.root)
			}
			for _, m := range refs {
				u := m[1]
				if strings.HasPrefix(u, "/__handbook/") {
					continue
				}
				if c.root == "" && (strings.HasPrefix(u, "/") || strings.Contains(u, ":")) || !strings.HasPrefix(u, c.root) {
					t.Errorf("404.html names %s, want it from %q", u, c.root)
				}
			}
			// The other pages stay relative.
			if home := read(t, filepath.Join(dir, "public"), "index.html"); !strings.Contains(home, `href="static/style.css?v=`) {
				t.Error("index.html does not name static/style.css relative to itself")
			}
		})
	}
}
