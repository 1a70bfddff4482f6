package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputReachesDiskBeforeSwap: a build writes its output to disk
// before it takes the place of the previous one, and a disk that fails to
// take it leaves the previous output; the dev server's builds leave the
// output to the system's pace.
func TestOutputReachesDiskBeforeSwap(t *testing.T) {
	dir := copySite(t)
	pub := filepath.Join(dir, "public")
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	before := read(t, pub, "index.html")
	write(t, dir, "content/_index.md", "---\ntitle: 新首页\nkind: page\n---\n\n新的首页正文。\n")
	defer func(f func(int) error) { syncFS = f }(syncFS)
	calls := 0
	syncFS = func(fd int) error {
		calls++
		// The new output is complete, and not yet in place.
		folder, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", fd))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(filepath.Base(folder), ".handbook-tmp-") {
			t.Errorf("synced %s, want the new output's folder", folder)
		}
		if b, err := os.ReadFile(filepath.Join(folder, "index.html")); err != nil || !strings.Contains(string(b), "新的首页正文") {
			t.Errorf("at the sync, the new output's index.html is %q, %v", b, err)
		}
		if read(t, pub, "index.html") != before {
			t.Error("the new output was in place before it was on disk")
		}
		return syscall.EIO
	}
	_, err := buildSite(t, dir)
	if err == nil || !strings.Contains(err.Error(), "cannot write the new output to disk, so "+pub+" was left as it was") {
		t.Errorf("a failed sync gave %v", err)
	}
	if calls != 1 {
		t.Errorf("synced %d times, want once", calls)
	}
	if read(t, pub, "index.html") != before {
		t.Error("a failed sync changed the previous output")
	}
	if es, _ := filepath.Glob(filepath.Join(dir, ".handbook-tmp-*")); len(es) > 0 {
		t.Errorf("left temporary folders: %v", es)
	}

	// A file system that does not sync (EINVAL, as some network ones) is
	// no error.
	syncFS = func(int) error { calls++; return syscall.EINVAL }
	calls = 0
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	if calls != 1 || !strings.Contains(read(t, pub, "index.html"), "新的首页正文") {
		t.Errorf("a build that synced %d times left the old home page", calls)
	}

	calls = 0
	dest := filepath.Join(t.TempDir(), "dev")
	if _, err := NewSession(Options{Source: dir, Dest: dest, Dev: true}).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("the dev server's build synced %d times", calls)
	}
}
