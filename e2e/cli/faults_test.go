//go:build linux

package cli

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildsLeaveOutputWhole kills builds of the bundled handbook at
// random moments. Each time the output must be exactly the last complete
// build, or exactly the new one when the kill came after the swap: never a
// mix and never half a file. The next build that runs to the end removes
// the temporary folders the killed ones left.
func TestKilledBuildsLeaveOutputWhole(t *testing.T) {
	src := bundled(t)
	out := filepath.Join(t.TempDir(), "public")
	r := handbook(t, timeout(t, 5*time.Minute), "build", "-s", src, "-d", out)
	if r.code != 0 {
		t.Fatalf("first build: exit %d\n%s", r.code, r.stderr)
	}
	full := r.took
	last := snapshot(t, out)
	seed := uint64(time.Now().UnixNano())
	rnd := rand.New(rand.NewPCG(seed, 0))
	t.Logf("a build takes %s; kill delays from seed %d", full.Round(time.Millisecond), seed)
	page := filepath.Join(src, "content", "glossary.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	stale := 0
	for i := range 10 {
		// Each build has something new, so old and new outputs differ.
		writeFile(t, page, string(orig)+"\n第"+string(rune('一'+i))+"次修改。\n")
		delay := time.Duration(rnd.Int64N(int64(full)))
		ctx := timeout(t, 5*time.Minute)
		cmd := exec.CommandContext(ctx, bin, "build", "-s", src, "-d", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if len(leftovers(t, out)) > 0 {
			stale++
		}
		now := snapshot(t, out)
		switch now.hash() {
		case last.hash():
		default:
			// The swap happened: the output must be the whole new build.
			want := fresh(t, src)
			if now.hash() != want.hash() {
				t.Fatalf("kill %d after %s left an output that is neither the last build nor the new one:\n%s", i, delay, diff(want, now))
			}
			last = now
		}
	}
	t.Logf("%d of 10 kills left temporary folders", stale)
	if r := handbook(t, timeout(t, 5*time.Minute), "build", "-s", src, "-d", out); r.code != 0 {
		t.Fatalf("build after the kills: exit %d\n%s", r.code, r.stderr)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("a complete build left %v beside the output", l)
	}
	if now, want := snapshot(t, out), fresh(t, src); now.hash() != want.hash() {
		t.Errorf("the build after the kills differs from a fresh one:\n%s", diff(want, now))
	}
}

// fresh builds src into a new folder and returns its snapshot.
func fresh(t *testing.T, src string) tree {
	t.Helper()
	out := filepath.Join(t.TempDir(), "fresh")
	if r := handbook(t, timeout(t, 5*time.Minute), "build", "-s", src, "-d", out); r.code != 0 {
		t.Fatalf("fresh build: exit %d\n%s", r.code, r.stderr)
	}
	return snapshot(t, out)
}

// mount runs mount(8) and unmounts when the test ends; it skips the test,
// with the reason, where mounting is not permitted.
func mount(t *testing.T, args ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root; run as root (as CI does) to test this")
	}
	if b, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Skipf("mounting is not permitted here (mount %s: %v: %s)", strings.Join(args, " "), err, b)
	}
	target := args[len(args)-1]
	t.Cleanup(func() {
		if b, err := exec.Command("umount", target).CombinedOutput(); err != nil {
			exec.Command("umount", "-l", target).Run()
			t.Logf("umount %s: %v: %s", target, err, b)
		}
	})
}

// readOnly makes dir read-only: by mode for a user, by a read-only bind
// mount for root, whom modes do not stop.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	mount(t, "--bind", dir, dir)
	if b, err := exec.Command("mount", "-o", "remount,bind,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v: %s", err, b)
	}
}

// goodOutput builds a new site into parent/public and returns the site,
// the output folder and its snapshot.
func goodOutput(t *testing.T, parent string) (string, string, tree) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	if r := handbook(t, timeout(t, time.Minute), "new", "site", src); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := filepath.Join(parent, "public")
	if r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", out); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	return src, out, snapshot(t, out)
}

