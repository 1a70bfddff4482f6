package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/generator/scaffold"
	"handbook/generator/site"
)

const brokenPage = "---\ntitle: 坏\nkind: page\nsumary: x\n---\n正文\n"

// serveBroken serves a new site whose page content/pages/page.md is
// brokenPage, and returns the URL, the log and a func that saves the page
// as it was.
func serveBroken(t *testing.T) (string, *syncBuffer, func()) {
	t.Helper()
	var good []byte
	var page string
	u, _, log := serveSite(t, Options{Port: 0}, func(dir string) {
		page = filepath.Join(dir, "content", "pages", "page.md")
		good, _ = os.ReadFile(page)
		os.WriteFile(page, []byte(brokenPage), 0o644)
	})
	return u, log, func() { os.WriteFile(page, good, 0o644) }
}

// TestStartsWithABrokenPage: serve starts on a site whose page is broken,
// prints the problem and the URL, serves a page that shows the problem in
// the overlay, and reloads into the site after the save that fixes it.
func TestStartsWithABrokenPage(t *testing.T) {
	u, log, fix := serveBroken(t)
	const problem = `content/pages/page.md:4: unknown field "sumary": did you mean "summary"?`
	out := log.String()
	if !strings.Contains(out, problem) || !strings.Contains(out, "Serving the handbook at "+u) {
		t.Errorf("terminal output lacks the problem or the URL:\n%s", out)
	}
	if i, j := strings.Index(out, problem), strings.Index(out, "Serving the handbook at"); i > j {
		t.Errorf("the URL is printed before the problems:\n%s", out)
	}
	for _, p := range []string{"pages/page.html", "", "no/such.html"} {
		code, body := get(t, u+p)
		if code != 503 || !strings.Contains(body, `<script src="/__handbook/live.js"`) || !strings.Contains(body, "data-hb-nosite") {
			t.Errorf("%s: %d; want 503 and a page with the live-reload script:\n%s", p, code, body)
		}
		if !strings.Contains(body, "content/pages/page.md:4: unknown field &#34;sumary&#34;") {
			t.Errorf("%s: the page does not name the problem without scripts:\n%s", p, body)
		}
	}
	ev := subscribe(t, u)
	if e := ev.next(t); e.Type != "error" || !strings.Contains(e.Error, problem) {
		t.Fatalf("first event %+v; want the error", e)
	}
	fix()
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the fix: %+v", e)
	}
	if code, body := get(t, u+"pages/page.html"); code != 200 || !strings.Contains(body, "正文。") {
		t.Errorf("after the fix pages/page.html: %d", code)
	}
	if code, _ := get(t, u+"no/such.html"); code != 404 {
		t.Errorf("after the fix a missing page: %d, want 404", code)
	}
}

// TestBrokenConfigStopsServe: a config that cannot be read decides what is
// watched and built, so serve stops with the problem.
func TestBrokenConfigStopsServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "handbook.toml"), []byte("title = \"x\"\nlanguage = \"fr\"\n"), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := Run(ctx, Options{Build: site.Options{Source: dir}, Port: 0, Ready: func(string) { t.Error("served a site whose config is broken") }})
	if err == nil || !strings.Contains(err.Error(), "handbook.toml") {
		t.Errorf("Run: %v; want the config problem", err)
	}
}

// collect returns the events that arrive within d.
func (e *events) collect(d time.Duration) []event {
	var out []event
	deadline := time.After(d)
	for {
		select {
		case ev := <-e.ch:
			out = append(out, ev)
		case <-deadline:
			return out
		}
	}
}

