// Package cli runs the handbook command as a user does: the binary is built
// once, then each test executes it on sites made for the test and checks
// its exit status, its messages and what it left on disk.
package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// bin is the handbook command built for these tests.
var bin string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "handbook-cli-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		// The tests read the messages in English, whatever a site's
		// language; handbookIn runs the command as a Chinese site's
		// authors do.
		os.Setenv("HANDBOOK_LANG", "en")
		bin = filepath.Join(tmp, "handbook")
		cmd := exec.Command(goTool(), "build", "-o", bin, "handbook/cmd/handbook")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "building the handbook command: %v\n", err)
			return 1
		}
		return m.Run()
	}())
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// run is one execution of the command.
type run struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // peak resident memory, bytes
	took           time.Duration
}

// handbook runs the command with args and waits for it, at most until ctx
// ends; a run that does not end in time fails the test.
func handbook(t *testing.T, ctx context.Context, args ...string) run {
	t.Helper()
	return handbookIn(t, ctx, "en", args...)
}

// handbookIn is handbook with HANDBOOK_LANG set to lang: "" for the
// language of the site, as by default.
func handbookIn(t *testing.T, ctx context.Context, lang string, args ...string) run {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HANDBOOK_LANG="+lang)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := run{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("handbook %s did not finish in time (%s): %v\n%s", strings.Join(args, " "), r.took.Round(time.Millisecond), ctx.Err(), r.stderr)
	}
	if cmd.ProcessState == nil {
		t.Fatalf("handbook %s: %v", strings.Join(args, " "), err)
	}
	r.code = cmd.ProcessState.ExitCode()
	r.maxRSS = maxRSS(cmd.ProcessState)
	if r.code < 0 {
		t.Fatalf("handbook %s crashed: %v\n%s", strings.Join(args, " "), cmd.ProcessState, r.stderr)
	}
	return r
}

func timeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// tree is a snapshot of a folder: every entry's kind, mode and content.
type tree map[string]string

// snapshot reads dir into a tree; a missing dir is an empty tree.
func snapshot(t *testing.T, dir string) tree {
	t.Helper()
	tr := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && os.IsNotExist(err) {
				return filepath.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			tr[rel] = "dir " + fi.Mode().String()
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			tr[rel] = "link " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			tr[rel] = fmt.Sprintf("file %s %d %s", fi.Mode(), len(b), hex.EncodeToString(sum[:]))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return tr
}

// hash is one digest of the whole tree.
func (tr tree) hash() string {
	var keys []string
	for k := range tr {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s\x00%s\n", k, tr[k])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// diff lists up to ten entries that differ between a and b.
func diff(a, b tree) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "removed "+k)
		} else if v != w {
			out = append(out, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

// leftovers lists the build's temporary folders beside dest.
func leftovers(t *testing.T, dest string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".handbook-tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// intact checks that a failed build left out as it was before and nothing
// of its own beside it.
func intact(t *testing.T, out string, before tree) {
	t.Helper()
	if after := snapshot(t, out); after.hash() != before.hash() {
		t.Errorf("a failed build changed the output:\n%s", diff(before, after))
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("a failed build left %v beside the output", l)
	}
}

// copyTree copies the folder src to dst, symbolic links as links.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bundled copies the bundled handbook (content, quizzes, config, theme) to
// a temporary folder, so a test may edit it.
func bundled(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	root := filepath.Join("..", "..")
	for _, name := range []string{"content", "quizzes", "themes", "handbook.toml", "handbook.yaml"} {
		src := filepath.Join(root, name)
		fi, err := os.Stat(src)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if fi.IsDir() {
			copyTree(t, src, filepath.Join(dir, name))
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(b))
	}
	return dir
}
