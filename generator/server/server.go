// Package server is the dev server: it builds the site, serves it over HTTP,
// watches the sources and rebuilds on change, and tells open pages to
// reload through server-sent events. When an edit breaks the build it keeps
// serving the last good site and sends the error to the pages, which show it
// in an overlay; the next good build clears it. A site that is broken when
// the server starts is served as a page that shows the overlay, until a save
// fixes it.
//
// A failed build is reported only once the sources have been quiet for a
// moment (Options.Settle): editors that save in two steps (truncate, then
// write; or move the old file away, then put the new one in place) leave
// the site broken in between, and that is a save in progress, not an error.
// Good builds are reported at once.
//
// It serves only files inside the output folder: no directory listings and
// no paths outside it.
package server

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"handbook/generator/config"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/site"
)

//go:embed live.js
var liveJS []byte

// Options configures the dev server.
type Options struct {
	Build    site.Options // Source, BaseURL, Drafts; Dest defaults to a temporary folder
	Bind     string       // default 127.0.0.1
	Port     int          // default 1313; 0 picks a free port
	Log      io.Writer
	Ready    func(url string) // called once the server listens
	Open     bool             // open the site in the system's browser once it listens
	Debounce time.Duration    // default 20ms
	// Settle is how long the sources must be quiet before a failed build
	// is reported (default 250ms); see maxHold.
	Settle time.Duration
}

// maxHold bounds how long a failed build waits for the sources to be
// quiet, so that a file another program keeps writing does not hide a
// real error.
const maxHold = time.Second

// Server is a running dev server.
type Server struct {
	opt  Options
	mu   sync.Mutex
	err  string // last build error, "" when good
	good bool   // a build has succeeded: there is a site to serve
	// warns are the warnings of the last good build, written in the
	// site's language, which the terminal has shown and the pages show.
	warns   []string
	msgLang atomic.Value // string: the language of messages; see lang
	gen     int          // build generation
	subs    map[chan event]bool
	// session keeps parsed pages between builds, so an edit rebuilds
	// only what it touched.
	session *site.Session
	// cfg is the config the watches were set from; drafts holds the URLs
	// of drafts whose hint the terminal has shown.
	cfg    config.Config
	drafts map[string]bool
}

type event struct {
	Type     string   `json:"type"` // reload, error, ok
	Error    string   `json:"error,omitempty"`
	Warnings []string `json:"warnings,omitempty"` // of the site the page shows, on ok
	Gen      int      `json:"gen"`
}

