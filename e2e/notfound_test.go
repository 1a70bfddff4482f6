package e2e

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/scaffold"
	"handbook/generator/server"
	"handbook/generator/site"
)

// publishedAt is the base URL the sites below are built for. Readers reach
// an intranet server under other names too (its address, a short host
// name): only its path, /handbook/, is where this test serves the site.
const publishedAt = "http://handbook.intranet.example/handbook/"

// TestNotFoundPageInSubfolders: a server returns 404.html for a missing
// page in any folder. There the page is styled, its links and scripts
// reach the site, and its search box finds pages.
func TestNotFoundPageInSubfolders(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(src); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)

	// A base URL names the published site, not the dev server's.
	for name, baseURL := range map[string]string{"dev server": "", "dev server with a base URL": publishedAt} {
		t.Run(name, func(t *testing.T) {
			sctx, stop := context.WithCancel(context.Background())
			ready := make(chan string, 1)
			done := make(chan error, 1)
			go func() {
				done <- server.Run(sctx, server.Options{Build: site.Options{Source: src, BaseURL: baseURL}, Port: 0, Ready: func(u string) { ready <- u }})
			}()
			defer func() { stop(); <-done }()
			var root string
			select {
			case root = <-ready:
			case err := <-done:
				t.Fatal(err)
			case <-time.After(30 * time.Second):
				t.Fatal("dev server did not start")
			}
			for _, missing := range []string{"a/b/missing.html", "pages/nope.html", "missing.html"} {
				checkNotFound(t, ctx, root, root+missing)
			}
		})
	}

	t.Run("base URL under a sub-path", func(t *testing.T) {
		pub := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: pub, BaseURL: publishedAt}); err != nil {
			t.Fatal(err)
		}
		root := errorPageServer(t, pub, "/handbook/")
		for _, missing := range []string{"a/b/missing.html", "pages/nope.html", "missing.html"} {
			checkNotFound(t, ctx, root, root+missing)
		}
	})

	t.Run("no base URL at the site root", func(t *testing.T) {
		pub := filepath.Join(t.TempDir(), "public")
		if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: pub}); err != nil {
			t.Fatal(err)
		}
		root := errorPageServer(t, pub, "/")
		checkNotFound(t, ctx, root, root+"missing.html")
		checkNotFoundFromDisk(t, ctx, pub)
	})
}

// errorPageServer serves dir under prefix as a web server configured with
// an error page does (nginx: error_page 404 /handbook/404.html): a missing
// file is answered with 404.html and status 404, at the URL asked for.
func errorPageServer(t *testing.T, dir, prefix string) string {
	t.Helper()
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, prefix); ok {
			name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rest)))
			if fi, err := os.Stat(name); err == nil && !fi.IsDir() {
				files.ServeHTTP(w, r)
				return
			}
			if _, err := os.Stat(filepath.Join(name, "index.html")); err == nil {
				files.ServeHTTP(w, r)
				return
			}
		}
		b, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(b)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + prefix
}

// styled is true when style.css applies to the page: it sets the body's
// margin to 0 and its line height.
const styled = `(() => { const s = getComputedStyle(document.body); return s.marginTop === '0px' && s.lineHeight !== 'normal'; })()`

// notFoundRefs lists what the 404 page refers to, resolved by the browser:
// its stylesheets and scripts, the search page's script, the home link, the
// header's links and the footer's.
const notFoundRefs = `(() => {
	const out = {};
	const home = document.querySelector('.notfound a');
	out.home = home ? home.href : '';
	const refs = [];
	document.querySelectorAll('link[rel=stylesheet]').forEach(l => refs.push(l.href));
	document.querySelectorAll('script[src]').forEach(s => { if (!s.src.includes('/__handbook/')) refs.push(s.src); });
	document.querySelectorAll('script[data-search]').forEach(s => refs.push(new URL(s.getAttribute('data-search'), document.baseURI).href));
	document.querySelectorAll('.site-header a[href]:not(.skip), .site-footer a[href]').forEach(a => refs.push(a.href));
	const form = document.querySelector('form.site-search');
	if (form) refs.push(form.action);
	out.refs = refs;
	return out;
})()`

