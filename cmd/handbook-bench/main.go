//go:build linux

// Command handbook-bench measures full builds of a synthetic handbook at
// several sizes, side by side with a goldmark-only render of the same pages
// (the floor), and with Hugo and Pagefind when they are installed. It prints
// medians of -runs runs: wall time, CPU time, peak RSS, output and search
// index bytes, the dev server's rebuild latency, and, in headless Chromium,
// the bytes a browser loads for sample queries with our search and with
// Pagefind on the same pages (see querybytes.go).
//
//	go run ./cmd/handbook-bench [-sizes 1000,10000] [-runs 5] [-dir /dev/shm/handbook-bench]
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"handbook/generator/chromium"
	"handbook/internal/corpus"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		if err := floor(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	sizes := flag.String("sizes", "1000,10000", "corpus sizes in pages")
	runs := flag.Int("runs", 5, "runs per figure (the median is printed)")
	dir := flag.String("dir", "/dev/shm/handbook-bench", "work folder; a tmpfs keeps the disk out of the figures")
	flag.Parse()
	if err := run(*sizes, *runs, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "handbook-bench:", err)
		os.Exit(1)
	}
}

// floor renders each page's Markdown with goldmark alone and writes it: the
// least any generator must do.
func floor(src, out string) error {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	return filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if i := strings.Index(string(b[3:]), "\n---"); strings.HasPrefix(string(b), "---") && i >= 0 {
			b = b[i+7:]
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		f, err := os.Create(dst)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		if err := md.Convert(b, w); err != nil {
			return err
		}
		w.Flush()
		return f.Close()
	})
}

// figure is one measured run.
type figure struct {
	wall, cpu  time.Duration
	rss        int64 // KiB
	out, index int64 // bytes of the output, and of its search index
}

// job is one tool building one corpus into fresh, an empty folder;
// sizes reads the output and index bytes after a run.
type job struct {
	fresh string
	sizes func() (out, index int64)
	name  string
	args  []string
}

// measure runs j runs times and returns the median of each figure.
func measure(runs int, j job) (figure, error) {
	all, err := measureTogether(runs, j)
	if err != nil {
		return figure{}, err
	}
	return median(all[0]), nil
}

// measureTogether runs the jobs in turn, one run of each, runs times (A B
// C A B C …), each into its folder emptied before the run, and returns every
// run of each job. A machine whose speed drifts during the bench then
// slows them alike, and a ratio of two tools' runs taken side by side
// stays meaningful (see pairedRatio).
func measureTogether(runs int, jobs ...job) ([][]figure, error) {
	all := make([][]figure, len(jobs))
	for i := 0; i < runs; i++ {
		for k, j := range jobs {
			if err := os.RemoveAll(j.fresh); err != nil {
				return nil, err
			}
			cmd := exec.Command(j.name, j.args...)
			cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("%s %s: %w", j.name, strings.Join(j.args, " "), err)
			}
			wall := time.Since(start)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			f := figure{wall: wall, cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), rss: ru.Maxrss}
			f.out, f.index = j.sizes()
			all[k] = append(all[k], f)
		}
	}
	return all, nil
}

// pairedRatio is the median over runs of a's wall time over b's in the same
// round, or, if a and b were not run side by side, the ratio of their
// medians.
func pairedRatio(a, b row) float64 {
	if len(a.runs) == 0 || len(a.runs) != len(b.runs) {
		return a.f.wall.Seconds() / b.f.wall.Seconds()
	}
	rs := make([]float64, len(a.runs))
	for i := range a.runs {
		rs[i] = a.runs[i].wall.Seconds() / b.runs[i].wall.Seconds()
	}
	sort.Float64s(rs)
	return rs[len(rs)/2]
}

