//go:build !linux

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// folder is the path of an output folder: elsewhere than on Linux the
// output is written with the os package, file by file.
type folder = string

func openFolder(dir string) (folder, error) { return dir, nil }

func closeFolder(folder) {}

// writeAt creates the file name in the folder dir with data. Errors are
// *os.PathError.
func writeAt(dir folder, name string, data []byte) error {
	return os.WriteFile(filepath.Join(dir, name), data, 0o644)
}

// lockFolder does nothing here: two builds into one destination at once
// are not kept apart.
func lockFolder(*os.File) error { return nil }

// exchange is not done in one step here: the caller moves the old folder
// aside first.
func exchange(a, b string) bool { return false }

// syncTree writes each file under dir to disk.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

// cannotSync tells a file system that does not sync from one that failed
// to: the first writes at its own pace, and the build goes on.
func cannotSync(err error) bool {
	return errors.Is(err, errors.ErrUnsupported)
}
