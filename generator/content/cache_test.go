package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"handbook/generator/markdown"
)

// countingFS counts the files opened for reading (fs.Stat goes through
// StatFS and is not counted).
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
	dirs   int // folders read
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.mu.Lock()
	c.dirs++
	c.mu.Unlock()
	return fs.ReadDir(c.FS, name)
}

// folders returns how many folders were read since the last call.
func (c *countingFS) folders() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.dirs
	c.dirs = 0
	return n
}

func (c *countingFS) reads() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.opened
	c.opened = map[string]int{}
	return out
}

// cachedLoader returns a counting file system of dir and a function that
// loads dir's content through it and one cache, given the files a watcher
// named (nil: none known), and returns each page's HTML by path.
func cachedLoader(t *testing.T, dir string) (*countingFS, func(changed ...string) map[string]string) {
	fsys := &countingFS{FS: os.DirFS(dir), opened: map[string]int{}}
	r := markdown.New(markdown.Options{URLOf: URLOf})
	cache := NewCache()
	return fsys, func(changed ...string) map[string]string {
		t.Helper()
		var set map[string]bool
		if changed != nil {
			set = map[string]bool{}
			for _, f := range changed {
				set[f] = true
			}
		}
		pages, _, problems := Load(fsys, "content", r, false, cache, set)
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		out := map[string]string{}
		for _, p := range pages {
			out[p.Path] = string(p.HTML)
		}
		return out
	}
}

// TestCacheTrustsOnlyStableStats: a rebuild reads no file whose stat is as
// it was and old enough to trust, and reads again a file rewritten with
// the same size and its old modification time put back.
func TestCacheTrustsOnlyStableStats(t *testing.T) {
	dir := t.TempDir()
	page := func(body string) []byte { return []byte("---\ntitle: 电梯\nkind: cleaning\n---\n" + body + "\n") }
	files := map[string]string{"a.md": "甲甲甲", "b.md": "乙乙乙"}
	old := time.Now().Add(-time.Hour)
	for name, body := range files {
		p := filepath.Join(dir, "content", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, page(body), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	fsys, load := cachedLoader(t, dir)
	first := load()
	if n := fsys.reads(); n["content/a.md"] != 1 || n["content/b.md"] != 1 {
		t.Fatalf("first load read %v, want each file once", n)
	}
	if again := load(); again["a.md"] != first["a.md"] {
		t.Fatalf("cached page changed: %q", again["a.md"])
	}
	if n := fsys.reads(); n["content/a.md"] != 0 || n["content/b.md"] != 0 {
		t.Fatalf("unchanged files were read again: %v", n)
	}

	// Same size, same modification time: only the status-change time tells.
	p := filepath.Join(dir, "content", "a.md")
	if err := os.WriteFile(p, page("丙丙丙"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, old, old)
	got := load()
	if n := fsys.reads(); n["content/a.md"] != 1 || n["content/b.md"] != 0 {
		t.Fatalf("after rewriting a.md, read %v; want a.md only", n)
	}
	if got["a.md"] == first["a.md"] {
		t.Fatalf("rewritten a.md still shows %q", got["a.md"])
	}

	// A file modified just now is read on every build until its
	// modification is older than the file system's clock could blur.
	if err := os.WriteFile(p, page("丁丁丁"), 0o644); err != nil {
		t.Fatal(err)
	}
	load()
	load()
	if n := fsys.reads(); n["content/a.md"] != 2 {
		t.Fatalf("a file modified just now was read %d times in two builds, want 2", n["content/a.md"])
	}
}

// TestCacheChangedSkipsUnnamedFiles: told which files a watcher saw change,
// Load reads those and leaves the others alone, except files that are
// symbolic links, whose targets a watcher does not see.
func TestCacheChangedSkipsUnnamedFiles(t *testing.T) {
	dir := t.TempDir()
	page := func(body string) []byte { return []byte("---\ntitle: 电梯\nkind: cleaning\n---\n" + body + "\n") }
	write := func(rel, body string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, page(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "甲")
	write("content/b.md", "乙")
	write("outside/c.md", "丙")
	if err := os.Symlink("../outside/c.md", filepath.Join(dir, "content", "c.md")); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
	fsys, load := cachedLoader(t, dir)
	load()
	fsys.reads()
	write("content/a.md", "甲甲")
	write("content/b.md", "乙乙") // a change the watcher did not report
	write("outside/c.md", "丙丙")
	got := load("content/a.md")
	n := fsys.reads()
	if n["content/a.md"] != 1 || n["content/b.md"] != 0 || n["content/c.md"] != 1 {
		t.Fatalf("read %v; want a.md (named) and c.md (a link), not b.md", n)
	}
	if !strings.Contains(got["a.md"], "甲甲") || !strings.Contains(got["c.md"], "丙丙") || strings.Contains(got["b.md"], "乙乙") {
		t.Fatalf("pages after the build: %v", got)
	}
	// Without Changed, every file is checked again.
	if got := load(); !strings.Contains(got["b.md"], "乙乙") {
		t.Fatalf("a build without Changed kept the old b.md: %q", got["b.md"])
	}
}

// TestCacheChangedReusesListing: when a watcher names only files the last
// walk listed, and they are still files, Load lists the content folder as
// it was without reading a folder; a file added, removed or outside the
// content folder, or a symbolic link in it, walks again.
func TestCacheChangedReusesListing(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("---\ntitle: 页\nkind: page\n---\n"+body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "甲")
	write("content/sub/b.md", "乙")
	fsys, load := cachedLoader(t, dir)
	load()
	if fsys.folders() == 0 {
		t.Fatal("the first load read no folder")
	}
	step := func(what string, walks bool, check func(map[string]string) bool, changed ...string) {
		t.Helper()
		got := load(changed...)
		if n := fsys.folders(); (n > 0) != walks {
			t.Errorf("%s: read %d folders, want a walk: %v", what, n, walks)
		}
		if !check(got) {
			t.Errorf("%s: pages %v", what, got)
		}
	}
	write("content/a.md", "甲甲")
	step("a page saved", false, func(p map[string]string) bool { return strings.Contains(p["a.md"], "甲甲") && len(p) == 2 }, "content/a.md")
	write("content/sub/c.md", "丙")
	step("a page added", true, func(p map[string]string) bool { return strings.Contains(p["sub/c.md"], "丙") }, "content/sub/c.md")
	os.Remove(filepath.Join(dir, "content", "sub", "b.md"))
	step("a page removed", true, func(p map[string]string) bool { _, ok := p["sub/b.md"]; return !ok && len(p) == 2 }, "content/sub/b.md")
	step("a folder named", true, func(p map[string]string) bool { return len(p) == 2 }, "content/sub")
	step("a file outside the content folder", true, func(p map[string]string) bool { return len(p) == 2 }, "quizzes/q.md")
	step("a page saved again", false, func(p map[string]string) bool { return len(p) == 2 }, "content/a.md")
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "d.md")); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
	step("a link added", true, func(p map[string]string) bool { return len(p) == 3 }, "content/d.md")
	step("a save beside a link", true, func(p map[string]string) bool { return len(p) == 3 }, "content/a.md")
}
