package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"handbook/generator/scaffold"
	"handbook/generator/site"
)

// syncBuffer is a log that a server writes while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs a dev server on a new site with opt (Build.Source and Ready
// are filled in) and returns its URL, the site folder and the log.
func serve(t *testing.T, opt Options) (string, string, *syncBuffer) {
	t.Helper()
	return serveSite(t, opt, nil)
}

// serveSite is serve with prepare run on the new site's folder before the
// server starts.
func serveSite(t *testing.T, opt Options, prepare func(dir string)) (string, string, *syncBuffer) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(dir)
	}
	opt.Build.Source = dir
	log := &syncBuffer{}
	if opt.Log == nil {
		opt.Log = log
	}
	if opt.Debounce == 0 {
		opt.Debounce = 20 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	opt.Ready = func(u string) { ready <- u }
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opt); close(done) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("server did not stop")
		}
	})
	select {
	case u := <-ready:
		return u, dir, log
	case err := <-done:
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return "", "", nil
}

// TestBindWarning: on a non-loopback address the server warns that the
// drafts are reachable from other machines, and still serves.
func TestBindWarning(t *testing.T) {
	u, _, log := serve(t, Options{Bind: "0.0.0.0", Port: 0})
	want := "warning: serving on 0.0.0.0 makes the draft site reachable from other machines; use --bind 127.0.0.1 to keep it local\n"
	if !strings.HasPrefix(log.String(), want) {
		t.Errorf("log:\n%s\nwant it to start with:\n%s", log, want)
	}
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/"))
	if code, _ := fetch(t, "http://127.0.0.1:"+port+"/"); code != 200 {
		t.Errorf("home page over loopback: %d", code)
	}
}

// TestLoopbackByDefault: with no address the server listens on 127.0.0.1
// only, and says nothing of other machines.
func TestLoopbackByDefault(t *testing.T) {
	u, _, log := serve(t, Options{Port: 0})
	if !strings.HasPrefix(u, "http://127.0.0.1:") {
		t.Errorf("serving at %s", u)
	}
	if strings.Contains(log.String(), "warning") {
		t.Errorf("log warns on loopback:\n%s", log)
	}
	for _, bind := range []string{"::1", "127.0.0.2"} {
		t.Run(bind, func(t *testing.T) {
			_, _, log := serve(t, Options{Bind: bind, Port: 0})
			if strings.Contains(log.String(), "warning") {
				t.Errorf("log warns on loopback %s:\n%s", bind, log)
			}
		})
	}
}

