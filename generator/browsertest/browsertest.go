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
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// candidates are tried in order after $CHROME_PATH.
var candidates = []string{
	"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
}

// Find returns the browser to run: $CHROME_PATH if set, else the first of
// chromium, chromium-browser and google-chrome found. It returns "" if none.
func Find() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for t and returns a chromedp context for a
// tab in it. The browser is stopped when t ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Find()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browsertest: no Chromium found (set CHROME_PATH or install chromium); CI=true requires one")
		}
		t.Skip("browsertest: no Chromium found; install chromium or set CHROME_PATH to run this test")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
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
