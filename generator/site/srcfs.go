package site

import (
	"io/fs"
	"os"
)

// sourceFS is os.DirFS(dir) whose ReadFile, on Linux, reads with plain
// system calls: os.ReadFile sets every descriptor up for the poller (which
// refuses regular files) and gives it a finalizer, a fair part of the time
// of reading a small page, 10,000 times a build. Its errors are os.DirFS's:
// *fs.PathError naming the file as the caller gave it.
type sourceFS struct {
	dir  string
	fsys fs.FS // os.DirFS(dir), for everything else
}

func newSourceFS(dir string) sourceFS { return sourceFS{dir: dir, fsys: os.DirFS(dir)} }

func (s sourceFS) Open(name string) (fs.File, error) { return s.fsys.Open(name) }

func (s sourceFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }

func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }
