package site

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/model"
)

// Session builds one site again and again, for the dev server. It keeps the
// parsed pages of unchanged files and the last good site, so that an edit
// to one page's text re-renders only the pages that show that text: the
// page (for an index file, the home or section page), and the role
// handbooks and print sets that print it; any change that other pages show
// (a title, a summary, roles, tags, links, added or removed files, quizzes,
// the theme or the config) rebuilds everything. The search index of an
// incremental build is brought up to date in the background, after the
// build returns.
//
// A Session is not safe for concurrent use: call Build from one goroutine.
type Session struct {
	opt   Options
	cache *content.Cache
	prev  *Site
	bg    sync.WaitGroup
	// mu is held while a build writes and while background work writes,
	// so that a late search index never overwrites a newer one.
	mu      sync.Mutex
	genMu   sync.Mutex      // guards gen for background work, which reads it without mu
	gen     int             // builds started
	changed map[string]bool // given by Changed for the next build
}

// NewSession starts a session with the options of every build.
func NewSession(opt Options) *Session { return &Session{opt: opt} }

// Build builds the site, incrementally when it can. A failed build keeps the
// last good site as the base of the next one.
func (ss *Session) Build(ctx context.Context) (*Result, error) {
	ss.genMu.Lock()
	ss.gen++
	gen := ss.gen
	ss.genMu.Unlock()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	opt := ss.opt
	if ss.cache == nil || ss.prev == nil || !ss.sameInputs(ss.prev) {
		ss.cache = content.NewCache()
		ss.prev = nil
	}
	opt.cache, opt.changed, opt.transient = ss.cache, ss.changed, true
	ss.changed = nil
	stamp, _ := inputStamp(opt.Source)
	res, s, err := build(ctx, opt, ss.prev)
	if err != nil {
		return nil, err
	}
	s.stamp = stamp
	if res.incremental {
		// The search index follows in the background once the author
		// pauses; a newer build discards it, and only the index files whose
		// bytes changed are written.
		s.indexSums = ss.prev.indexSums
		ss.bg.Add(1)
		go func() {
			defer ss.bg.Done()
			ss.updateIndex(s, gen)
		}()
	}
	ss.prev = s
	return res, nil
}

// Changed tells the next Build which files a watcher saw change since the
// last Build, as the watcher names them; Build then takes the other pages
// it holds as they are, without looking at their files. Without it, Build
// checks every file.
func (ss *Session) Changed(paths []string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.cache == nil {
		return
	}
	set := make(map[string]bool, len(paths))
	for _, p := range paths {
		rel, err := filepath.Rel(ss.opt.Source, p)
		if err != nil {
			return // not under the source: check every file
		}
		set[filepath.ToSlash(rel)] = true
	}
	ss.changed = set
}

// indexQuiet is how long the background search index waits for the author
// to stop saving before it starts: a burst of saves costs one index build.
const indexQuiet = 300 * time.Millisecond

// updateIndex brings the search index of s, built as generation gen, up to
// date on disk, unless a newer build starts first.
func (ss *Session) updateIndex(s *Site, gen int) {
	stale := func() bool {
		ss.genMu.Lock()
		defer ss.genMu.Unlock()
		return ss.gen != gen
	}
	time.Sleep(indexQuiet)
	if stale() {
		return
	}
	files, err := s.searchFiles()
	if err != nil || stale() {
		return
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.gen != gen {
		return
	}
	next := sums(files)
	for _, f := range files {
		if old, ok := s.indexSums[f.Path]; ok && old == next[f.Path] {
			continue
		}
		if err := writeFile(ss.opt.Dest, f); err != nil {
			return
		}
	}
	s.indexSums = next
}

// sums hashes each file's bytes.
func sums(files []File) map[string]uint64 {
	out := make(map[string]uint64, len(files))
	for _, f := range files {
		out[f.Path] = maphash.Bytes(indexSeed, f.Data)
	}
	return out
}

var indexSeed = maphash.MakeSeed()

// Wait blocks until background work of the last build is done.
func (ss *Session) Wait() { ss.bg.Wait() }

// sameInputs reports whether the config and theme files are as they were
// for prev: the page cache and incremental renders depend on them.
func (ss *Session) sameInputs(prev *Site) bool {
	stamp, err := inputStamp(ss.opt.Source)
	return err == nil && stamp == prev.stamp
}

// inputStamp summarises the modification times and sizes of the config
// files and the site's theme folder.
func inputStamp(source string) (string, error) {
	var b []byte
	add := func(p string, fi os.FileInfo) {
		b = append(b, p...)
		b = append(b, fi.ModTime().String()...)
		b = append(b, byte(fi.Size()), byte(fi.Size()>>8), byte(fi.Size()>>16))
	}
	for _, n := range []string{"handbook.toml", "handbook.yaml", "handbook.yml"} {
		if fi, err := os.Stat(filepath.Join(source, n)); err == nil {
			add(n, fi)
		}
	}
	err := filepath.Walk(filepath.Join(source, "themes"), func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		add(p, fi)
		return nil
	})
	return string(b), err
}