type notFoundPage struct {
	Home string   `json:"home"`
	Refs []string `json:"refs"`
}

// checkNotFound opens missing, which the server at root does not have, and
// checks the 404 page it shows.
func checkNotFound(t *testing.T, ctx context.Context, root, missing string) {
	t.Helper()
	tctx := withTimeout(t, ctx, 30*time.Second)
	if err := chromedp.Do(tctx, chromedp.Navigate(missing)); err != nil {
		t.Fatalf("%s: %v", missing, err)
	}
	if err := poll(tctx, `document.readyState === 'complete' && !!document.querySelector('.notfound')`); err != nil {
		t.Fatalf("%s: no 404 page: %v", missing, err)
	}
	if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](styled))) {
		t.Errorf("%s: the 404 page is not styled: style.css did not load", missing)
	}
	p := must[notFoundPage](t)(chromedp.Run(tctx, chromedp.Evaluate[notFoundPage](notFoundRefs)))
	if p.Home != root+"index.html" {
		t.Errorf("%s: 首页 links to %s, want %sindex.html", missing, p.Home, root)
	}
	if len(p.Refs) < 8 {
		t.Errorf("%s: the 404 page names only %v", missing, p.Refs)
	}
	checkReachable(t, tctx, missing, root, append([]string{p.Home}, p.Refs...))

	// The header's search box finds a page and links to it.
	if err := chromedp.Do(tctx, chromedp.SendKeys(`#site-search-input`, "示例")); err != nil {
		t.Fatal(err)
	}
	if err := poll(tctx, `!!(window.HBSearch && HBSearch.search)`); err != nil {
		t.Fatalf("%s: search.js did not load from the 404 page: %v", missing, err)
	}
	if err := poll(tctx, `document.querySelectorAll('#site-search-dropdown a.search-item').length > 0`); err != nil {
		box := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('site-search-dropdown') || {}).innerText || ''`)))
		t.Fatalf("%s: the search box found nothing for 示例: %v (dropdown: %q)", missing, err, box)
	}
	results := must[[]string](t)(chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#site-search-dropdown a')].map(a => a.href)`)))
	checkReachable(t, tctx, missing+" search results", root, results)
}

// checkReachable fetches each URL from the page and wants it under root
// and found.
func checkReachable(t *testing.T, ctx context.Context, from, root string, urls []string) {
	t.Helper()
	list, _ := json.Marshal(urls)
	js := `Promise.all(` + string(list) + `.map(u => fetch(u, {cache: 'no-store'}).then(r => r.status, () => 0)))`
	codes := must[[]int](t)(chromedp.Run(ctx, chromedp.Evaluate[[]int](js, chromedp.EvalAwaitPromise)))
	for i, u := range urls {
		if !strings.HasPrefix(u, root) {
			t.Errorf("%s: %s lies outside the site at %s", from, u, root)
		} else if codes[i] != http.StatusOK {
			t.Errorf("%s: %s: status %d", from, u, codes[i])
		}
	}
}

// checkNotFoundFromDisk opens 404.html from the folder: without a base URL
// it is styled and its links name files of the site.
func checkNotFoundFromDisk(t *testing.T, ctx context.Context, pub string) {
	t.Helper()
	tctx := withTimeout(t, ctx, 30*time.Second)
	page := browsertest.FileURL(t, filepath.Join(pub, "404.html"))
	if err := chromedp.Do(tctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](styled))) {
		t.Error("404.html opened from disk is not styled")
	}
	p := must[notFoundPage](t)(chromedp.Run(tctx, chromedp.Evaluate[notFoundPage](notFoundRefs)))
	for _, ref := range append([]string{p.Home}, p.Refs...) {
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "file" {
			t.Errorf("404.html opened from disk links to %s", ref)
			continue
		}
		if _, err := os.Stat(filepath.FromSlash(u.Path)); err != nil {
			t.Errorf("404.html opened from disk: %s: %v", ref, err)
		}
	}
}
