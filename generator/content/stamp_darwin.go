//go:build darwin

package content

import (
	"io/fs"
	"syscall"
)

// changeStamp is what the file system changes on every write to a file and
// no tool can set back: its inode and status-change time.
func changeStamp(fi fs.FileInfo) (ino uint64, ctime int64, ok bool) {
	st, isStat := fi.Sys().(*syscall.Stat_t)
	if !isStat {
		return 0, 0, false
	}
	return uint64(st.Ino), int64(st.Ctimespec.Sec)*1e9 + int64(st.Ctimespec.Nsec), true
}
