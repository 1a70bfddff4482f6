package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/site"
)

// TestRebuildUnderBrowserCache: a server that lets browsers keep scripts
// and styles for an hour, as an intranet server's defaults may, and pages
// always asked for afresh. After a rebuild, a page of the new site searches
// the new index and uses the new theme files, not the copies the browser
// kept from the last visit.
func TestRebuildUnderBrowserCache(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("../generator/site/testdata/site")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	build := func() {
		t.Helper()
		if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: dest}); err != nil {
			t.Fatal(err)
		}
	}
	build()
	files := http.FileServer(http.Dir(dest))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".html") || strings.HasSuffix(r.URL.Path, "/") {
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", "max-age=3600")
		}
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	page := "http://" + ln.Addr().String() + "/search.html?q=" + "电梯"

	ctx := withTimeout(t, browsertest.New(t), 60*time.Second)
	firstTitle := func() string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
		if err := poll(ctx, `document.querySelectorAll('ol.search-results > li a[href]').length > 0`); err != nil {
			t.Fatal(err)
		}
		return must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('ol.search-results > li a[href]').textContent`)))
	}
	outline := func() string {
		return must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('ol.search-results')).outlineColor`)))
	}
	if got := firstTitle(); got != "电梯" {
		t.Fatalf("before the rebuild, the first result is %q", got)
	}
	before := outline()

	// A page that comes first in URL order renumbers every document; the
	// elevator page gets a new title; the theme's search.css a new rule.
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/aaa.md", "---\ntitle: 前言\nkind: page\n---\n\n欢迎。\n")
	elevator := filepath.Join(src, "content", "cleaning", "elevator.md")
	b, err := os.ReadFile(elevator)
	if err != nil {
		t.Fatal(err)
	}
	write("content/cleaning/elevator.md", strings.Replace(string(b), "title: 电梯\n", "title: 电梯与轿厢\n", 1))
	css, err := os.ReadFile("../themes/default/static/search.css")
	if err != nil {
		t.Fatal(err)
	}
	write("themes/default/static/search.css", string(css)+"\n.search-results { outline: 1px solid rgb(1, 2, 3); }\n")
	build()

	if got := firstTitle(); got != "电梯与轿厢" {
		t.Errorf("after the rebuild, the first result is %q, want 电梯与轿厢", got)
	}
	if got := outline(); got != "rgb(1, 2, 3)" {
		t.Errorf("after the rebuild, the results' outline is %q (before: %q), want the new search.css's rgb(1, 2, 3)", got, before)
	}
}
