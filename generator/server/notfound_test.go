package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestNotFoundFromAnyFolder: a missing URL at any depth gets the site's
// 404 page, with status 404, its links from the site root, and never kept
// by the browser across rebuilds.
func TestNotFoundFromAnyFolder(t *testing.T) {
	url, _ := start(t)
	for _, p := range []string{"missing.html", "pages/nope.html", "cleaning/old/nope.html", "a/b/c/"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: status %d, Cache-Control %q; want 404, no-store", p, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		_, body := get(t, url+p)
		for _, want := range []string{`data-root="/"`, `href="/static/style.css?v=`, `href="/index.html"`, `action="/search.html"`, `data-search="/static/search.js?v=`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the 404 page lacks %s", p, want)
			}
		}
	}
}
