// Package searchtest drives search.js in a browser for tests: it writes an
// index next to a test page, runs queries through window.HBSearch, and
// checks relevance cases against a built site.
//
// It is for tests only: callers start the browser with browsertest.New.
package searchtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/search"
)

// Result is one result of HBSearch.search, with the snippet flattened.
type Result struct {
	URL       string   `json:"url"`  // from the site root, with #section
	Href      string   `json:"href"` // from the page
	Title     string   `json:"title"`
	Kind      string   `json:"kind"`
	KindLabel string   `json:"kindLabel"`
	Heading   string   `json:"heading"`
	Snippet   string   `json:"snippet"` // plain text
	Marks     []string `json:"marks"`   // the marked parts of the snippet, in order
	Score     float64  `json:"score"`
	Matched   int      `json:"matched"`
}

// Response is what one query returned and cost.
type Response struct {
	Results []Result `json:"results"`
	Total   int      `json:"total"`
	Millis  float64  `json:"ms"`     // from the call to the answer, in the page
	Loaded  []string `json:"loaded"` // index files the query loaded, e.g. h/3f
}

// Options are the filters and size of a query.
type Options struct {
	Kind, Role string
	Limit      int
}

// Search runs HBSearch.search(query, opt) in the page open in ctx.
func Search(ctx context.Context, query string, opt Options) (Response, error) {
	q, _ := json.Marshal(query)
	o, _ := json.Marshal(map[string]any{"kind": opt.Kind, "role": opt.Role, "limit": opt.Limit})
	js := fmt.Sprintf(`(function () {
		var before = HBSearch.loaded().length, t0 = performance.now();
		return HBSearch.search(%s, %s).then(function (rs) {
			return {
				ms: performance.now() - t0, total: rs.total, loaded: HBSearch.loaded().slice(before),
				results: rs.map(function (r) {
					return {
						url: r.url, href: r.href, title: r.title, kind: r.kind, kindLabel: r.kindLabel,
						heading: r.heading, score: r.score, matched: r.matched,
						snippet: r.snippet.map(function (p) { return p[0]; }).join(''),
						marks: r.snippet.filter(function (p) { return p[1]; }).map(function (p) { return p[0]; })
					};
				})
			};
		});
	})()`, q, o)
	return chromedp.Run(ctx, chromedp.Evaluate[Response](js, chromedp.EvalAwaitPromise))
}

// URLs returns the URLs of the results, without their #section.
func (r Response) URLs() []string {
	out := make([]string, len(r.Results))
	for i, x := range r.Results {
		out[i], _, _ = strings.Cut(x.URL, "#")
	}
	return out
}

// Site writes the index of docs and a page that loads search.js, as the
// theme's pages do, through search-boot.js into a new directory and returns
// it. page is the HTML body; the page is at index.html, with data-root "",
// and the scripts in static/. The body decides when search.js loads: at
// once if it has the search page's #search-page.
func Site(t testing.TB, docs []search.Doc, opt search.Options, body string) string {
	t.Helper()
	ix, err := search.Build(docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteFiles(dir, ix.Files()); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(ScriptPath(t))
	if err != nil {
		t.Fatal(err)
	}
	boot, err := os.ReadFile(filepath.Join(filepath.Dir(ScriptPath(t)), "search-boot.js"))
	if err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><html lang="zh-CN" data-root=""><head><meta charset="utf-8"><title>test</title></head><body>` +
		body + `<script src="static/search-boot.js" defer></script></body></html>`
	files := map[string][]byte{"static/search.js": js, "static/search-boot.js": boot, "index.html": []byte(page)}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// WriteFiles writes files, keyed by slash path, under dir.
func WriteFiles(dir string, files map[string][]byte) error {
	for path, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ScriptPath finds themes/default/static/search.js above the working
// directory of the test.
func ScriptPath(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "themes", "default", "static", "search.js")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("searchtest: themes/default/static/search.js not found above the test directory")
		}
		dir = parent
	}
}

// Open navigates ctx to a page and waits until search.js is ready. Use
// browsertest.FileURL for a page on disk.
func Open(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	ready := `!!(window.HBSearch && HBSearch.search)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("%s: search.js did not load: %v", url, err)
	}
}

// CheckCases runs each case in the site page open in ctx and reports, as
// test errors, each case whose expected page is not among the first topN
// results. It logs the mean reciprocal rank over all cases.
func CheckCases(t *testing.T, ctx context.Context, cases []search.Case, topN int) {
	t.Helper()
	rr := 0.0
	for _, c := range cases {
		resp, err := Search(ctx, c.Query, Options{Limit: max(topN, 10)})
		if err != nil {
			t.Errorf("%s:%d: %q: %v", c.File, c.Line, c.Query, err)
			continue
		}
		urls := resp.URLs()
		rank := c.Rank(urls)
		if rank > 0 {
			rr += 1 / float64(rank)
		}
		if rank == 0 || rank > topN {
			t.Errorf("%s:%d: %q: no result matching %s in the top %d; got %s",
				c.File, c.Line, c.Query, c.Want, topN, strings.Join(urls[:min(len(urls), topN)], " "))
		}
	}
	if len(cases) > 0 {
		t.Logf("relevance: %d cases, mean reciprocal rank %.3f", len(cases), rr/float64(len(cases)))
	}
}
