// Package browsertest starts a headless Chromium for tests that check what a
// person sees: built pages, opened from disk, driven with chromedp.
//
// New skips the test when no browser is installed, except under CI=true,
// where a missing browser fails the test: CI must not pass by testing
// nothing. Each call starts its own browser with a fresh profile, with
// networking, updates and sync off, and stops it when the test ends.
package browsertest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/chromium"
)

// Find returns the browser to run (see chromium.Find), or "" if none.
func Find() string {
	p, _ := chromium.Find()
	return p
}

// New starts a headless browser for t and returns a chromedp context for a
// tab in it. The browser is stopped when t ends.
func New(t testing.TB) context.Context {
	t.Helper()
	return start(t, 1280, 900)
}

// NewWithMouse is New for a desktop with a mouse, 1366×768: headless
// Chromium otherwise reports no pointer at all, so that pages styled for
// a fine pointer that hovers take it for a touch screen.
func NewWithMouse(t testing.TB) context.Context {
	t.Helper()
	return start(t, 1366, 768, chromedp.Flag("blink-settings", "primaryPointerType=4,availablePointerTypes=4,primaryHoverType=2,availableHoverTypes=2"))
}

func start(t testing.TB, width, height int, flags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := Find()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browsertest: no Chromium found (set CHROME_PATH or install chromium); CI=true requires one")
		}
		t.Skip("browsertest: no Chromium found; install chromium or set CHROME_PATH to run this test")
	}
	opts := append(chromium.Options(path, t.TempDir(), width, height), flags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// Start now, so a browser that cannot start fails here, not in the test.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: starting %s: %v", path, err)
	}
	return ctx
}

// FileURL returns the file:// URL of a path on disk.
func FileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// Dialogs dismisses every alert, confirm and prompt the page opens from now
// on, and returns a func that reports the messages of those seen so far. A
// test that must run no injected script asserts that it returns none.
func Dialogs(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			seen = append(seen, ev.Message)
			mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}
