package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

func withTimeout(t *testing.T, ctx context.Context, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	return ctx
}

// must returns v, failing the test on err.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestHomeShowsChineseAndLinksToRoleHandbooks(t *testing.T) {
	for _, base := range []struct{ name, url string }{
		{"http", siteURL},
		{"file", browsertest.FileURL(t, siteDir) + "/"},
	} {
		t.Run(base.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			if err := chromedp.Do(ctx, chromedp.Navigate(base.url+"index.html")); err != nil {
				t.Fatal(err)
			}
			tctx := withTimeout(t, ctx, 60*time.Second)
			h1 := must[string](t)(chromedp.Run(tctx, chromedp.Text("h1")))
			body := must[string](t)(chromedp.Run(tctx, chromedp.Text("body")))
			if !strings.Contains(body, "岗位手册") || !strings.Contains(h1, "手册") {
				t.Errorf("home page text lacks the Chinese headings: h1=%q", h1)
			}
			if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.site-header')).display === 'flex'`))) {
				t.Error("stylesheet not applied")
			}
			err := chromedp.Do(tctx,
				chromedp.Click(`.cards a[href*="handbooks/"]`, chromedp.NodeVisible),
				chromedp.WaitVisible(`article.handbook h1`),
			)
			if err != nil {
				t.Fatal(err)
			}
			title := must[string](t)(chromedp.Run(tctx, chromedp.Text(`article.handbook h1`)))
			loc := must[string](t)(chromedp.Run(tctx, chromedp.Location()))
			if !strings.Contains(loc, "/handbooks/") || !strings.Contains(title, "岗位手册") {
				t.Errorf("role handbook link led to %s titled %q", loc, title)
			}
			if n := must[int](t)(chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('.handbook-entry').length`))); n < 2 {
				t.Errorf("role handbook lists %d pages", n)
			}
		})
	}
}

// axe runs axe-core on the page and returns serious and critical violations.
func axe(t *testing.T, ctx context.Context, url string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core missing (run npm ci): %v", err)
		}
		t.Skipf("axe-core not installed (run npm ci): %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatal(err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
		.filter(v => v.impact === 'serious' || v.impact === 'critical')
		.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAccessibility(t *testing.T) {
	ctx := browsertest.New(t)
	pages := []string{"index.html", "search.html"}
	hb, _ := filepath.Glob(filepath.Join(siteDir, "handbooks", "*.html"))
	for _, p := range hb {
		if filepath.Base(p) != "index.html" {
			pages = append(pages, "handbooks/"+filepath.Base(p))
			break
		}
	}
	for _, p := range pages {
		for _, v := range axe(t, ctx, siteURL+p) {
			t.Errorf("%s: %s", p, v)
		}
	}
}

// TestPhrasesShowAsWritten: a standard phrase reads as its author wrote it,
// quotation marks included, with none added by the browser around it (a
// <q> would show “单个人：“先生,您好!”…”).
func TestPhrasesShowAsWritten(t *testing.T) {
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL+"frontdesk/greetings.html")); err != nil {
		t.Fatal(err)
	}
	tctx := withTimeout(t, ctx, 60*time.Second)
	first := must[string](t)(chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('.phrases li').innerText`)))
	if want := "单个人：“先生,您好!”或“先生,早上好!”"; first != want {
		t.Errorf("first phrase reads %q, want %q", first, want)
	}
	added := must[[]string](t)(chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.phrases li, .phrases li *')]
		.flatMap(e => ['::before', '::after'].map(p => getComputedStyle(e, p).content))
		.filter(c => c !== 'none' && c !== 'normal' && c !== '""')`)))
	if len(added) > 0 {
		t.Errorf("the browser adds %q around the phrases", added)
	}
}
