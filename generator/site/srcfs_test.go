package site

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"handbook/internal/corpus"
)

// TestSourceFS checks the source folder's file system against os.DirFS:
// the same files and bytes (fstest checks ReadFile against Open), and
// errors of the same kinds naming the file as given.
func TestSourceFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.md":          nil,
		"small.md":          []byte("---\ntitle: 电梯\n---\n正文\n"),
		"sub/big.md":        bytes.Repeat([]byte("保洁"), 50000),
		"sub/deeper/512.md": bytes.Repeat([]byte("x"), 512),
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := newSourceFS(dir)
	if err := fstest.TestFS(src, "empty.md", "small.md", "sub/big.md", "sub/deeper/512.md"); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := fs.ReadFile(src, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	ref := os.DirFS(dir)
	for _, name := range []string{"missing.md", "sub", "../small.md", "/small.md", "sub/../small.md"} {
		_, err := fs.ReadFile(src, name)
		_, want := fs.ReadFile(ref, name)
		var pe, wpe *fs.PathError
		if !errors.As(err, &pe) || !errors.As(want, &wpe) {
			t.Errorf("%s: error %v, os.DirFS %v: both should be *fs.PathError", name, err, want)
			continue
		}
		if pe.Path != wpe.Path {
			t.Errorf("%s: error names %q, os.DirFS %q", name, pe.Path, wpe.Path)
		}
		for _, kind := range []error{fs.ErrNotExist, fs.ErrInvalid} {
			if errors.Is(err, kind) != errors.Is(want, kind) {
				t.Errorf("%s: %v is %v: %v, os.DirFS's %v: %v", name, err, kind, errors.Is(err, kind), want, errors.Is(want, kind))
			}
		}
	}
}

// BenchmarkSourceRead reads the pages of a synthetic site through os.DirFS
// and through the source file system, one file per op.
func BenchmarkSourceRead(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var names []string
	fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"os.DirFS", os.DirFS(dir)}, {"source", newSourceFS(dir)}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if _, err := fs.ReadFile(c.fsys, names[i%len(names)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