// Run builds, serves and watches until ctx is cancelled.
func Run(ctx context.Context, opt Options) error {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce == 0 {
		opt.Debounce = 20 * time.Millisecond
	}
	if opt.Settle == 0 {
		opt.Settle = 250 * time.Millisecond
	}
	if opt.Build.Source == "" {
		opt.Build.Source = "."
	}
	opt.Build.Dev = true
	if opt.Build.Dest == "" {
		tmp, err := os.MkdirTemp("", "handbook-serve-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		opt.Build.Dest = filepath.Join(tmp, "site")
	}
	s := &Server{opt: opt, subs: map[chan event]bool{}, session: site.NewSession(opt.Build), drafts: map[string]bool{}}
	if !loopback(opt.Bind) {
		s.say("warning: serving on %s makes the draft site reachable from other machines; use --bind 127.0.0.1 to keep it local", opt.Bind)
	}
	// A broken page or quiz must not keep the author from the page that
	// shows what is wrong: the server starts and shows the problems until
	// a save fixes them.
	if res, err := s.session.Build(ctx); err != nil {
		if !servable(err) {
			return err
		}
		s.err = diag.In(err, s.setLang(nil))
		s.say("The site has %d problem(s); the browser shows them until a save fixes them:\n%s", problems(err), s.err)
	} else {
		s.good = true
		s.setLang(res)
		s.warn(res)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := s.watchAll(w); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opt.Bind, fmt.Sprint(opt.Port)))
	if err != nil {
		return diag.New("", 0, diag.T("cannot listen on %s:%d: %v (is another server running? try --port)", opt.Bind, opt.Port, err), err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	url := fmt.Sprintf("http://%s/", ln.Addr().String())
	s.say("Serving the handbook at %s (press Ctrl+C to stop)", url)
	if opt.Ready != nil {
		opt.Ready(url)
	}
	if opt.Open {
		if err := openBrowser(url); err != nil {
			s.say("cannot open a browser (%v): open %s in one yourself", err, url)
		}
	}
	s.watch(ctx, w)
	s.session.Wait()
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s.closeSubs()
	return srv.Shutdown(sctx)
}

// openBrowser opens url in the system's default browser: with xdg-open
// on Linux and the BSDs, open on macOS, the URL handler on Windows.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// lang is the language of the server's messages (see diag.Lang): that of
// the config of the last good build, read again from the config file
// after a failed one (setLang).
func (s *Server) lang() string {
	if l, ok := s.msgLang.Load().(string); ok {
		return l
	}
	return s.setLang(nil)
}

// setLang sets the language of messages from a good build's result, or
// from the config file when res is nil, and returns it.
func (s *Server) setLang(res *site.Result) string {
	var l string
	if res != nil {
		l = diag.Lang(res.Config.Language)
	} else {
		l = config.MessageLang(s.opt.Build.Source)
	}
	s.msgLang.Store(l)
	return l
}

// say writes a line of the message format to the log, in the site's
// language.
func (s *Server) say(format string, args ...any) {
	fmt.Fprintln(s.opt.Log, diag.T(format, args...).In(s.lang()))
}

// warn keeps the warnings of a good build, res, and prints them when
// they are not those printed last: a save that leaves them as they were
// does not repeat them. The caller holds s.mu or is alone.
func (s *Server) warn(res *site.Result) {
	lang := s.lang()
	warns := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		warns[i] = w.In(lang)
	}
	if slices.Equal(warns, s.warns) {
		return
	}
	s.warns = warns
	for _, w := range warns {
		s.say("warning: %s", w)
	}
}

// servable reports whether the server can start although its first build
// failed with err: problems in pages, quizzes and the theme are shown in the
// browser. A config that cannot be read (it says which folders to watch), a
// missing content folder or an unusable destination stop it.
func servable(err error) bool {
	var list diag.List
	if !errors.As(err, &list) {
		return false
	}
	for _, e := range list {
		if slices.Contains(config.Names, e.File) {
			return false
		}
	}
	return true
}

// problems counts the problems in err.
func problems(err error) int {
	var list diag.List
	if errors.As(err, &list) {
		return len(list)
	}
	return 1
}

// loopback reports whether every address of host is a loopback address.
func loopback(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	addrs, err := net.LookupHost(host)
	if err != nil || len(addrs) == 0 {
		return false
	}
	for _, a := range addrs {
		if ip := net.ParseIP(a); ip == nil || !ip.IsLoopback() {
			return false
		}
	}
	return true
}

// publish tells the terminal and the open pages the outcome of a build:
// res after a good one, which took d; err after a failed one.
func (s *Server) publish(res *site.Result, d time.Duration, err error) {
	s.mu.Lock()
	s.gen++
	ev := event{Type: "reload", Gen: s.gen}
	if err != nil {
		s.err = diag.In(err, s.setLang(nil))
		ev = event{Type: "error", Error: s.err, Gen: s.gen}
		if s.good {
			s.say("Build failed; still serving the last good site:\n%s", s.err)
		} else {
			s.say("Build failed; the browser shows the problems:\n%s", s.err)
		}
	} else {
		s.err = ""
		s.good = true
		s.setLang(res)
		s.say("Rebuilt %d pages in %s", res.Pages, d.Round(time.Millisecond))
		s.warn(res)
	}
	for c := range s.subs {
		select {
		case c <- ev:
		default:
		}
	}
	s.mu.Unlock()
}

// watchAll watches the site root (for the config) and every folder under the
// content, quiz and theme folders.
func (s *Server) watchAll(w *fsnotify.Watcher) error {
	root := s.opt.Build.Source
	if err := w.Add(root); err != nil {
		return err
	}
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		cfg = config.Default()
	}
	s.mu.Lock()
	s.cfg = cfg
	s.mu.Unlock()
	for _, d := range []string{cfg.ContentDir, cfg.QuizDir, "themes"} {
		s.addTree(w, filepath.Join(root, d))
	}
	return nil
}

// addTree watches dir and every folder below it, following linked folders
// (the build follows them too) and skipping hidden and temporary ones.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) {
	s.addTreeSeen(w, dir, map[string]bool{})
}

func (s *Server) addTreeSeen(w *fsnotify.Watcher, dir string, seen map[string]bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil || seen[real] {
		return
	}
	seen[real] = true
	if err := w.Add(dir); err != nil {
		return
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if content.Ignored(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			s.addTreeSeen(w, p, seen)
		} else if e.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				s.addTreeSeen(w, p, seen)
			}
		}
	}
}

func (s *Server) relevant(name string) bool {
	base := filepath.Base(name)
	if content.Ignored(base) {
		return false
	}
	rel, err := filepath.Rel(s.opt.Build.Source, name)
	if err != nil {
		return false
	}
	if !strings.Contains(rel, string(filepath.Separator)) {
		// At the root only the config file and the source folders matter.
		for _, n := range config.Names {
			if base == n {
				return true
			}
		}
		return base == "content" || base == "quizzes" || base == "themes"
	}
	return true
}

