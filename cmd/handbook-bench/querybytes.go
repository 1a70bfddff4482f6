//go:build linux

package main

// Bytes per query. Each query runs in a fresh browser context with the
// cache off, against a site served from this process, and the server counts
// the body bytes it sends, by path. Nothing is compressed, so these are the
// bytes Resource Timing reports as encodedBodySize; unlike the page's own
// Resource Timing they include what a Web Worker fetches, and Pagefind
// searches in one. The page's Resource Timing is read as well, as a check:
// where it saw less than the server sent, a note says so.
//
// Pagefind writes its index and wasm gzipped already, and most hosts gzip
// JavaScript, so the bytes as served overstate ours against Pagefind's. A
// second table gives each file gzipped (level 6) where that makes it
// smaller: about what a host that compresses sends.

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"handbook/generator/chromium"
)

// queries are typical searches of the corpus: pairs of words of its
// vocabulary (internal/corpus), and one two-word phrase.
var queries = []string{"电梯 保洁", "垃圾 消毒", "客户 投诉", "漏水 阀门", "电梯保洁"}

// size is a number of bytes as served, and gzipped where that is smaller.
type size struct{ raw, gz int64 }

func (a size) plus(b size) size { return size{a.raw + b.raw, a.gz + b.gz} }

// queryRow is one line of the bytes-per-query tables, medians of the runs.
type queryRow struct {
	query            string
	shown, found     int  // handbook: results on the search page, and found
	index, docs, js  size // handbook: search/ but search/d/; search/d/; static/search.js
	pfShown, pfFound int  // pagefind: results whose data was loaded, and found
	pfIndex, pfFrags size // pagefind: entry, meta, index and filter chunks; fragments
	pfRuntime        size // pagefind: pagefind.js, pagefind-worker.js, the wasm
	pagefind         bool // whether Pagefind was measured
}

// queryBytes runs each query runs times on the handbook's build in ours
// and, if pfSite is not "", with Pagefind on the site in pfSite (which has
// Pagefind's index in pagefind/: the handbook's own or Hugo's). It
// returns a row per query, and the first disagreement of the check for each
// tool, if any.
func queryBytes(chrome, ours, pfSite string, runs int) ([]queryRow, []string, error) {
	hb, err := serveDir(ours)
	if err != nil {
		return nil, nil, err
	}
	defer hb.close()
	var pf *server
	if pfSite != "" {
		if pf, err = serveDir(pfSite); err != nil {
			return nil, nil, err
		}
		defer pf.close()
	}
	browser, stop, err := startChrome(chrome)
	if err != nil {
		return nil, nil, err
	}
	defer stop()

	var rows []queryRow
	var hbNote, pfNote string
	for _, q := range queries {
		var all []queryRow
		for range runs {
			r := queryRow{query: q}
			note, err := handbookQuery(browser, hb, q, &r)
			if err != nil {
				return nil, nil, fmt.Errorf("handbook, %q: %w", q, err)
			}
			hbNote = cmp.Or(hbNote, note)
			if pf != nil {
				note, err := pagefindQuery(browser, pf, q, r.shown, &r)
				if err != nil {
					return nil, nil, fmt.Errorf("pagefind, %q: %w", q, err)
				}
				pfNote = cmp.Or(pfNote, note)
			}
			all = append(all, r)
		}
		rows = append(rows, medianRow(all))
	}
	var notes []string
	for _, n := range []string{hbNote, pfNote} {
		if n != "" {
			notes = append(notes, n)
		}
	}
	return rows, notes, nil
}

// pagefindRuntime tells whether a path under /pagefind/ is part of Pagefind's
// code, the same for every site, rather than of this site's index.
func pagefindRuntime(p string) bool {
	name := p[strings.LastIndex(p, "/")+1:]
	return strings.HasSuffix(name, ".js") || strings.HasPrefix(name, "wasm.")
}

