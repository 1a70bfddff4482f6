package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// cli runs the handbook command line and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestNewSiteBuildsAndChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := cli(t, "new", "site", dir); code != 0 {
		t.Fatalf("new site: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, "check", "-s", dir)
	if code != 0 {
		t.Fatalf("check on a new site: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "no problems") {
		t.Errorf("check output: %s", stdout)
	}
	// The sample pages are titled in Chinese, as readers will see them.
	titled := 0
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, line := range strings.Split(string(b), "\n") {
			if title, ok := strings.CutPrefix(line, "title: "); ok {
				titled++
				if strings.ContainsFunc(title, func(r rune) bool { return r < 0x80 && r != ' ' }) {
					t.Errorf("%s: title %q", p, title)
				}
			}
		}
		return nil
	})
	if titled < 12 {
		t.Errorf("%d titled pages", titled)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr = cli(t, "build", "-s", dir, "-d", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"HTML pages", "role", "Built in"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	// a second new site in the same folder is refused
	if code, _, _ := cli(t, "new", "site", dir); code == 0 {
		t.Error("new site into a non-empty folder succeeded")
	}
}

func TestNewPageFromEachArchetype(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := cli(t, "new", "site", dir); code != 0 {
		t.Fatal(stderr)
	}
	for _, kind := range []string{"role", "procedure", "etiquette", "personality", "cleaning", "emergency", "standard", "rubric", "checklist", "training", "glossary", "page"} {
		code, stdout, stderr := cli(t, "new", kind, "extra/"+kind+"-2", "-s", dir)
		if code != 0 {
			t.Fatalf("new %s: exit %d: %s", kind, code, stderr)
		}
		if !strings.Contains(stdout, filepath.Join("content", "extra", kind+"-2.md")) {
			t.Errorf("new %s printed %q", kind, stdout)
		}
	}
	if code, _, stderr := cli(t, "check", "-s", dir); code != 0 {
		t.Fatalf("a page from an archetype does not pass check:\n%s", stderr)
	}
	code, _, stderr := cli(t, "new", "cleaning", "extra/cleaning-2", "-s", dir)
	if code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("overwriting an existing page: exit %d, %s", code, stderr)
	}
	code, _, stderr = cli(t, "new", "cleanin", "x", "-s", dir)
	if code == 0 || !strings.Contains(stderr, `unknown kind "cleanin"`) {
		t.Errorf("unknown kind: exit %d, %s", code, stderr)
	}
	// A name that cannot become a URL is refused before anything is written.
	for _, name := range []string{"a:b.md", "A#1.md"} {
		code, _, stderr = cli(t, "new", "page", name, "-s", dir)
		if code == 0 || !strings.Contains(stderr, "rename it using letters, digits, - and _; nothing was created") {
			t.Errorf("new page %q: exit %d, %s", name, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", name)); err == nil {
			t.Errorf("new page %q created the file", name)
		}
	}
	// Missing arguments: what to give, with examples.
	for _, args := range [][]string{{"new"}, {"new", "cleaning"}} {
		code, _, stderr = cli(t, args...)
		if code == 0 || !strings.Contains(stderr, "handbook new cleaning cleaning/lobby.md") || !strings.Contains(stderr, "handbook new site my-handbook") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}

func TestCheckReportsFileLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := cli(t, "new", "site", dir); code != 0 {
		t.Fatal(stderr)
	}
	bad := "---\ntitle: 坏页面\nkind: page\ntag: [x]\n---\n\n[断链](nowhere.md)\n"
	os.WriteFile(filepath.Join(dir, "content", "pages", "bad.md"), []byte(bad), 0o644)
	code, _, stderr := cli(t, "check", "-s", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := `content/pages/bad.md:4: unknown field "tag": did you mean "tags"?`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant line:\n%s", stderr, want)
	}
	code, _, stderr = cli(t, "build", "-s", dir)
	if code == 0 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("failed build wrote public/")
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := cli(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "handbook ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

func TestNoContentFolder(t *testing.T) {
	code, _, stderr := cli(t, "build", "-s", t.TempDir())
	if code == 0 || !strings.Contains(stderr, "handbook new site") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestQuizExportImport(t *testing.T) {
	code, gift, stderr := cli(t, "quiz", "export", "-s", "../..", "--format", "gift", "phone")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"$CATEGORY: 前台电话接听", "::phone-1::", "=第三声铃响前"} {
		if !strings.Contains(gift, want) {
			t.Errorf("GIFT lacks %q", want)
		}
	}
	// The exported GIFT imports back to Markdown with every question.
	dir := t.TempDir()
	in := filepath.Join(dir, "phone.gift")
	os.WriteFile(in, []byte(gift), 0o644)
	code, md, stderr := cli(t, "quiz", "import", in)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if n, m := strings.Count(gift, "\n::phone-"), strings.Count(md, "\n## "); n == 0 || n != m {
		t.Errorf("round trip: %d questions exported, %d imported", n, m)
	}
	// Constructs with no counterpart are reported with their lines.
	code, _, stderr = cli(t, "quiz", "import", "../../generator/quiz/testdata/gift/moodle-docs.gift", "-o", filepath.Join(dir, "m.md"))
	if code != 1 || !strings.Contains(stderr, "moodle-docs.gift:") {
		t.Errorf("import of unsupported questions: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "m.md")); err != nil {
		t.Errorf("the convertible questions were not written: %v", err)
	}
	code, csv, _ := cli(t, "quiz", "export", "-s", "../..", "--format", "csv")
	if code != 0 || !strings.HasPrefix(csv, "\ufeffquiz,id,type,question") {
		t.Errorf("csv export: exit %d, starts %.40q", code, csv)
	}
	if code, _, stderr := cli(t, "quiz", "export", "-s", "../..", "--format", "xml"); code == 0 || !strings.Contains(stderr, "use gift or csv") {
		t.Errorf("bad format: exit %d %s", code, stderr)
	}
}

// TestREADMEListsEveryFlag: the README's synopsis of each command names
// every flag the command takes.
func TestREADMEListsEveryFlag(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(b), "## CLI\n\n```\n")
	synopsis, _, _ := strings.Cut(after, "```")
	root := newRoot(io.Discard, io.Discard)
	var walk func(c *cobra.Command)
	checked := 0
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c == root || c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		prefix := "handbook " + strings.TrimPrefix(c.CommandPath(), root.Name()+" ")
		var lines []string
		for _, l := range strings.Split(synopsis, "\n") {
			if strings.HasPrefix(l, prefix+" ") || l == prefix {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			t.Errorf("the README's CLI synopsis has no line for %q", prefix)
			return
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" || f.Hidden {
				return
			}
			checked++
			if !strings.Contains(strings.Join(lines, "\n"), "--"+f.Name) {
				t.Errorf("the README's synopsis of %q lacks --%s", prefix, f.Name)
			}
		})
	}
	walk(root)
	if checked < 15 {
		t.Errorf("only %d flags checked", checked)
	}
}
