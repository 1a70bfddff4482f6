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
	"handbook/generator/scaffold"
	"handbook/generator/server"
	"handbook/generator/site"
)

func TestDevServerReloadsAndShowsErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(sctx, server.Options{Build: site.Options{Source: dir}, Port: 0, Ready: func(u string) { ready <- u }})
	}()
	defer func() { stop(); <-done }()
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("dev server did not start")
	}

	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"pages/page.html")); err != nil {
		t.Fatal(err)
	}
	tctx := withTimeout(t, ctx, 20*time.Second)
	// Wait for the live-reload connection before editing.
	if err := poll(tctx, `window.__hbLive && window.__hbLive.readyState === 1`); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "pages", "page.md")
	good, _ := os.ReadFile(page)

	edit := strings.Replace(string(good), "正文。", "第一次修改后的正文。", 1)
	os.WriteFile(page, []byte(edit), 0o644)
	if err := poll(tctx, `document.body.innerText.includes('第一次修改后的正文')`); err != nil {
		t.Fatalf("page did not reload after an edit: %v", err)
	}

	os.WriteFile(page, []byte("---\ntitle: 坏\nkind: page\nsumary: x\n---\n正文\n"), 0o644)
	if err := chromedp.Do(tctx, chromedp.WaitVisible(`#hb-dev-overlay`)); err != nil {
		t.Fatalf("no error overlay after a broken edit: %v", err)
	}
	msg := must[string](t)(chromedp.Run(tctx, chromedp.Text(`#hb-dev-overlay`)))
	if !strings.Contains(msg, `content/pages/page.md:4: unknown field "sumary": did you mean "summary"?`) {
		t.Errorf("overlay text: %q", msg)
	}
	if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`document.body.innerText.includes('第一次修改后的正文')`))) {
		t.Error("the last good page is no longer shown under the overlay")
	}

	os.WriteFile(page, []byte(strings.Replace(string(good), "正文。", "修好之后的正文。", 1)), 0o644)
	if err := poll(tctx, `document.body.innerText.includes('修好之后的正文') && !document.getElementById('hb-dev-overlay')`); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 400) + ' | overlay: ' + !!document.getElementById('hb-dev-overlay')`))
		t.Fatalf("overlay not cleared by the next good save: %v\n%s", err, state)
	}
}

// poll waits until the expression is true in the page, across reloads.
func poll(ctx context.Context, expr string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			return err
		case <-time.After(50 * time.Millisecond):
		}
	}
}