// TestSaveInProgressIsNoError: editors that save in two steps (truncate,
// then write; or move the old file away, then put the new one in place)
// leave the site broken for a moment. That moment is not reported: the
// pages get one reload, with the final text.
func TestSaveInProgressIsNoError(t *testing.T) {
	u, dir, log := serve(t, Options{Port: 0})
	page := filepath.Join(dir, "content", "pages", "page.md")
	// Another page links to the page, so that its absence breaks the site.
	os.WriteFile(filepath.Join(dir, "content", "pages", "links.md"), []byte("---\ntitle: 链接\nkind: page\n---\n见[示例页面](page.md)。\n"), 0o644)
	ev := subscribe(t, u)
	for e := ev.next(t); e.Type != "reload"; e = ev.next(t) {
	}
	ev.collect(200 * time.Millisecond)
	text := func(s string) []byte { return []byte("---\ntitle: 示例页面\nkind: page\n---\n" + s + "\n") }
	check := func(what, want string) {
		t.Helper()
		evs := ev.collect(time.Second)
		reloads := 0
		for _, e := range evs {
			switch e.Type {
			case "error":
				t.Errorf("%s: error event %q\nlog:\n%s", what, e.Error, tail(log.String(), 1500))
			case "reload":
				reloads++
			}
		}
		if reloads == 0 {
			t.Errorf("%s: no reload; events %+v", what, evs)
		}
		if _, body := get(t, u+"pages/page.html"); !strings.Contains(body, want) {
			t.Errorf("%s: the final text is not served", what)
		}
	}

	// Truncate, then write 50 ms later.
	f, err := os.OpenFile(page, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	f.Write(text("截断后写入的正文。"))
	f.Close()
	check("truncate then write", "截断后写入的正文")

	// Move the old file to a backup, then put the new file in place
	// 150 ms later.
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

	// A save that is really broken is still reported, soon.
	start := time.Now()
	os.WriteFile(page, []byte(brokenPage), 0o644)
	e := ev.next(t)
	if e.Type != "error" || !strings.Contains(e.Error, "content/pages/page.md:4") {
		t.Fatalf("after a broken save: %+v", e)
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("the error of a broken save took %s to show", d)
	}
	t.Logf("a broken save was reported after %s", time.Since(start).Round(time.Millisecond))
}

// TestDraftHint: a page marked draft: true is left out of serve without
// --drafts; asking for it says so, in the terminal and on the 404 page.
func TestDraftHint(t *testing.T) {
	u, _, log := serveSite(t, Options{Port: 0}, func(dir string) {
		os.WriteFile(filepath.Join(dir, "content", "pages", "secret.md"), []byte("---\ntitle: 未完成\nkind: page\ndraft: true\n---\n草稿正文。\n"), 0o644)
		os.MkdirAll(filepath.Join(dir, "content", "later"), 0o755)
		os.WriteFile(filepath.Join(dir, "content", "later", "_index.md"), []byte("---\ntitle: 以后\nkind: page\ndraft: true\n---\n以后再说。\n"), 0o644)
	})
	for _, c := range []struct{ url, file string }{
		{"pages/secret.html", "content/pages/secret.md"},
		{"later/", "content/later/_index.md"},
	} {
		code, body := get(t, u+c.url)
		if code != 404 {
			t.Errorf("%s: %d, want 404", c.url, code)
		}
		if !strings.Contains(body, "草稿") || !strings.Contains(body, c.file) || !strings.Contains(body, "--drafts") {
			t.Errorf("%s: the 404 page does not say the page is a draft", c.url)
		}
		if out := log.String(); !strings.Contains(out, c.file) || !strings.Contains(out, "--drafts") {
			t.Errorf("%s: the terminal does not say the page is a draft:\n%s", c.url, out)
		}
	}
	get(t, u+"pages/secret.html")
	if n := strings.Count(log.String(), "content/pages/secret.md"); n != 1 {
		t.Errorf("the draft hint is printed %d times for two requests; want once", n)
	}
	// A missing page that is no draft gets the plain 404 page.
	if _, body := get(t, u+"pages/nope.html"); strings.Contains(body, "--drafts") {
		t.Error("a missing page is called a draft")
	}
}

// TestDraftsFlagServesDrafts: with --drafts the draft is served.
func TestDraftsFlagServesDrafts(t *testing.T) {
	u, _, _ := serveSite(t, Options{Port: 0, Build: site.Options{Drafts: true}}, func(dir string) {
		os.WriteFile(filepath.Join(dir, "content", "pages", "secret.md"), []byte("---\ntitle: 未完成\nkind: page\ndraft: true\n---\n草稿正文。\n"), 0o644)
	})
	if code, body := get(t, u+"pages/secret.html"); code != 200 || !strings.Contains(body, "草稿正文") {
		t.Errorf("pages/secret.html with drafts: %d", code)
	}
}

// TestErrorShownWhileAnotherFileKeepsChanging: the wait for quiet sources
// is bounded, so a file that another program rewrites every 100 ms does
// not hide a broken page.
func TestErrorShownWhileAnotherFileKeepsChanging(t *testing.T) {
	u, dir, log := serve(t, Options{Port: 0})
	ev := subscribe(t, u)
	if e := ev.next(t); e.Type != "ok" {
		t.Fatalf("first event %+v", e)
	}
	stop := make(chan struct{})
	defer close(stop)
	other := filepath.Join(dir, "content", "pages", "busy.md")
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
				os.WriteFile(other, []byte("---\ntitle: 忙\nkind: page\n---\n第"+strings.Repeat("一", i%5+1)+"次。\n"), 0o644)
			}
		}
	}()
	start := time.Now()
	os.WriteFile(filepath.Join(dir, "content", "pages", "page.md"), []byte(brokenPage), 0o644)
	for {
		e := ev.next(t)
		if e.Type == "error" {
			break
		}
		if time.Since(start) > 3*time.Second {
			t.Fatalf("no error event within 3 s while another file keeps changing; last %+v\n%s", e, tail(log.String(), 1500))
		}
	}
	t.Logf("error shown after %s", time.Since(start).Round(time.Millisecond))
}

// TestWarningsShown: the warnings of a good build are printed once, not
// again at every save that leaves them as they were, and a page learns
// them when it connects; a save that clears them clears the page's note.
func TestWarningsShown(t *testing.T) {
	var copyFile string
	u, _, log := serveSite(t, Options{Port: 0}, func(dir string) {
		copyFile = filepath.Join(dir, "content", "pages", "copy.md")
		os.WriteFile(copyFile, []byte("---\ntitle: 示例页面\nkind: page\n---\n\n复制的正文。\n"), 0o644)
	})
	const warning = "is also the title of"
	if n := strings.Count(log.String(), warning); n != 1 {
		t.Fatalf("the warning is printed %d times at the start:\n%s", n, log.String())
	}
	ev := subscribe(t, u)
	if e := ev.next(t); e.Type != "ok" || len(e.Warnings) != 1 || !strings.Contains(e.Warnings[0], warning) {
		t.Fatalf("first event %+v; want ok with the warning", e)
	}
	os.WriteFile(copyFile, []byte("---\ntitle: 示例页面\nkind: page\n---\n\n改过的复制正文。\n"), 0o644)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after an edit: %+v", e)
	}
	if n := strings.Count(log.String(), warning); n != 1 {
		t.Errorf("an edit that leaves the warning printed it again (%d times):\n%s", n, log.String())
	}
	os.WriteFile(copyFile, []byte("---\ntitle: 复制的页面\nkind: page\n---\n\n改过的复制正文。\n"), 0o644)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the fix: %+v", e)
	}
	if e := subscribe(t, u).next(t); e.Type != "ok" || len(e.Warnings) != 0 {
		t.Errorf("after the fix a page learns %+v", e)
	}
}
