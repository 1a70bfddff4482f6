package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// folder is a descriptor of an output folder, opened once for the build.
type folder = int

func openFolder(dir string) (folder, error) {
	fd, err := retry(func() (int, error) { return unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0) })
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	return fd, nil
}

func closeFolder(fd folder) { unix.Close(fd) }

// writeAt creates the file name in the folder dfd with data, as
// os.WriteFile would, with plain system calls: what os.WriteFile adds for
// a file (resolving the whole path, setting the descriptor up for the
// poller, a finalizer) cost about a quarter of the time of writing a small
// page, 20,000 times a build. Errors are *os.PathError.
func writeAt(dfd folder, name string, data []byte) error {
	fd, err := retry(func() (int, error) {
		return unix.Openat(dfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, data) })
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// lockFolder waits until no other build writes beside the same
// destination, and keeps them waiting until f is closed.
func lockFolder(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX) }

// exchange swaps the folders a and b in one atomic step.
func exchange(a, b string) bool {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE) == nil
}

// syncFS writes the dirty data of the file system of the open folder fd to
// disk; a variable for tests.
var syncFS = unix.Syncfs

// syncTree writes the files under dir to disk: one call for the whole file
// system, where a call per file would cost a large site seconds.
func syncTree(dir string) error {
	fd, err := retry(func() (int, error) { return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0) })
	if err != nil {
		return &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	if _, err := retry(func() (int, error) { return 0, syncFS(fd) }); err != nil {
		return &os.PathError{Op: "sync", Path: dir, Err: err}
	}
	return nil
}

// cannotSync tells a file system that does not sync, as some network and
// FUSE file systems, from one that failed to: the first writes at its own
// pace, and the build goes on.
func cannotSync(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP)
}