// medianRow takes the median of each figure of rs, all of one query.
func medianRow(rs []queryRow) queryRow {
	mid := func(get func(queryRow) int64) int64 {
		v := make([]int64, len(rs))
		for i, r := range rs {
			v[i] = get(r)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	count := func(get func(queryRow) int) int {
		return int(mid(func(r queryRow) int64 { return int64(get(r)) }))
	}
	sizes := func(get func(queryRow) size) size {
		return size{mid(func(r queryRow) int64 { return get(r).raw }), mid(func(r queryRow) int64 { return get(r).gz })}
	}
	return queryRow{
		query:     rs[0].query,
		pagefind:  rs[0].pagefind,
		shown:     count(func(r queryRow) int { return r.shown }),
		found:     count(func(r queryRow) int { return r.found }),
		index:     sizes(func(r queryRow) size { return r.index }),
		docs:      sizes(func(r queryRow) size { return r.docs }),
		js:        sizes(func(r queryRow) size { return r.js }),
		pfShown:   count(func(r queryRow) int { return r.pfShown }),
		pfFound:   count(func(r queryRow) int { return r.pfFound }),
		pfIndex:   sizes(func(r queryRow) size { return r.pfIndex }),
		pfFrags:   sizes(func(r queryRow) size { return r.pfFrags }),
		pfRuntime: sizes(func(r queryRow) size { return r.pfRuntime }),
	}
}

// handbookQuery opens search.html?q= on the handbook's site in a fresh tab,
// waits until the results are on the page, and sets r's handbook figures
// from the bytes the server sent. It returns a note if the page's Resource
// Timing saw other bytes under /search/ than the server sent.
func handbookQuery(browser context.Context, srv *server, q string, r *queryRow) (string, error) {
	ctx, cancel, err := freshTab(browser)
	if err != nil {
		return "", err
	}
	defer cancel()
	srv.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/search.html?q="+url.QueryEscape(q))); err != nil {
		return "", err
	}
	// search.js says it is searching until the results are in the list, and
	// then how many it found: "找到 {n} 条结果", or that it found none.
	done := `(() => {
		const s = document.getElementById('search-status'), pg = document.getElementById('search-page');
		return !!(window.HBSearch && s && pg && s.textContent !== pg.dataset.lLoading);
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		return "", fmt.Errorf("no results on the page: %w", err)
	}
	var res pageResult
	js := `(() => ({
		shown: document.querySelectorAll('ol.search-results > li').length,
		found: Number((document.getElementById('search-status').textContent.match(/\d+/) || ['0'])[0]),
		seen: performance.getEntriesByType('resource')
			.filter(e => new URL(e.name).pathname.startsWith('/search/'))
			.reduce((n, e) => n + e.encodedBodySize, 0),
	}))()`
	if err := evaluate(ctx, js, &res); err != nil {
		return "", err
	}
	r.shown, r.found = res.Shown, res.Found
	for p, n := range srv.take() {
		switch {
		case strings.HasPrefix(p, "/search/d/"):
			r.docs = r.docs.plus(srv.size(p, n))
		case strings.HasPrefix(p, "/search/"):
			r.index = r.index.plus(srv.size(p, n))
		case p == "/static/search.js":
			r.js = r.js.plus(srv.size(p, n))
		}
	}
	if sent := r.index.plus(r.docs).raw; int64(res.Seen) != sent {
		return fmt.Sprintf("handbook, %s: the page's Resource Timing saw %d B under /search/, the server sent %d B", q, int64(res.Seen), sent), nil
	}
	return "", nil
}

// pagefindQuery opens the home page of the indexed site in a fresh tab, runs
// the query with Pagefind's API there and loads the data of the first n
// results, as many as the handbook's search page shows. It sets r's
// Pagefind figures from the bytes the server sent, and returns a note if
// the page's Resource Timing saw other bytes under /pagefind/.
func pagefindQuery(browser context.Context, srv *server, q string, n int, r *queryRow) (string, error) {
	ctx, cancel, err := freshTab(browser)
	if err != nil {
		return "", err
	}
	defer cancel()
	srv.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/")); err != nil {
		return "", err
	}
	qj, _ := json.Marshal(q)
	js := fmt.Sprintf(`(async () => {
		const pf = await import('/pagefind/pagefind.js');
		const r = await pf.search(%s);
		const top = r.results.slice(0, %d);
		await Promise.all(top.map(x => x.data()));
		return {
			shown: top.length, found: r.results.length,
			seen: performance.getEntriesByType('resource')
				.filter(e => new URL(e.name).pathname.startsWith('/pagefind/'))
				.reduce((n, e) => n + e.encodedBodySize, 0),
		};
	})()`, qj, n)
	var res pageResult
	if err := evaluate(ctx, js, &res, chromedp.EvalAwaitPromise); err != nil {
		return "", err
	}
	r.pagefind, r.pfShown, r.pfFound = true, res.Shown, res.Found
	for p, n := range srv.take() {
		switch {
		case strings.HasPrefix(p, "/pagefind/fragment/"):
			r.pfFrags = r.pfFrags.plus(srv.size(p, n))
		case strings.HasPrefix(p, "/pagefind/") && pagefindRuntime(p):
			r.pfRuntime = r.pfRuntime.plus(srv.size(p, n))
		case strings.HasPrefix(p, "/pagefind/"):
			r.pfIndex = r.pfIndex.plus(srv.size(p, n))
		}
	}
	if sent := r.pfIndex.plus(r.pfFrags).plus(r.pfRuntime).raw; int64(res.Seen) != sent {
		// What Pagefind's Web Worker fetches is in the worker's timeline,
		// not the page's.
		return fmt.Sprintf("pagefind, %s: the page's Resource Timing saw %d B under /pagefind/, the server sent %d B "+
			"(Pagefind fetches its index and fragments in a Web Worker, whose requests the page's timeline does not show)", q, int64(res.Seen), sent), nil
	}
	return "", nil
}

// pageResult is what the scripts of handbookQuery and pagefindQuery return:
// results shown (or loaded) and found, and the encodedBodySize the page's
// Resource Timing reports for the search files.
type pageResult struct {
	Shown int     `json:"shown"`
	Found int     `json:"found"`
	Seen  float64 `json:"seen"`
}

// evaluate runs js in the page of ctx and decodes its value into v.
func evaluate(ctx context.Context, js string, v any, opts ...chromedp.EvaluateOption) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js, opts...))
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// startChrome starts a headless Chromium with the options of every run of
// it here, and returns a context of it for freshTab.
func startChrome(path string) (context.Context, context.CancelFunc, error) {
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromium.Options(path, "", 1280, 900)...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return ctx, stop, nil
}

// freshTab opens a tab in a new browser context, which shares no cache,
// storage or workers with any other, and turns its cache off too.
func freshTab(browser context.Context) (context.Context, context.CancelFunc, error) {
	tab, closeTab := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	stop := func() { cancel(); closeTab() }
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		stop()
		return nil, nil, err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		stop()
		return nil, nil, err
	}
	return ctx, stop, nil
}

// server serves a folder over loopback HTTP with net/http's FileServer and
// counts the body bytes it sends, by URL path.
type server struct {
	url  string
	dir  string
	srv  *http.Server
	mu   sync.Mutex
	sent map[string]int64
	gz   map[string]int64 // gzipped size by path, once known
}

func serveDir(dir string) (*server, error) {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String(), dir: dir, sent: map[string]int64{}, gz: map[string]int64{}}
	files := http.FileServer(http.Dir(dir))
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.ServeHTTP(&countingWriter{ResponseWriter: w, s: s, path: r.URL.Path}, r)
	})}
	go s.srv.Serve(ln)
	return s, nil
}

// take returns the bytes sent since the last call, and starts counting anew.
func (s *server) take() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent := s.sent
	s.sent = map[string]int64{}
	return sent
}

func (s *server) close() { s.srv.Close() }

// size returns the n bytes sent for the file at path p, and its size gzipped
// (level 6) if that is smaller than n.
func (s *server) size(p string, n int64) size {
	s.mu.Lock()
	gz, ok := s.gz[p]
	s.mu.Unlock()
	if !ok {
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
		if err != nil {
			return size{n, n}
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, 6)
		w.Write(b)
		w.Close()
		gz = int64(buf.Len())
		s.mu.Lock()
		s.gz[p] = gz
		s.mu.Unlock()
	}
	return size{n, min(n, gz)}
}

// countingWriter adds what a response writes to its server's count. It
// hides http's io.ReaderFrom, so every byte of a file goes through Write.
type countingWriter struct {
	http.ResponseWriter
	s    *server
	path string
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.s.mu.Lock()
	w.s.sent[w.path] += int64(n)
	w.s.mu.Unlock()
	return n, err
}

// printQueryBytes prints the bytes-per-query tables of one corpus size:
// as served, and gzipped.
func printQueryBytes(pages, runs int, pfLabel string, rows []queryRow, notes []string) {
	fmt.Printf("\nBytes a browser loads per query, %d pages: body bytes counted by the server (= Resource Timing's encodedBodySize:\n"+
		"the server compresses nothing), medians of %d runs, each query in a fresh browser context with the cache off. The handbook\n"+
		"opens search.html?q=", pages, runs)
	if pfLabel != "" {
		fmt.Printf("; Pagefind, indexing %s, searches from that site's home page and loads the data of as\n"+
			"many results as the handbook shows", pfLabel)
	}
	fmt.Printf(". KB = 1000 B; a + b is index + documents (handbook) or index + fragments (Pagefind); the ratio is\n" +
		"pagefind ÷ handbook. The runtime is search.js for the handbook, pagefind.js, pagefind-worker.js and the wasm for Pagefind.\n")
	for _, t := range []struct {
		title string
		get   func(size) int64
	}{
		{"as served (Pagefind's index and wasm are gzipped on disk; ours are not)", func(s size) int64 { return s.raw }},
		{"gzipped (level 6) where that makes a file smaller, as a host that compresses sends them", func(s size) int64 { return s.gz }},
	} {
		fmt.Printf("\n%s\n\n| query | results shown (of found): handbook / pagefind | handbook bytes | pagefind bytes | ratio | handbook with runtime | pagefind with runtime | ratio |\n|---|---|---:|---:|---:|---:|---:|---:|\n", t.title)
		for _, r := range rows {
			idx, docs, js := t.get(r.index), t.get(r.docs), t.get(r.js)
			if !r.pagefind {
				fmt.Printf("| %s | %d (%d) / — | %s | — | — | %s | — | — |\n", r.query, r.shown, r.found, kbSum(idx, docs), kb(idx+docs+js))
				continue
			}
			pIdx, pFrags, pRun := t.get(r.pfIndex), t.get(r.pfFrags), t.get(r.pfRuntime)
			fmt.Printf("| %s | %d (%d) / %d (%d) | %s | %s | %s | %s | %s | %s |\n", r.query, r.shown, r.found, r.pfShown, r.pfFound,
				kbSum(idx, docs), kbSum(pIdx, pFrags), ratio(pIdx+pFrags, idx+docs),
				kb(idx+docs+js), kb(pIdx+pFrags+pRun), ratio(pIdx+pFrags+pRun, idx+docs+js))
		}
	}
	for _, n := range notes {
		fmt.Println("\nnote:", n)
	}
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1e3) }

func kbSum(a, b int64) string {
	return fmt.Sprintf("%.1f KB = %.1f + %.1f", float64(a+b)/1e3, float64(a)/1e3, float64(b)/1e3)
}

func ratio(a, b int64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}
