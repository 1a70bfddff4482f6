//go:build !linux

package site

import (
	"io/fs"
	"os"
	"path/filepath"
)

func (s sourceFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return b, err
}