func median(fs []figure) figure {
	m := func(get func(figure) int64) int64 {
		v := make([]int64, len(fs))
		for i, f := range fs {
			v[i] = get(f)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return figure{
		wall:  time.Duration(m(func(f figure) int64 { return int64(f.wall) })),
		cpu:   time.Duration(m(func(f figure) int64 { return int64(f.cpu) })),
		rss:   m(func(f figure) int64 { return f.rss }),
		out:   m(func(f figure) int64 { return f.out }),
		index: m(func(f figure) int64 { return f.index }),
	}
}

func du(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// row is one line of the build table.
type row struct {
	tool   string
	size   int
	f      figure
	runs   []figure // every run, when run side by side with the handbook's
	note   string
	reload time.Duration // handbook build: the dev server's edit → reload event
}

// built is where one corpus size was built, for the bytes-per-query part:
// the handbook's output, and Hugo's with Pagefind's index ("" if none).
type built struct {
	size        int
	out, pfSite string
	pfOurs      bool // Pagefind indexed out too
}

func run(sizesFlag string, runs int, dir string) error {
	var sizes []int
	for _, s := range strings.Split(sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("bad -sizes: %v", err)
		}
		sizes = append(sizes, n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(dir, "handbook")
	self := filepath.Join(dir, "handbook-bench")
	for _, b := range [][2]string{{bin, "./cmd/handbook"}, {self, "./cmd/handbook-bench"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", b[1], err, out)
		}
	}
	hugo, _ := exec.LookPath("hugo")
	pagefind := findPagefind()
	fmt.Printf("machine: %s/%s, %d CPUs; %d runs per figure, medians; the handbook, the floor and Hugo run in turn, and a ratio to the handbook is the median of the ratios of runs side by side\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runs)
	if hugo == "" {
		fmt.Println("hugo: not installed (apt-get install hugo); skipped")
	} else {
		v, _ := exec.Command(hugo, "version").Output()
		fmt.Printf("hugo: %s", v)
	}
	if pagefind == "" {
		fmt.Println("pagefind: not installed (npm install pagefind@1.6.0); skipped")
	}
	chrome, _ := chromium.Find()
	if chrome == "" {
		fmt.Println("chromium: not found (install chromium or set CHROME_PATH); bytes per query skipped")
	}
	var rows []row
	var sites []built
	for _, n := range sizes {
		src := filepath.Join(dir, fmt.Sprintf("site-%d", n))
		os.RemoveAll(src)
		if err := corpus.Write(src, corpus.Options{Pages: n, Seed: 1, Hugo: hugo != ""}); err != nil {
			return err
		}
		out := filepath.Join(dir, fmt.Sprintf("out-%d", n))
		fl := filepath.Join(dir, fmt.Sprintf("floor-%d", n))
		hsrc := filepath.Join(src, "hugo")
		hout := filepath.Join(dir, fmt.Sprintf("hugo-out-%d", n))
		// Every tool builds into an empty folder; over a previous build the
		// handbook also deletes the old output once the new one is in place.
		// The handbook, the floor and Hugo take turns, run by run.
		jobs := []job{
			{out, func() (int64, int64) { return du(out), du(filepath.Join(out, "search")) }, bin, []string{"build", "-s", src, "-d", out}},
			{fl, func() (int64, int64) { return du(fl), 0 }, self, []string{"floor", src, fl}},
		}
		tools := []string{"handbook build", "goldmark only"}
		if hugo != "" {
			if err := writeHugoSite(hsrc); err != nil {
				return err
			}
			jobs = append(jobs, job{hout, func() (int64, int64) { return du(hout), 0 }, hugo, []string{"--quiet", "--source", hsrc, "--destination", hout}})
			tools = append(tools, "hugo")
		}
		all, err := measureTogether(runs, jobs...)
		if err != nil {
			return err
		}
		first := len(rows)
		for k, t := range tools {
			rows = append(rows, row{tool: t, size: n, f: median(all[k]), runs: all[k]})
		}
		lat, err := rebuildLatency(bin, src, runs)
		if err != nil {
			rows[first].note = "dev server: " + err.Error()
		} else {
			rows[first].note = fmt.Sprintf("edit → reload event %s", lat.Round(time.Millisecond))
			rows[first].reload = lat
		}
		site := built{size: n, out: out}
		if hugo != "" && pagefind != "" {
			pf := filepath.Join(hout, "pagefind")
			f, err := measure(runs, job{pf, func() (int64, int64) { return 0, du(pf) }, pagefind, []string{"--site", hout}})
			if err != nil {
				return err
			}
			rows = append(rows, row{tool: "pagefind (on hugo's output)", size: n, f: f})
			site.pfSite = hout
		}
		if pagefind != "" {
			// Pagefind on the handbook's own pages: the same site, for the
			// bytes per query, in the output of the last build above.
			pf := filepath.Join(out, "pagefind")
			f, err := measure(runs, job{pf, func() (int64, int64) { return 0, du(pf) }, pagefind, []string{"--site", out}})
			if err != nil {
				return err
			}
			rows = append(rows, row{tool: "pagefind (on handbook's output)", size: n, f: f})
			site.pfOurs = true
		}
		sites = append(sites, site)
	}
	print(rows)
	if chrome == "" {
		return nil
	}
	for _, s := range sites {
		type peer struct{ label, dir string }
		var peers []peer
		if s.pfOurs {
			peers = append(peers, peer{"the handbook's own output (the same pages)", s.out})
		}
		if s.pfSite != "" {
			peers = append(peers, peer{"Hugo's output", s.pfSite})
		}
		if len(peers) == 0 {
			peers = append(peers, peer{})
		}
		for _, p := range peers {
			qs, notes, err := queryBytes(chrome, s.out, p.dir, runs)
			if err != nil {
				return fmt.Errorf("bytes per query, %d pages: %w", s.size, err)
			}
			printQueryBytes(s.size, runs, p.label, qs, notes)
		}
	}
	return nil
}

func print(rows []row) {
	fmt.Printf("\n| tool | pages | wall | CPU | cores busy | peak RSS | output | search index | notes |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	ours := map[int]row{}
	for _, r := range rows {
		if r.tool == "handbook build" {
			ours[r.size] = r
		}
	}
	for _, r := range rows {
		ratio := ""
		if b, ok := ours[r.size]; ok && r.tool != "handbook build" && r.f.wall > 0 {
			ratio = fmt.Sprintf(" (handbook = %.2f×)", pairedRatio(b, r))
		}
		out, idx := "", ""
		if r.f.out > 0 {
			out = mb(r.f.out)
		}
		if r.f.index > 0 {
			idx = mb(r.f.index)
		}
		fmt.Printf("| %s | %d | %.2f s%s | %.2f s | %.2f | %d MB | %s | %s | %s |\n", r.tool, r.size, r.f.wall.Seconds(), ratio, r.f.cpu.Seconds(), float64(r.f.cpu)/float64(r.f.wall), r.f.rss/1024, out, idx, r.note)
	}
	printScaling(rows)
	printTargets(rows)
}

// printScaling shows how each tool's wall time and peak RSS grow from the
// smallest size to the largest: a linear build grows by the page ratio.
func printScaling(rows []row) {
	first, last := map[string]row{}, map[string]row{}
	var tools []string
	for _, r := range rows {
		if _, ok := first[r.tool]; !ok {
			first[r.tool] = r
			tools = append(tools, r.tool)
		}
		last[r.tool] = r
	}
	header := false
	for _, t := range tools {
		a, b := first[t], last[t]
		if a.size == b.size || a.f.wall == 0 {
			continue
		}
		if !header {
			fmt.Printf("\nScaling, %d → %d pages (%.0f× the pages):\n\n| tool | wall | peak RSS |\n|---|---:|---:|\n", a.size, b.size, float64(b.size)/float64(a.size))
			header = true
		}
		fmt.Printf("| %s | %.1f× | %.1f× |\n", t, float64(b.f.wall)/float64(a.f.wall), float64(b.f.rss)/float64(max(a.f.rss, 1)))
	}
}

// printTargets checks the largest size against the performance targets.
func printTargets(rows []row) {
	by := map[string]row{}
	size := 0
	for _, r := range rows {
		size = max(size, r.size)
	}
	for _, r := range rows {
		if r.size == size {
			by[r.tool] = r
		}
	}
	ours, ok := by["handbook build"]
	if !ok {
		return
	}
	fmt.Printf("\nTargets at %d pages:\n\n", size)
	check := func(what string, got, limit float64, unit string) {
		verdict := "met"
		if got > limit {
			verdict = fmt.Sprintf("missed: %.2f× the limit", got/limit)
		}
		fmt.Printf("- %s: %.2f%s, limit %.2f%s: %s\n", what, got, unit, limit, unit, verdict)
	}
	if h, ok := by["hugo"]; ok {
		check("full build ÷ Hugo's plain render", pairedRatio(ours, h), 0.5, "×")
	}
	if g, ok := by["goldmark only"]; ok {
		check("full build ÷ goldmark-only render", pairedRatio(ours, g), 2.5, "×")
	}
	check("peak RSS", float64(ours.f.rss)/1024, 300, " MB")
	if ours.reload > 0 {
		check("one edited page to the reload event", float64(ours.reload.Milliseconds()), 100, " ms")
	}
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func findPagefind() string {
	for _, p := range []string{"node_modules/.bin/pagefind", "pagefind"} {
		if x, err := exec.LookPath(p); err == nil {
			return x
		}
	}
	return ""
}

// writeHugoSite gives the corpus's Hugo copy a minimal, fair theme: one
// single-page layout and a navigation partial cached with partialCached.
func writeHugoSite(dir string) error {
	files := map[string]string{
		"hugo.toml":                    "baseURL = 'http://localhost/'\ntitle = '合成手册'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
		"layouts/_default/baseof.html": `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ partialCached "nav.html" . }}<main>{{ block "main" . }}{{ end }}</main></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
		"layouts/partials/nav.html":    `<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>`,
	}
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// rebuildLatency starts the dev server, edits one page several times and
// returns the median time from the write to the reload event.
func rebuildLatency(bin, src string, runs int) (time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-s", src, "--port", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { cancel(); <-exited }()
	url := fmt.Sprintf("http://127.0.0.1:%d/__handbook/events", port)
	var resp *http.Response
	for i := 0; i < 600; i++ {
		if resp, err = http.Get(url); err == nil {
			break
		}
		select {
		case err := <-exited:
			return 0, fmt.Errorf("the server stopped: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	if err != nil {
		return 0, errors.New("server did not start")
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				events <- sc.Text()
			}
		}
		close(events)
	}()
	<-events // the current state
	page := filepath.Join(src, "content", "sec000", "p00000.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		return 0, err
	}
	defer os.WriteFile(page, orig, 0o644)
	var lats []figure
	for i := 0; i < runs; i++ {
		edited := strings.Replace(string(orig), "## 概述", fmt.Sprintf("## 概述\n\n第%d次修改。", i), 1)
		start := time.Now()
		if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
			return 0, err
		}
		select {
		case ev, ok := <-events:
			if !ok || !strings.Contains(ev, `"reload"`) {
				return 0, fmt.Errorf("unexpected event %q", ev)
			}
		case <-time.After(60 * time.Second):
			return 0, errors.New("no reload event")
		}
		lats = append(lats, figure{wall: time.Since(start)})
		time.Sleep(200 * time.Millisecond)
	}
	return median(lats).wall, nil
}