func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	rewatch := false // something was moved or removed since the last build
	// The files events named since the last build; unknown when events may
	// have been missed (before the first watch, after an overflow, while
	// folders were moved), so that the build checks every file.
	var changed []string
	unknown := true
	// retry holds the files named to the builds that failed since the last
	// good one: the next build must read them again, or it would take
	// their last good pages from the session.
	retry := map[string]bool{}
	// A failed build waits in held until the sources have been quiet for
	// Settle since lastEvent (at most maxHold after heldSince): a good
	// build in the meantime replaces it.
	var held error
	var heldSince, lastEvent time.Time
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	defer settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.relevant(ev.Name) {
				continue
			}
			changed = append(changed, ev.Name)
			lastEvent = time.Now()
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					s.addTree(w, ev.Name)
				}
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				rewatch = true
			}
			if timer == nil {
				timer = time.AfterFunc(s.opt.Debounce, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(s.opt.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			unknown = true
			fmt.Fprintf(s.opt.Log, "watch: %v\n", err)
		case <-fire:
			if rewatch {
				// Folder moves can drop watches: add every folder again.
				s.watchAll(w)
				rewatch, unknown = false, true
			}
			for _, name := range changed {
				retry[name] = true
			}
			if !unknown {
				s.session.Changed(slices.Collect(maps.Keys(retry)))
			}
			changed, unknown = changed[:0], false
			start := time.Now()
			res, err := s.session.Build(ctx)
			if err == nil {
				clear(retry)
			}
			if err != nil && ctx.Err() == nil {
				if held == nil {
					heldSince = start
				}
				held = err
				// Events that arrived while the build ran are read
				// before it is reported: at least one Debounce.
				settle.Reset(max(s.holdFor(lastEvent, heldSince), s.opt.Debounce))
				continue
			}
			held = nil
			s.publish(res, time.Since(start), err)
		case <-settle.C:
			if held == nil {
				continue
			}
			if wait := s.holdFor(lastEvent, heldSince); wait > 0 {
				settle.Reset(wait)
				continue
			}
			s.publish(nil, 0, held)
			held = nil
		}
	}
}

// holdFor returns how much longer a failed build, first held at heldSince,
// waits before it is reported: until the sources have been quiet for
// Settle since the last event, and at most maxHold after heldSince.
func (s *Server) holdFor(lastEvent, heldSince time.Time) time.Duration {
	now := time.Now()
	until := lastEvent.Add(s.opt.Settle)
	if limit := heldSince.Add(maxHold); until.After(limit) {
		until = limit
	}
	return max(until.Sub(now), 0)
}

func (s *Server) closeSubs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.subs {
		close(c)
		delete(s.subs, c)
	}
}

// Handler serves the output folder and the live-reload endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__handbook/live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
	})
	mux.HandleFunc("/__handbook/events", s.events)
	mux.HandleFunc("/", s.files)
	return mux
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 4)
	s.mu.Lock()
	s.subs[c] = true
	first := event{Type: "ok", Warnings: s.warns, Gen: s.gen}
	if s.err != "" {
		first = event{Type: "error", Error: s.err, Gen: s.gen}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.subs[c] {
			delete(s.subs, c)
		}
		s.mu.Unlock()
	}()
	send := func(ev event) {
		b, _ := json.Marshal(ev)
		fmt.Fprintf(w, "data: %s\n\n", b)
		fl.Flush()
	}
	send(first)
	tick := time.NewTicker(25 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			send(ev)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}

// files serves a file from the output folder. Folders serve their
// index.html; there are no listings.
func (s *Server) files(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		name = "."
	}
	if strings.HasSuffix(r.URL.Path, "/") || name == "." {
		name = path.Join(name, "index.html")
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	good, msg := s.good, s.err
	s.mu.Unlock()
	if !good {
		// No build has succeeded: every page is the one that shows the
		// problems, and it reloads into the site once they are fixed.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(s.noSitePage(msg))
		return
	}
	root := os.DirFS(s.opt.Build.Dest)
	fi, err := fs.Stat(root, name)
	if err == nil && fi.IsDir() {
		http.Redirect(w, r, p+"/", http.StatusFound)
		return
	}
	if err != nil || !fi.Mode().IsRegular() {
		// A dev build draws 404.html with its links from the site root,
		// /, so the one page serves a missing URL in any folder.
		b, err := fs.ReadFile(root, "404.html")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if file := s.draftOf(name); file != "" {
			b = s.draftNote(b, name, file)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotFound)
		w.Write(b)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	// Rebuilds can land within the same second, which Last-Modified cannot
	// tell apart: never let the browser reuse a copy.
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, time.Time{}, f.(io.ReadSeeker))
}