// TestReadOnlyDestination: when nothing can be written beside the output,
// the build says so and the output stays as it was.
func TestReadOnlyDestination(t *testing.T) {
	parent := t.TempDir()
	src, out, before := goodOutput(t, parent)
	readOnly(t, parent)
	r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", out)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !strings.HasPrefix(r.stderr, "error: cannot write beside "+out+": ") ||
		!(strings.Contains(r.stderr, "read-only file system") || strings.Contains(r.stderr, "permission denied")) {
		t.Errorf("stderr: %s", r.stderr)
	}
	if after := snapshot(t, out); after.hash() != before.hash() {
		t.Errorf("output changed:\n%s", diff(before, after))
	}
}

// TestDestinationIsReadOnlyMount: an output folder that is itself a
// read-only mount cannot be swapped; the build says so and leaves it.
func TestDestinationIsReadOnlyMount(t *testing.T) {
	parent := t.TempDir()
	src, out, before := goodOutput(t, parent)
	mount(t, "--bind", out, out)
	if b, err := exec.Command("mount", "-o", "remount,bind,ro", out).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v: %s", err, b)
	}
	r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", out)
	if r.code != 1 || !strings.HasPrefix(r.stderr, "error: cannot replace "+out+": ") {
		t.Errorf("exit %d, stderr: %s", r.code, r.stderr)
	}
	intact(t, out, before)
}

// TestFullDisk: a file system with room for one copy of the site but not
// two. The build reports the write error and leaves the previous output.
func TestFullDisk(t *testing.T) {
	parent := t.TempDir()
	mount(t, "-t", "tmpfs", "-o", "size=64m", "tmpfs", parent)
	src, out, before := goodOutput(t, parent)
	var st syscall.Statfs_t
	if err := syscall.Statfs(parent, &st); err != nil {
		t.Fatal(err)
	}
	used := int64(st.Blocks-st.Bfree) * int64(st.Bsize)
	size := (used*3/2 + 4095) / 4096 * 4096
	if b, err := exec.Command("mount", "-o", "remount,size="+strconv.FormatInt(size, 10), parent).CombinedOutput(); err != nil {
		t.Skipf("cannot resize the tmpfs: %v: %s", err, b)
	}
	t.Logf("one copy of the site takes %d kB; the disk has %d kB", used>>10, size>>10)
	r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", out)
	if r.code != 1 || !strings.HasPrefix(r.stderr, "error: writing ") || !strings.Contains(r.stderr, "no space left on device") {
		t.Errorf("exit %d, stderr: %s", r.code, r.stderr)
	}
	intact(t, out, before)
}

// TestConcurrentBuildsIntoOneFolder starts a build of a small site into a
// folder while a build of the bundled handbook is writing there (a build in
// a terminal while another runs from an editor or a file watcher). Neither
// may break the other: each succeeds, or fails saying that another build is
// writing there, and the folder ends holding one whole build.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	big := bundled(t)
	small := filepath.Join(t.TempDir(), "small")
	if r := handbook(t, timeout(t, time.Minute), "new", "site", small); r.code != 0 {
		t.Fatal(r.stderr)
	}
	wantBig, wantSmall := fresh(t, big), fresh(t, small)
	out := filepath.Join(t.TempDir(), "public")
	for i := range 3 {
		ctx := timeout(t, 5*time.Minute)
		cmd := exec.CommandContext(ctx, bin, "build", "-s", big, "-d", out)
		var bigErr strings.Builder
		cmd.Stderr = &bigErr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Once the big build writes, start the small one.
		for deadline := time.Now().Add(2 * time.Minute); len(leftovers(t, out)) == 0; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the build of the handbook never started writing")
			}
		}
		r := handbook(t, ctx, "build", "-s", small, "-d", out)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 0 && !strings.Contains(bigErr.String(), "another build") {
			t.Errorf("round %d: the build of the handbook: exit %d\n%s", i, code, bigErr.String())
		}
		if r.code != 0 && !strings.Contains(r.stderr, "another build") {
			t.Errorf("round %d: the build of the small site: exit %d\n%s", i, r.code, r.stderr)
		}
		if now := snapshot(t, out); now.hash() != wantBig.hash() && now.hash() != wantSmall.hash() {
			t.Fatalf("round %d: the output is not one whole build:\n%s", i, diff(wantBig, now))
		}
	}
}