// TestLocalhostIsLoopback: localhost is a loopback name, not another
// machine; the server must not warn about it.
func TestLocalhostIsLoopback(t *testing.T) {
	_, _, log := serve(t, Options{Bind: "localhost", Port: 0})
	if strings.Contains(log.String(), "warning") {
		t.Errorf("log warns on localhost:\n%s", log)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// raw sends one request line as written, with no cleaning by a client,
// and returns the status code and body.
func raw(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestNoPathOutsideTheOutput asks, byte for byte as written, for files
// beside and above the output folder, and for folders: nothing outside the
// output is served and no folder is listed.
func TestNoPathOutsideTheOutput(t *testing.T) {
	outer := t.TempDir()
	dest := filepath.Join(outer, "out", "site")
	const secret = "TOPSECRET-4f1c"
	for _, p := range []string{filepath.Join(outer, "secret.txt"), filepath.Join(outer, "out", "secret.txt")} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u, dir, _ := serve(t, Options{Build: site.Options{Dest: dest}, Port: 0})
	addr := strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/")
	page, _ := os.ReadFile(filepath.Join(dir, "content", "pages", "page.md"))
	var targets []string
	for _, up := range []string{"..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "%c0%ae%c0%ae", "..%00", "..;"} {
		for _, sep := range []string{"/", "%2f", "%2F", "%5c", "\\", "%252f", "%255c"} {
			for _, file := range []string{"secret.txt", "etc/passwd", "site/content/pages/page.md"} {
				f := strings.ReplaceAll(file, "/", sep)
				targets = append(targets,
					"/"+up+sep+f,
					"/"+up+sep+up+sep+f,
					"/static/"+up+sep+up+sep+up+sep+f,
					"/"+strings.Repeat(up+sep, 8)+f)
			}
		}
	}
	targets = append(targets, "//etc/passwd", "///etc/passwd", "/./../secret.txt", "http://x/../secret.txt", "/static/../../secret.txt")
	for _, target := range targets {
		code, body := raw(t, addr, target)
		if strings.Contains(body, secret) || strings.Contains(body, "root:") || (len(page) > 0 && strings.Contains(body, string(page[:40]))) {
			t.Errorf("%s served a file outside the output (%d)", target, code)
		}
		if code == 200 && !strings.Contains(body, "<!DOCTYPE html>") {
			t.Errorf("%s: 200 with a body that is no page:\n%.200s", target, body)
		}
	}
	// Folders: an index.html if there is one, never a listing.
	for _, target := range []string{"/static/", "/static", "/search/", "/static/%2e/", "/pages/", "/pages", "/.", "/%2e/"} {
		code, body := raw(t, addr, target)
		if code == 200 && (!strings.HasPrefix(body, "<!DOCTYPE html>") || strings.Contains(body, "<pre>\n<a href=")) {
			t.Errorf("%s: a folder listing:\n%.300s", target, body)
		}
		if code == 200 && (strings.HasPrefix(target, "/static") || strings.HasPrefix(target, "/search")) {
			t.Errorf("%s: 200 for a folder without index.html", target)
		}
	}
}

// TestRapidChanges makes 200 random saves, deletes, renames and folder
// moves in about five seconds while asking for the home page. The server
// must answer every request with the home page and end serving exactly the
// final files.
func TestRapidChanges(t *testing.T) {
	u, dir, log := serve(t, Options{Port: 0})
	content := filepath.Join(dir, "content")
	seed := uint64(time.Now().UnixNano())
	rnd := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)

	// The pages the test owns: content path → marker of the last save.
	pages := map[string]string{}
	everURL := map[string]bool{}
	folders := []string{"extra-a", "extra-b", "extra-c"}
	save := func(rel string, n int) {
		marker := fmt.Sprintf("标记%04d", n)
		p := filepath.Join(content, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("---\ntitle: 页"+marker+"\nkind: page\n---\n正文"+marker+"。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		pages[rel] = marker
		everURL[urlOf(rel)] = true
	}
	keys := func() []string {
		var ks []string
		for k := range pages {
			ks = append(ks, k)
		}
		return ks
	}

	stop := make(chan struct{})
	var polls, bad int
	var pollErr string
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		client := &http.Client{Timeout: 10 * time.Second}
		for {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := client.Get(u)
			polls++
			if err != nil {
				bad++
				pollErr = err.Error()
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
				bad++
				pollErr = fmt.Sprintf("status %d, %d bytes", resp.StatusCode, len(b))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	start := time.Now()
	for i := range 200 {
		ks := keys()
		switch op := rnd.IntN(10); {
		case op < 4 || len(ks) == 0: // save a new or an existing page
			rel := fmt.Sprintf("%s/p%02d.md", folders[rnd.IntN(len(folders))], rnd.IntN(12))
			if len(ks) > 0 && op < 2 {
				rel = ks[rnd.IntN(len(ks))]
			}
			save(rel, i)
		case op < 6: // delete
			rel := ks[rnd.IntN(len(ks))]
			os.Remove(filepath.Join(content, filepath.FromSlash(rel)))
			delete(pages, rel)
		case op < 8: // rename a file
			rel := ks[rnd.IntN(len(ks))]
			to := fmt.Sprintf("%s/r%03d.md", filepath.Dir(rel), i)
			if err := os.Rename(filepath.Join(content, rel), filepath.Join(content, to)); err != nil {
				t.Fatal(err)
			}
			pages[to] = pages[rel]
			delete(pages, rel)
			everURL[urlOf(to)] = true
		default: // move a folder
			from := folders[rnd.IntN(len(folders))]
			to := fmt.Sprintf("moved-%03d", i)
			if _, err := os.Stat(filepath.Join(content, from)); err != nil {
				save(from+"/p00.md", i)
			}
			if err := os.Rename(filepath.Join(content, from), filepath.Join(content, to)); err != nil {
				t.Fatal(err)
			}
			for _, k := range keys() {
				if strings.HasPrefix(k, from+"/") {
					nk := to + strings.TrimPrefix(k, from)
					pages[nk] = pages[k]
					delete(pages, k)
					everURL[urlOf(nk)] = true
				}
			}
			for j, f := range folders {
				if f == from {
					folders[j] = to
				}
			}
		}
		time.Sleep(time.Until(start.Add(time.Duration(i+1) * 25 * time.Millisecond)))
	}
	close(stop)
	wg.Wait()
	t.Logf("200 operations in %s, %d requests for the home page", time.Since(start).Round(time.Millisecond), polls)
	if bad > 0 {
		t.Errorf("%d of %d requests for the home page failed; last: %s", bad, polls, pollErr)
	}

	// The final state: every page there is, with its last text; every page
	// that went away, gone.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var wrong []string
		want := map[string]bool{}
		for rel, marker := range pages {
			want[urlOf(rel)] = true
			code, body := fetch(t, u+urlOf(rel))
			if code != 200 || !strings.Contains(body, "正文"+marker) {
				wrong = append(wrong, fmt.Sprintf("%s: %d, want text %s", urlOf(rel), code, marker))
			}
		}
		for url := range everURL {
			if !want[url] {
				if code, _ := fetch(t, u+url); code != 404 {
					wrong = append(wrong, fmt.Sprintf("%s: %d, want 404", url, code))
				}
			}
		}
		if len(wrong) == 0 {
			break
		}
		if time.Now().After(deadline) {
			if len(wrong) > 10 {
				wrong = wrong[:10]
			}
			t.Fatalf("30 s after the last change the site does not match the files:\n%s\nserver log:\n%s", strings.Join(wrong, "\n"), tail(log.String(), 2000))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func urlOf(rel string) string { return strings.TrimSuffix(rel, ".md") + ".html" }

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// TestSaveWithinOneClockTick: two saves of a page, of equal size, that the
// file system stamps with one modification time (saves within one tick of
// its clock, or a tool that keeps times). The server must serve the second.
func TestSaveWithinOneClockTick(t *testing.T) {
	u, dir, _ := serve(t, Options{Port: 0})
	ev := subscribe(t, u)
	if e := ev.next(t); e.Type != "ok" {
		t.Fatalf("first event %+v", e)
	}
	page := filepath.Join(dir, "content", "pages", "page.md")
	write := func(text string, mod time.Time) {
		if err := os.WriteFile(page, []byte("---\ntitle: 页\nkind: page\n---\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(page, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	tick := time.Now().Truncate(time.Second)
	write("第一次保存。", tick)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the first save: %+v", e)
	}
	if _, body := fetch(t, u+"pages/page.html"); !strings.Contains(body, "第一次保存") {
		t.Fatal("first save not served")
	}
	write("第二次保存。", tick)
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the second save: %+v", e)
	}
	if _, body := fetch(t, u+"pages/page.html"); !strings.Contains(body, "第二次保存") {
		t.Error("the second save, stamped with the first one's time, is not served")
	}
}

// TestWatchesLinkedFolders: a folder linked into content/ is built (the
// loader follows symbolic links), so an edit in it must rebuild too.
func TestWatchesLinkedFolders(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	if err := os.MkdirAll(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(shared, "linked.md")
	os.WriteFile(page, []byte("---\ntitle: 共享\nkind: page\n---\n第一版。\n"), 0o644)
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(shared, filepath.Join(dir, "content", "shared")); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Source: dir}, Port: 0, Debounce: 20 * time.Millisecond, Ready: func(u string) { ready <- u }})
	}()
	defer func() { cancel(); <-done }()
	var u string
	select {
	case u = <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	if _, body := fetch(t, u+"shared/linked.html"); !strings.Contains(body, "第一版") {
		t.Fatal("the linked page is not served")
	}
	os.WriteFile(page, []byte("---\ntitle: 共享\nkind: page\n---\n第二版。\n"), 0o644)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, body := fetch(t, u+"shared/linked.html"); strings.Contains(body, "第二版") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("an edit in a linked folder did not rebuild the site")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
