package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an output that the command writes while a test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeStartsWithABrokenPage: `handbook serve` on a site with a broken
// page prints the problem and the URL and keeps serving; a broken config
// still stops it.
func TestServeStartsWithABrokenPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := cli(t, "new", "site", dir); code != 0 {
		t.Fatal(stderr)
	}
	os.WriteFile(filepath.Join(dir, "content", "pages", "page.md"), []byte("---\ntitle: 坏\nkind: pagee\n---\n正文\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb lockedBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "-s", dir, "--port", "0"}, &out, &errb) }()
	url := regexp.MustCompile(`Serving the handbook at (http://\S+)`)
	deadline := time.After(30 * time.Second)
	for !url.MatchString(out.String()) {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d on a site with a broken page:\n%s%s", code, out.String(), errb.String())
		case <-deadline:
			cancel()
			t.Fatalf("serve did not start:\n%s%s", out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if !strings.Contains(out.String(), `content/pages/page.md:3: unknown kind "pagee"`) {
		t.Errorf("serve does not print the problem:\n%s", out.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve stopped with exit %d:\n%s", code, errb.String())
	}

	os.WriteFile(filepath.Join(dir, "handbook.toml"), []byte("language = \"fr\"\n"), 0o644)
	tctx, tcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer tcancel()
	var stdout, stderr bytes.Buffer
	code := run(tctx, []string{"serve", "-s", dir, "--port", "0"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "handbook.toml") || strings.Contains(stdout.String(), "Serving") {
		t.Errorf("serve with a broken config: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}
