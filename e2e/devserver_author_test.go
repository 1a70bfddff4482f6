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

// devServer runs the dev server on a new site, changed by prepare before
// it starts, and returns its URL and the site folder.
func devServer(t *testing.T, prepare func(dir string)) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(dir)
	}
	sctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		err := server.Run(sctx, server.Options{Build: site.Options{Source: dir}, Port: 0, Ready: func(u string) { ready <- u }})
		done <- err
		close(done)
	}()
	t.Cleanup(func() { stop(); <-done })
	select {
	case u := <-ready:
		return u, dir
	case err := <-done:
		t.Fatalf("the dev server did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("dev server did not start")
	}
	return "", ""
}

// overlayShown is true in a page that shows the error overlay.
const overlayShown = `(() => { const o = document.getElementById('hb-dev-overlay'); if (!o) return false; const r = o.getBoundingClientRect(); return r.height > 0 && r.top < innerHeight && getComputedStyle(o).visibility === 'visible'; })()`

// TestDevServerStartsWithABrokenPage: an author starts serve while a page
// is broken. The browser shows the problem, with file and line, in the
// overlay; saving the fixed file opens the page.
func TestDevServerStartsWithABrokenPage(t *testing.T) {
	var good []byte
	url, dir := devServer(t, func(dir string) {
		page := filepath.Join(dir, "content", "pages", "page.md")
		good, _ = os.ReadFile(page)
		os.WriteFile(page, []byte("---\ntitle: 坏\nkind: page\nsumary: x\n---\n正文\n"), 0o644)
	})
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"pages/page.html")); err != nil {
		t.Fatal(err)
	}
	tctx := withTimeout(t, ctx, 20*time.Second)
	if err := poll(tctx, overlayShown); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + ' | ' + document.documentElement.outerHTML.slice(0, 1500)`))
		t.Fatalf("no error overlay on a site that is broken at start: %v\n%s", err, state)
	}
	msg := must[string](t)(chromedp.Run(tctx, chromedp.Text(`#hb-dev-overlay`)))
	if !strings.Contains(msg, `content/pages/page.md:4: unknown field "sumary": did you mean "summary"?`) {
		t.Errorf("overlay text: %q", msg)
	}
	if !strings.Contains(msg, "生成失败") {
		t.Errorf("the overlay does not say the build failed: %q", msg)
	}
	if err := poll(tctx, `window.__hbLive && window.__hbLive.readyState === 1`); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content", "pages", "page.md"), []byte(strings.Replace(string(good), "正文。", "修好之后的正文。", 1)), 0o644)
	if err := poll(tctx, `document.body.innerText.includes('修好之后的正文') && !document.getElementById('hb-dev-overlay')`); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 400)`))
		t.Fatalf("the fix did not open the page: %v\n%s", err, state)
	}
}

// TestDevServerSaveInProgressShowsNoError: editors that save in two steps
// leave the site broken for a moment; the page must not flash the error
// overlay, only reload with the final text.
func TestDevServerSaveInProgressShowsNoError(t *testing.T) {
	url, dir := devServer(t, func(dir string) {
		// Another page links to the page, so that its absence breaks the site.
		os.WriteFile(filepath.Join(dir, "content", "pages", "links.md"), []byte("---\ntitle: 链接\nkind: page\n---\n见[示例页面](page.md)。\n"), 0o644)
	})
	page := filepath.Join(dir, "content", "pages", "page.md")
	text := func(s string) []byte { return []byte("---\ntitle: 示例页面\nkind: page\n---\n" + s + "\n") }
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"pages/page.html")); err != nil {
		t.Fatal(err)
	}
	tctx := withTimeout(t, ctx, 30*time.Second)
	// watch records in the tab's session storage, which outlives the
	// reload, whether the overlay ever appeared.
	watch := func() {
		t.Helper()
		if err := poll(tctx, `window.__hbLive && window.__hbLive.readyState === 1`); err != nil {
			t.Fatal(err)
		}
		must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => {
			new MutationObserver(() => { if (document.getElementById('hb-dev-overlay')) sessionStorage.setItem('overlay', document.getElementById('hb-dev-overlay').innerText); })
				.observe(document.body, {childList: true, subtree: true});
			return true; })()`)))
	}
	check := func(what, want string) {
		t.Helper()
		if err := poll(tctx, `document.body.innerText.includes('`+want+`')`); err != nil {
			t.Fatalf("%s: the page did not reload with the final text: %v", what, err)
		}
		time.Sleep(500 * time.Millisecond)
		if seen := must[string](t)(chromedp.Run(tctx, chromedp.Evaluate[string](`sessionStorage.getItem('overlay') || ''`))); seen != "" {
			t.Errorf("%s: the error overlay appeared during the save: %q", what, seen)
		}
		if must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`!!document.getElementById('hb-dev-overlay')`))) {
			t.Errorf("%s: the error overlay is shown", what)
		}
		chromedp.Run(tctx, chromedp.Evaluate[bool](`sessionStorage.removeItem('overlay'), true`))
	}

	watch()
	f, err := os.OpenFile(page, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	f.Write(text("截断后写入的正文。"))
	f.Close()
	check("truncate then write", "截断后写入的正文")

	watch()
	tmp := filepath.Join(dir, "content", "pages", ".page.md.tmp")
	os.WriteFile(tmp, text("替换后的正文。"), 0o644)
	if err := os.Rename(page, page+"~"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	check("rename and replace", "替换后的正文")
}

// TestDevServerDraftHint: opening a draft under serve without --drafts
// says on the page that it is a draft and how to preview it.
func TestDevServerDraftHint(t *testing.T) {
	url, _ := devServer(t, func(dir string) {
		os.WriteFile(filepath.Join(dir, "content", "pages", "secret.md"), []byte("---\ntitle: 未完成\nkind: page\ndraft: true\n---\n草稿正文。\n"), 0o644)
	})
	ctx := browsertest.New(t)
	tctx := withTimeout(t, ctx, 20*time.Second)
	if err := chromedp.Do(tctx, chromedp.Navigate(url+"pages/secret.html")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(tctx, chromedp.Text(`#hb-dev-draft`))
	if err != nil {
		t.Fatalf("no draft note on the 404 page: %v", err)
	}
	for _, want := range []string{"草稿", "content/pages/secret.md", "handbook serve --drafts"} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft note lacks %q: %q", want, text)
		}
	}
	if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => { const r = document.getElementById('hb-dev-draft').getBoundingClientRect(); return r.height > 0 && r.top < innerHeight; })()`))) {
		t.Error("the draft note is not visible on the first screen")
	}
}

// TestDevServerShowsWarnings: an author copies a page and keeps its title.
// The site is built and shown, with a note that names the file and line
// of the warning, which the author can close; a save that clears the
// warning clears the note.
func TestDevServerShowsWarnings(t *testing.T) {
	copyFile := ""
	url, _ := devServer(t, func(dir string) {
		copyFile = filepath.Join(dir, "content", "pages", "copy.md")
		os.WriteFile(copyFile, []byte("---\ntitle: 示例页面\nkind: page\n---\n\n复制的正文。\n"), 0o644)
	})
	ctx := browsertest.New(t)
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url+"pages/copy.html")); err != nil {
		t.Fatal(err)
	}
	const shown = `(() => { const n = document.getElementById('hb-dev-warnings'); if (!n) return false; const r = n.getBoundingClientRect(); return r.height > 0 && r.bottom <= innerHeight; })()`
	if err := poll(tctx, shown); err != nil {
		t.Fatalf("no note of the warning: %v", err)
	}
	note := must[string](t)(chromedp.Run(tctx, chromedp.Text(`#hb-dev-warnings`)))
	if !strings.Contains(note, "网站已生成，但有 1 处需要注意") || !strings.Contains(note, "content/pages/copy.md:2: ") || !strings.Contains(note, "示例页面") {
		t.Errorf("note: %q", note)
	}
	if !must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`document.body.innerText.includes('复制的正文')`))) {
		t.Error("the page is not shown under the note")
	}
	if err := chromedp.Do(tctx, chromedp.Click(`#hb-dev-warnings button`)); err != nil {
		t.Fatal(err)
	}
	if must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`!!document.getElementById('hb-dev-warnings')`))) {
		t.Error("the note is still there after closing it")
	}
	// The fix reloads the page, which has no note.
	os.WriteFile(copyFile, []byte("---\ntitle: 复制的页面\nkind: page\n---\n\n复制的正文。\n"), 0o644)
	if err := poll(tctx, `document.title.startsWith('复制的页面')`); err != nil {
		t.Fatalf("the fix did not reload the page: %v", err)
	}
	if err := chromedp.Do(tctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`!!document.getElementById('hb-dev-warnings')`))) {
		t.Error("a note after the fix")
	}
}
