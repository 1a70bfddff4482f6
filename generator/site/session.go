package site

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"

	"handbook/generator/content"
	"handbook/generator/model"
)

// Session builds one site again and again, for the dev server. It keeps the
// parsed pages of unchanged files and the last good site, so that an edit
// to one page's text re-renders only that page and the role handbooks that
// print it; any change that other pages show (a title, a summary, roles,
// tags, links, added or removed files, quizzes, the theme or the config)
// rebuilds everything. The search index of an incremental build is brought
// up to date in the background, after the build returns.
//
// A Session is not safe for concurrent use: call Build from one goroutine.
type Session struct {
	opt   Options
	cache *content.Cache
	prev  *Site
	bg    sync.WaitGroup
}

// NewSession starts a session with the options of every build.
func NewSession(opt Options) *Session { return &Session{opt: opt} }

// Build builds the site, incrementally when it can. A failed build keeps the
// last good site as the base of the next one.
func (ss *Session) Build(ctx context.Context) (*Result, error) {
	ss.bg.Wait()
	opt := ss.opt
	if ss.cache == nil || ss.prev == nil || !ss.sameInputs(ss.prev) {
		ss.cache = content.NewCache()
		ss.prev = nil
	}
	opt.cache = ss.cache
	stamp, _ := inputStamp(opt.Source)
	res, s, err := build(ctx, opt, ss.prev)
	if err != nil {
		return nil, err
	}
	s.stamp = stamp
	if res.incremental {
		ss.bg.Add(1)
		go func() {
			defer ss.bg.Done()
			s.writeSearch(ss.opt.Dest)
		}()
	}
	ss.prev = s
	return res, nil
}

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

// renderChanges renders only what changed since prev and writes it in
// place. It reports false when the change needs a full build.
func (s *Site) renderChanges(ctx context.Context, prev *Site, res *Result) (bool, error) {
	if len(s.pages) != len(prev.pages) || !sameQuizzes(s, prev) {
		return false, nil
	}
	var changed []*model.Page
	for i, p := range s.pages {
		old := prev.pages[i]
		if p == old {
			continue
		}
		if p.Path != old.Path || !sameListing(p, old) {
			return false, nil
		}
		changed = append(changed, p)
	}
	if len(changed) == 0 {
		res.incremental = true
		return true, nil
	}
	urls := map[string]bool{}
	for _, p := range changed {
		urls[p.URL] = true
		for _, h := range s.handbooks {
			if len(h.Pages) <= maxEmbedded && slices.Contains(h.Pages, p) {
				urls[h.URL] = true
			}
		}
	}
	var files []File
	var mu sync.Mutex
	err := s.render(ctx, func(url string) bool { return urls[url] }, false, func(f File) error {
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

func sameQuizzes(a, b *Site) bool {
	if len(a.quizzes) != len(b.quizzes) {
		return false
	}
	for i := range a.quizzes {
		if !reflect.DeepEqual(a.quizzes[i], b.quizzes[i]) {
			return false
		}
	}
	return true
}

// writeSearch rewrites the search index in place.
func (s *Site) writeSearch(dest string) {
	files, err := s.searchFiles()
	if err != nil {
		return
	}
	for _, f := range files {
		writeFile(dest, f)
	}
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