// update returns the site made of prev with pages, when pages differ from
// prev's only in the body text of some pages and the quiz files are as they
// were: every check and every derived list of prev then still holds, with
// the new pages in place of the old. Otherwise it returns nil.
func (prev *Site) update(pages []*model.Page, assets []string, quizStamp string) *Site {
	if len(pages) != len(prev.pages) || quizStamp != prev.quizStamp || !slices.Equal(assets, prev.assets) {
		return nil
	}
	remap := map[*model.Page]*model.Page{}
	for i, p := range pages {
		old := prev.pages[i]
		if p == old {
			continue
		}
		if p.Path != old.Path || !sameListing(p, old) {
			return nil
		}
		remap[old] = p
	}
	swap := func(ps []*model.Page) []*model.Page {
		out := slices.Clone(ps)
		for i, p := range out {
			if n, ok := remap[p]; ok {
				out[i] = n
			}
		}
		return out
	}
	s := &Site{
		Config: prev.Config, Theme: prev.Theme, opt: prev.opt, src: prev.src,
		pages: pages, assets: assets, byPath: maps.Clone(prev.byPath), roles: map[string]*model.Page{},
		backlinks: map[string][]*model.Page{}, warnings: prev.warnings, quizzes: prev.quizzes,
		terms: prev.terms, quizStamp: quizStamp, stamp: prev.stamp, sv: prev.sv, static: prev.static,
	}
	for old, p := range remap {
		s.byPath[old.Path] = p
	}
	for t, p := range prev.roles {
		s.roles[t] = s.byPath[p.Path]
	}
	for k, v := range prev.backlinks {
		s.backlinks[k] = swap(v)
	}
	for _, sec := range prev.sections {
		n := &section{Name: sec.Name, Index: sec.Index, Pages: swap(sec.Pages)}
		if sec.Index != nil {
			n.Index = s.byPath[sec.Index.Path]
		}
		s.sections = append(s.sections, n)
	}
	for _, h := range prev.handbooks {
		s.handbooks = append(s.handbooks, &handbook{Role: s.byPath[h.Role.Path], URL: h.URL, Pages: swap(h.Pages)})
	}
	for _, n := range remap {
		s.changed = append(s.changed, n)
	}
	if s.changed == nil {
		s.changed = []*model.Page{}
	}
	return s
}

// renderChanges renders what changed since prev, when Site.update could
// build on it, and writes it in place. It reports false when the change
// needs a full build.
func (s *Site) renderChanges(ctx context.Context, prev *Site, res *Result) (bool, error) {
	if s.changed == nil {
		return false, nil
	}
	changed := s.changed
	if err := s.copyChangedAssets(res); err != nil {
		return true, err
	}
	if len(changed) == 0 {
		res.incremental = true
		return true, nil
	}
	// The pages that show a changed page's text: itself, and the role
	// handbooks and print sets it is in. (The home page and the section
	// pages are the pages of their index files.)
	urls := map[string]bool{}
	var sets []printGroup // print sets hold checklists only
	if slices.ContainsFunc(changed, func(p *model.Page) bool { return p.FM.Kind == model.KindChecklist }) {
		byArea, byRole := s.printGroups()
		sets = slices.Concat(byArea, byRole)
	}
	s.changedSets = nil
	for _, p := range changed {
		urls[p.URL] = true
		for _, h := range s.handbooks {
			if len(h.Pages) <= maxEmbedded && slices.Contains(h.Pages, p) {
				urls[h.URL] = true
			}
		}
		for _, g := range sets {
			if !urls[g.url] && slices.Contains(g.pages, p) {
				urls[g.url] = true
				s.changedSets = append(s.changedSets, g)
			}
		}
	}
	var files []File
	var mu sync.Mutex
	err := s.render(ctx, func(url string) bool { return urls[url] }, false, false, func(f File) error {
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return true, err
	}
	for _, f := range files {
		if err := writeFile(s.opt.Dest, f); err != nil {
			return true, err
		}
		res.Files++
		res.Bytes += int64(len(f.Data))
	}
	res.Pages = len(files)
	res.incremental = true
	return true, nil
}

// copyChangedAssets copies, in an incremental build, the assets whose bytes
// differ from their copy in the output: those the watcher named, or every
// one when it named none.
func (s *Site) copyChangedAssets(res *Result) error {
	for _, f := range s.assetFiles() {
		src := path.Join(s.Config.ContentDir, f.Path)
		if s.opt.changed != nil && !s.opt.changed[src] {
			continue
		}
		data, err := f.From()
		if err != nil {
			return diag.New("", 0, diag.T("reading %s: %v", src, err), err)
		}
		if old, err := os.ReadFile(filepath.Join(s.opt.Dest, filepath.FromSlash(f.Path))); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := writeFile(s.opt.Dest, File{Path: f.Path, Data: data}); err != nil {
			return err
		}
		res.Files++
		res.Bytes += int64(len(data))
	}
	return nil
}

// sameListing reports whether everything of a page that other pages show
// or depend on is unchanged: its front matter, its links and its anchors.
// Only the body text may differ.
func sameListing(a, b *model.Page) bool {
	if !reflect.DeepEqual(a.FM, b.FM) || len(a.Links) != len(b.Links) || len(a.Headings) != len(b.Headings) {
		return false
	}
	for i := range a.Links {
		if a.Links[i].Target != b.Links[i].Target || a.Links[i].Anchor != b.Links[i].Anchor {
			return false
		}
	}
	for i := range a.Headings {
		if a.Headings[i].ID != b.Headings[i].ID || a.Headings[i].Level != b.Headings[i].Level || a.Headings[i].Text != b.Headings[i].Text {
			return false
		}
	}
	return true
}

// quizStamp summarises the names, sizes and times of the quiz files.
func quizStamp(fsys fs.FS, dir string) string {
	var b strings.Builder
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// writeFile writes one file under dest, replacing it atomically so that a
// browser never reads half a page.
func writeFile(dest string, f File) error {
	p := filepath.Join(dest, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
