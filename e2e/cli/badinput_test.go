package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"handbook/generator/scaffold"
)

// badSites holds one broken site per folder, each with the exact messages
// of `handbook build` in want.txt, in English, and in want.zh.txt, as the
// site's authors read them (its language is zh-CN).
const badSites = "../testdata/badsites"

// update rewrites each bad site's want.zh.txt with what the command
// writes, to be read over before it is committed.
var update = flag.Bool("update", false, "rewrite want.zh.txt from the command's output")

// setup prepares what a bad site cannot hold in the repository: symbolic
// links, and file names that cannot be checked out everywhere.
var setup = map[string]func(t *testing.T, dir string){
	"symlink-loop": func(t *testing.T, dir string) {
		content := filepath.Join(dir, "content")
		for link, target := range map[string]string{"again": ".", "loop1.md": "loop2.md", "loop2.md": "loop1.md"} {
			if err := os.Symlink(target, filepath.Join(content, link)); err != nil {
				t.Skipf("cannot create symbolic links here: %v", err)
			}
		}
	},
	"bad-file-name": func(t *testing.T, dir string) {
		writeFile(t, filepath.Join(dir, "content", "javascript:alert(1).md"), "---\ntitle: 链接\nkind: page\n---\n正文。\n")
	},
	"gbk": func(t *testing.T, dir string) {
		mustBeChinese(t, filepath.Join(dir, "content", "lift.md"), simplifiedchinese.GBK.NewDecoder().Bytes)
	},
	"gb18030": func(t *testing.T, dir string) {
		mustBeChinese(t, filepath.Join(dir, "content", "washroom.md"), simplifiedchinese.GB18030.NewDecoder().Bytes)
	},
}

// mustBeChinese checks that a fixture still holds what it should: text in
// a Chinese legacy encoding, not UTF-8.
func mustBeChinese(t *testing.T, file string, decode func([]byte) ([]byte, error)) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(b) {
		t.Fatalf("%s is UTF-8; the fixture must stay in its legacy encoding", file)
	}
	if s, err := decode(b); err != nil || !strings.Contains(string(s), "title:") {
		t.Fatalf("%s does not decode: %v", file, err)
	}
}

// TestBadInput builds each broken site with the real command into a folder
// that holds a good build: the build must fail with exactly the expected
// file:line messages, and leave that folder exactly as it was. `check`
// must report the same problems.
func TestBadInput(t *testing.T) {
	sites, err := os.ReadDir(badSites)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good")
	if err := scaffold.NewSite(good); err != nil {
		t.Fatal(err)
	}
	goodOut := filepath.Join(t.TempDir(), "public")
	if r := handbook(t, timeout(t, time.Minute), "build", "-s", good, "-d", goodOut); r.code != 0 {
		t.Fatalf("building a new site: exit %d\n%s", r.code, r.stderr)
	}
	for _, site := range sites {
		if !site.IsDir() {
			continue
		}
		name := site.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join(badSites, name, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			src := filepath.Join(t.TempDir(), name)
			copyTree(t, filepath.Join(badSites, name), src)
			wantZh, err := os.ReadFile(filepath.Join(badSites, name, "want.zh.txt"))
			if err != nil && !*update {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(src, "want.txt"))
			os.Remove(filepath.Join(src, "want.zh.txt"))
			if f := setup[name]; f != nil {
				f(t, src)
			}
			out := filepath.Join(t.TempDir(), "public")
			copyTree(t, goodOut, out)
			before := snapshot(t, out)

			r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", out)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			if r.stderr != string(want) {
				t.Errorf("stderr:\n%s\nwant (want.txt):\n%s", r.stderr, want)
			}
			intact(t, out, before)

			// In the site's language.
			r = handbookIn(t, timeout(t, time.Minute), "", "build", "-s", src, "-d", out)
			if *update {
				if err := os.WriteFile(filepath.Join(badSites, name, "want.zh.txt"), []byte(r.stderr), 0o644); err != nil {
					t.Fatal(err)
				}
				wantZh = []byte(r.stderr)
			}
			if r.code != 1 || r.stderr != string(wantZh) {
				t.Errorf("in Chinese: exit %d, stderr:\n%s\nwant (want.zh.txt):\n%s", r.code, r.stderr, wantZh)
			}
			intact(t, out, before)

			// Into a folder that does not exist: nothing is created.
			none := filepath.Join(t.TempDir(), "none", "public")
			if r := handbook(t, timeout(t, time.Minute), "build", "-s", src, "-d", none); r.code != 1 {
				t.Errorf("into a new folder: exit %d", r.code)
			}
			if _, err := os.Stat(none); !os.IsNotExist(err) {
				t.Errorf("a failed build created %s: %v", none, err)
			}

			r = handbook(t, timeout(t, time.Minute), "check", "-s", src)
			wantCheck := strings.Replace(string(want), "; nothing was written.\n", ".\n", 1)
			if r.code != 1 || r.stderr != wantCheck {
				t.Errorf("check: exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, wantCheck)
			}
		})
	}
}
