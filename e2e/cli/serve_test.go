package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// freePort returns a TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// serveLines runs `handbook serve` with args on a new site until it says
// it is serving, checks that the home page answers on loopback, stops it
// with an interrupt, and returns what it printed.
func serveLines(t *testing.T, args ...string) string {
	t.Helper()
	return serveLinesEnv(t, nil, args...)
}

// serveLinesEnv is serveLines with env added to the command's environment.
func serveLinesEnv(t *testing.T, env []string, args ...string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	if r := handbook(t, timeout(t, time.Minute), "new", "site", src); r.code != 0 {
		t.Fatal(r.stderr)
	}
	port := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "-s", src, "--port", strconv.Itoa(port)}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	serving := false
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "Serving the handbook at ") {
			serving = true
			break
		}
	}
	if !serving {
		cmd.Wait()
		t.Fatalf("serve stopped before serving:\n%s", out.String())
	}
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("home page: %s", resp.Status)
	}
	cancel()
	rest, _ := io.ReadAll(stdout)
	out.Write(rest)
	cmd.Wait()
	return out.String()
}

// TestServeWarnsOffLoopback runs the dev server as a user does, once on
// every address and once with the defaults.
func TestServeWarnsOffLoopback(t *testing.T) {
	out := serveLines(t, "--bind", "0.0.0.0")
	want := "warning: serving on 0.0.0.0 makes the draft site reachable from other machines; use --bind 127.0.0.1 to keep it local\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("output:\n%s\nwant it to start with:\n%s", out, want)
	}
	out = serveLines(t)
	if strings.Contains(out, "warning") || !strings.Contains(out, "Serving the handbook at http://127.0.0.1:") {
		t.Errorf("with the defaults:\n%s", out)
	}
}

// TestServeOpensTheBrowser: with --open, serve opens the site's URL with
// the system's opener (xdg-open here, a script on PATH that notes what it
// was given); without, it opens nothing.
func TestServeOpensTheBrowser(t *testing.T) {
	dir := t.TempDir()
	opened := filepath.Join(dir, "opened")
	script := "#!/bin/sh\necho \"$@\" >> " + opened + "\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	path := []string{"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH")}
	out := serveLinesEnv(t, path, "--open")
	i := strings.Index(out, "Serving the handbook at ")
	if i < 0 {
		t.Fatalf("output:\n%s", out)
	}
	url := strings.Fields(out[i+len("Serving the handbook at "):])[0]
	var got []byte
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(50 * time.Millisecond) {
		if got, _ = os.ReadFile(opened); len(got) > 0 {
			break
		}
	}
	if strings.TrimSpace(string(got)) != url {
		t.Errorf("--open opened %q, want %q", got, url)
	}
	os.Remove(opened)
	serveLinesEnv(t, path)
	if got, err := os.ReadFile(opened); err == nil {
		t.Errorf("without --open, serve opened %q", got)
	}
}
