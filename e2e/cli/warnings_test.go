package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/generator/scaffold"
)

// TestWarnings runs `check` and `build` on a new site after one change an
// author makes: each passes, and prints a warning that names the files and
// lines to look at.
func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		// change edits the site and returns the warning it should give.
		change func(t *testing.T, dir string) string
	}{
		{"copied page keeps its title", func(t *testing.T, dir string) string {
			b, err := os.ReadFile(filepath.Join(dir, "content", "pages", "page.md"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "content", "pages", "page-copy.md"), string(b))
			title, line := "", 0
			for i, l := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(l, "title: "); ok {
					title, line = v, i+1
					break
				}
			}
			return fmt.Sprintf(`warning: content/pages/page-copy.md:%d: title %q is also the title of content/pages/page.md:%d: give one of them another title, so that readers can tell them apart in lists and search`, line, title, line)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if err := scaffold.NewSite(dir); err != nil {
				t.Fatal(err)
			}
			want := tc.change(t, dir)
			for _, args := range [][]string{{"check", "-s", dir}, {"build", "-s", dir, "-d", filepath.Join(t.TempDir(), "public")}} {
				r := handbook(t, timeout(t, time.Minute), args...)
				if r.code != 0 {
					t.Fatalf("%s: exit %d\n%s", args[0], r.code, r.stderr)
				}
				if !strings.Contains(r.stdout+r.stderr, want+"\n") {
					t.Errorf("%s printed:\n%s%s\nwant the line:\n%s", args[0], r.stdout, r.stderr, want)
				}
			}
		})
	}
}
