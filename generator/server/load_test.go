package server

import (
	"context"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"handbook/generator/site"
)

// TestLoad has 200 clients ask a served site for its pages, over
// loopback, for ten seconds, a few of them holding live-reload streams.
// Every request must succeed, and the server must hold no more memory or
// goroutines afterwards than a little over what it had before.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("10 s load test: skipped with -short")
	}
	dest := filepath.Join(t.TempDir(), "site")
	u, _, _ := serve(t, Options{Build: site.Options{Dest: dest}, Port: 0})
	var urls []string
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			urls = append(urls, filepath.ToSlash(rel))
		}
		return nil
	})
	urls = append(urls, "", "pages/", "no/such/page.html")
	if len(urls) < 10 {
		t.Fatalf("only %d files served", len(urls))
	}

	heap := func() (uint64, int) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse, runtime.NumGoroutine()
	}
	heapBefore, goBefore := heap()

	tr := &http.Transport{MaxIdleConns: 400, MaxIdleConnsPerHost: 400, MaxConnsPerHost: 400}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var requests, failures atomic.Int64
	var lastErr atomic.Value
	var wg sync.WaitGroup
	for c := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(c), 2))
			for ctx.Err() == nil {
				if c < 5 {
					// A page's live-reload stream: connect, read the first
					// event, go away.
					sctx, scancel := context.WithTimeout(ctx, 200*time.Millisecond)
					req, _ := http.NewRequestWithContext(sctx, "GET", u+"__handbook/events", nil)
					if resp, err := client.Do(req); err == nil {
						buf := make([]byte, 64)
						resp.Body.Read(buf)
						resp.Body.Close()
					}
					scancel()
					continue
				}
				url := urls[rnd.IntN(len(urls))]
				resp, err := client.Get(u + url)
				requests.Add(1)
				if err != nil {
					if ctx.Err() == nil {
						failures.Add(1)
						lastErr.Store(err.Error())
					}
					continue
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				want := 200
				if url == "no/such/page.html" {
					want = 404
				}
				if resp.StatusCode != want || err != nil || n == 0 {
					failures.Add(1)
					lastErr.Store(url + ": " + resp.Status)
				}
			}
		}()
	}
	wg.Wait()
	tr.CloseIdleConnections()
	time.Sleep(500 * time.Millisecond) // let the server see the connections close
	heapAfter, goAfter := heap()
	t.Logf("%d requests in 10 s by 200 clients; heap in use %d MB before, %d MB after; goroutines %d before, %d after",
		requests.Load(), heapBefore>>20, heapAfter>>20, goBefore, goAfter)
	if f := failures.Load(); f > 0 {
		t.Errorf("%d of %d requests failed; last: %v", f, requests.Load(), lastErr.Load())
	}
	if requests.Load() < 1000 {
		t.Errorf("only %d requests in 10 s", requests.Load())
	}
	if heapAfter > heapBefore+100<<20 {
		t.Errorf("heap in use grew from %d MB to %d MB", heapBefore>>20, heapAfter>>20)
	}
	if goAfter > goBefore+20 {
		buf := make([]byte, 1<<16)
		n := runtime.Stack(buf, true)
		t.Errorf("goroutines grew from %d to %d:\n%s", goBefore, goAfter, firstLines(string(buf[:n]), 60))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
