package site

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// sourceFS is os.DirFS(dir) whose ReadFile reads with plain system calls:
// os.ReadFile sets every descriptor up for the poller (which refuses
// regular files) and gives it a finalizer, a fair part of the time of
// reading a small page, 10,000 times a build. Its errors are os.DirFS's:
// *fs.PathError naming the file as the caller gave it.
type sourceFS struct {
	dir  string
	fsys fs.FS // os.DirFS(dir), for everything else
}

func newSourceFS(dir string) sourceFS { return sourceFS{dir: dir, fsys: os.DirFS(dir)} }

func (s sourceFS) Open(name string) (fs.File, error) { return s.fsys.Open(name) }

func (s sourceFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }

func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }

func (s sourceFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	fd, err := retry(func() (int, error) {
		return unix.Open(s.dir+string(os.PathSeparator)+name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	size := 0
	var st unix.Stat_t
	if unix.Fstat(fd, &st) == nil && st.Size > 0 && st.Size < 1<<30 {
		size = int(st.Size)
	}
	buf := make([]byte, 0, size+512) // room to see the end in the same read, as os.ReadFile
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := retry(func() (int, error) { return unix.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}
