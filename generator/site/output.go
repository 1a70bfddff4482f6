package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"handbook/generator/diag"
)

// output writes a build into a fresh folder beside the destination and
// swaps it in only when the whole build succeeded, so that a failed or
// killed build leaves the previous output as it was.
type output struct {
	dest string
	tmp  string
	lock *os.File // the destination's parent folder, locked while building
	mu   sync.Mutex
	dirs map[string]folder // folder → a handle of it, to create its files by name
	n    int               // files written
	size int64             // bytes written
	// durable: Commit writes the new output to disk before the swap, so
	// that a crash or power cut after a build said it was done leaves the
	// whole new site, and one before the swap the whole previous one: not
	// pages the disk had not yet received.
	durable bool
}

const tmpPrefix = ".handbook-tmp-"

func newOutput(dest string, durable bool) (*output, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, diag.New("", 0, diag.T("cannot create %s: %v", parent, err), err)
	}
	// One build at a time writes beside a destination: a second waits, so
	// neither takes the other's folder for a killed build's leftovers.
	lock, err := os.Open(parent)
	if err != nil {
		return nil, err
	}
	if err := lockFolder(lock); err != nil {
		lock.Close()
		return nil, diag.New("", 0, diag.T("cannot lock %s: %v", parent, err), err)
	}
	cleanStale(parent, filepath.Base(abs))
	tmp, err := os.MkdirTemp(parent, tmpPrefix+filepath.Base(abs)+"-")
	if err != nil {
		lock.Close()
		return nil, diag.New("", 0, diag.T("cannot write beside %s: %v", dest, err), err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		lock.Close()
		return nil, err
	}
	return &output{dest: abs, tmp: tmp, dirs: map[string]folder{}, lock: lock, durable: durable}, nil
}

// cleanStale removes folders left by builds that were killed.
func cleanStale(parent, base string) {
	es, _ := os.ReadDir(parent)
	for _, e := range es {
		if e.IsDir() && strings.HasPrefix(e.Name(), tmpPrefix+base+"-") {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// Write writes one file at the slash path rel, in a handle of its folder
// kept for the build (see writeAt).
func (o *output) Write(rel string, data []byte) error {
	p := filepath.Join(o.tmp, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	o.mu.Lock()
	o.n++
	o.size += int64(len(data))
	f, ok := o.dirs[dir]
	if !ok {
		// Under the lock, so no writer sees the folder before it exists.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			o.mu.Unlock()
			return writing(rel, err)
		}
		var err error
		if f, err = openFolder(dir); err != nil {
			o.mu.Unlock()
			return writing(rel, err)
		}
		o.dirs[dir] = f
	}
	o.mu.Unlock()
	if err := writeAt(f, filepath.Base(p), data); err != nil {
		err.(*os.PathError).Path = p
		return writing(rel, err)
	}
	return nil
}

// writing is the error of writing the output file rel.
func writing(rel string, err error) error {
	return diag.New("", 0, diag.T("writing %s: %v", rel, err), err)
}

// closeDirs closes the folders' descriptors.
func (o *output) closeDirs() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for dir, f := range o.dirs {
		closeFolder(f)
		delete(o.dirs, dir)
	}
}

// Commit makes the new output the destination. On Linux the two folders are
// exchanged in one atomic step; elsewhere the old one is moved aside first.
// A durable output is on disk before the swap, and the swap after it: one
// call for the whole file system, where a call per file would cost a
// large site seconds.
func (o *output) Commit() error {
	defer o.lock.Close()
	o.closeDirs()
	if o.durable {
		if err := o.sync(); err != nil {
			o.Abort()
			return diag.New("", 0, diag.T("cannot write the new output to disk, so %s was left as it was: %v", o.dest, err), err)
		}
	}
	old, err := o.swap()
	if err != nil {
		return err
	}
	if err := o.syncParent(); err != nil {
		return err
	}
	if old == "" {
		return nil
	}
	return removeAll(old)
}

// swap puts the new output in the destination's place and returns the
// folder that now holds the previous output, if there was one.
func (o *output) swap() (old string, err error) {
	if _, err := os.Stat(o.dest); os.IsNotExist(err) {
		return "", os.Rename(o.tmp, o.dest)
	}
	if exchange(o.tmp, o.dest) {
		return o.tmp, nil // o.tmp now holds the previous output
	}
	old = o.tmp + "-old"
	if err := os.Rename(o.dest, old); err != nil {
		o.Abort()
		return "", cannotReplace(o.dest, err)
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		os.Rename(old, o.dest)
		o.Abort()
		return "", cannotReplace(o.dest, err)
	}
	return old, nil
}

func cannotReplace(dest string, err error) error {
	return diag.New("", 0, diag.T("cannot replace %s: %v", dest, err), err)
}

// sync writes the new output's files to disk.
func (o *output) sync() error {
	if err := syncTree(o.tmp); err != nil && !cannotSync(err) {
		return err
	}
	return nil
}

// syncParent writes the swap, an entry of the destination's parent folder,
// to disk.
func (o *output) syncParent() error {
	if !o.durable {
		return nil
	}
	if err := o.lock.Sync(); err != nil && !cannotSync(err) {
		return diag.New("", 0, diag.T("the new output is in %s, but the disk did not confirm it: %v", o.dest, err), err)
	}
	return nil
}

// removeAll removes dir like os.RemoveAll, its top-level entries on all
// cores: deleting the previous output of a large site is thousands of
// unlink calls.
func removeAll(dir string) error {
	es, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	err = parallel(context.Background(), len(es), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, es[i].Name()))
	})
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// Abort removes the unfinished output.
func (o *output) Abort() {
	o.closeDirs()
	os.RemoveAll(o.tmp)
	o.lock.Close()
}
