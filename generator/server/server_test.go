package server

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// start runs a dev server on a new site and returns its URL and folder.
func start(t *testing.T) (string, string) {
	t.Helper()
	u, dir, _ := serve(t, Options{})
	return u, dir
}

type events struct {
	ch chan event
}

func subscribe(t *testing.T, url string) *events {
	t.Helper()
	resp, err := http.Get(url + "__handbook/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ev := &events{ch: make(chan event, 16)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var e event
				json.Unmarshal([]byte(data), &e)
				ev.ch <- e
			}
		}
	}()
	return ev
}

func (e *events) next(t *testing.T) event {
	t.Helper()
	select {
	case ev := <-e.ch:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
	return event{}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReloadAndErrorOverlay(t *testing.T) {
	url, dir := start(t)
	ev := subscribe(t, url)
	if e := ev.next(t); e.Type != "ok" {
		t.Fatalf("first event %+v", e)
	}
	page := filepath.Join(dir, "content", "pages", "page.md")
	good, _ := os.ReadFile(page)
	os.WriteFile(page, []byte(strings.Replace(string(good), "正文。", "改过的正文。", 1)), 0o644)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after an edit: %+v", e)
	}
	if _, body := get(t, url+"pages/page.html"); !strings.Contains(body, "改过的正文") {
		t.Error("edit not served")
	}
	// vim's swap and backup files do not trigger builds
	os.WriteFile(filepath.Join(dir, "content", "pages", ".page.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "pages", "page.md~"), []byte("x"), 0o644)
	// A broken edit keeps the last good site and reports file:line.
	os.WriteFile(page, []byte("---\ntitle: 坏\nkind: pagee\n---\n正文\n"), 0o644)
	e := ev.next(t)
	if e.Type != "error" || !strings.Contains(e.Error, "content/pages/page.md:3: unknown kind") {
		t.Fatalf("after a broken edit: %+v", e)
	}
	if _, body := get(t, url+"pages/page.html"); !strings.Contains(body, "改过的正文") {
		t.Error("last good site not served after a broken edit")
	}
	// A new subscriber (a page loaded now) learns of the error at once.
	if e := subscribe(t, url).next(t); e.Type != "error" {
		t.Errorf("new subscriber got %+v", e)
	}
	os.WriteFile(page, good, 0o644)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the fix: %+v", e)
	}
	// New folders are watched.
	os.MkdirAll(filepath.Join(dir, "content", "newsec"), 0o755)
	time.Sleep(100 * time.Millisecond)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after mkdir: %+v", e)
	}
	os.WriteFile(filepath.Join(dir, "content", "newsec", "n.md"), []byte("---\ntitle: 新页\nkind: page\n---\n新页正文\n"), 0o644)
	for {
		if e := ev.next(t); e.Type != "reload" {
			t.Fatalf("after a new file in a new folder: %+v", e)
		}
		if code, _ := get(t, url+"newsec/n.html"); code == 200 {
			break
		}
	}
}

func TestNoTraversalNoListing(t *testing.T) {
	url, _ := start(t)
	if code, body := get(t, url); code != 200 || !strings.Contains(body, "<!DOCTYPE html>") {
		t.Fatalf("home: %d", code)
	}
	for _, p := range []string{"../../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc/passwd", "static/..%5c..%5cetc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd"} {
		code, body := get(t, url+p)
		if strings.Contains(body, "root:") {
			t.Errorf("%s served a file outside the site", p)
		}
		if code == 200 && !strings.Contains(body, "<!DOCTYPE html>") {
			t.Errorf("%s: %d", p, code)
		}
	}
	code, body := get(t, url+"static/")
	if code == 200 && strings.Contains(body, "style.css") {
		t.Error("folder listing served")
	}
}
