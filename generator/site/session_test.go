package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func grepTree(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && !found {
			b, _ := os.ReadFile(p)
			found = strings.Contains(string(b), s)
		}
		return nil
	})
	return found
}

func TestSessionRebuildsOnlyWhatChanged(t *testing.T) {
	dir := copySite(t)
	dest := filepath.Join(t.TempDir(), "out")
	ss := NewSession(Options{Source: dir, Dest: dest, Dev: true})
	ctx := context.Background()
	if _, err := ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	stat := func(rel string) time.Time {
		fi, err := os.Stat(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return fi.ModTime()
	}
	before := stat("roles/receptionist.html")
	time.Sleep(10 * time.Millisecond)

	// A change to the body only: the page and the handbooks printing it.
	src := read(t, dir, "content/cleaning/elevator.md")
	write(t, dir, "content/cleaning/elevator.md", strings.Replace(src, "一般不停止", "一般不停止(正文修改甲)", 1))
	res, err := ss.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !res.incremental || res.Pages != 2 {
		t.Errorf("body edit: incremental=%v, %d pages rendered; want the page and its handbook", res.incremental, res.Pages)
	}
	for _, rel := range []string{"cleaning/elevator.html", "handbooks/cleaner.html"} {
		if !strings.Contains(read(t, dest, rel), "正文修改甲") {
			t.Errorf("%s does not show the edit", rel)
		}
	}
	if !stat("roles/receptionist.html").Equal(before) {
		t.Error("an unrelated page was rewritten")
	}
	ss.Wait()
	if !grepTree(t, filepath.Join(dest, "search"), "正文修改甲") {
		t.Error("the search index was not brought up to date")
	}

	// A new title shows on other pages: everything is rebuilt.
	src = read(t, dir, "content/cleaning/elevator.md")
	write(t, dir, "content/cleaning/elevator.md", strings.Replace(src, "title: 电梯", "title: 电梯保洁", 1))
	if res, err = ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if res.incremental || !strings.Contains(read(t, dest, "cleaning/index.html"), "电梯保洁") {
		t.Errorf("title edit: incremental=%v; the section page must show the new title", res.incremental)
	}

	// A broken edit fails; the fix builds on the last good site.
	src = read(t, dir, "content/cleaning/elevator.md")
	write(t, dir, "content/cleaning/elevator.md", src+"\n[断](nowhere.md)\n")
	if _, err := ss.Build(ctx); err == nil || !strings.Contains(err.Error(), "broken link") {
		t.Fatalf("broken edit: %v", err)
	}
	write(t, dir, "content/cleaning/elevator.md", strings.Replace(src, "一般不停止", "一般不停止(正文修改乙)", 1))
	if res, err = ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if !res.incremental || !strings.Contains(read(t, dest, "cleaning/elevator.html"), "正文修改乙") {
		t.Errorf("fix after a broken edit: incremental=%v", res.incremental)
	}

	// A new file is a structural change.
	write(t, dir, "content/cleaning/lobby.md", "---\ntitle: 大堂\nkind: cleaning\nroles: [保洁员]\n---\n大堂正文\n")
	if res, err = ss.Build(ctx); err != nil || res.incremental {
		t.Fatalf("new file: incremental=%v err=%v", res != nil && res.incremental, err)
	}
	if !strings.Contains(read(t, dest, "handbooks/cleaner.html"), "大堂正文") {
		t.Error("the new page is missing from the role handbook")
	}
	ss.Wait()
}

// TestSessionCopiesEditedAssets: an image replaced under the same name is
// in the next build's output, whether or not a watcher named it, and a
// build that changes nothing copies no asset.
func TestSessionCopiesEditedAssets(t *testing.T) {
	dir := copySite(t)
	dest := filepath.Join(t.TempDir(), "out")
	write(t, dir, "content/cleaning/lift.png", "first")
	ss := NewSession(Options{Source: dir, Dest: dest, Dev: true})
	ctx := context.Background()
	if _, err := ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/cleaning/lift.png", "second image")
	if _, err := ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "cleaning/lift.png"); got != "second image" {
		t.Errorf("after an edit without a watcher's word: %q", got)
	}
	write(t, dir, "content/cleaning/lift.png", "third")
	ss.Changed([]string{filepath.Join(dir, "content", "cleaning", "lift.png")})
	if _, err := ss.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dest, "cleaning/lift.png"); got != "third" {
		t.Errorf("after an edit the watcher named: %q", got)
	}
	for _, named := range [][]string{nil, {}} {
		if named != nil {
			ss.Changed(named)
		}
		res, err := ss.Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != 0 {
			t.Errorf("a build with nothing changed (watcher named %v) wrote %d files", named, res.Files)
		}
	}
}

// TestIncrementalBuildMatchesFullBuild edits the text of pages of the
// bundled handbook, one kind after another, and checks after each that
// the dev server's incremental build left the output exactly as a full
// build makes it: the home and section pages show their index files' text,
// role handbooks and print sets their pages' text.
func TestIncrementalBuildMatchesFullBuild(t *testing.T) {
	src := t.TempDir()
	for _, dir := range []string{"content", "quizzes"} {
		if err := os.CopyFS(filepath.Join(src, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	ss := NewSession(Options{Source: src, Dest: dest})
	if _, err := ss.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, md := range []string{
		"content/_index.md",               // the home page
		"content/cleaning/_index.md",      // a section page
		"content/cleaning/elevator.md",    // a page, in role handbooks
		"content/checklists/washroom.md",  // a checklist, in print sets
		"content/roles/cleaner.md",        // a role page
		"content/glossary.md",             // the glossary
		"content/personalities/_index.md", // another section page
	} {
		file := filepath.Join(src, md)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		saveText(t, ss, file, b, "\n补充的一段正文。\n")
		ss.Wait() // the search index follows in the background
		full := filepath.Join(t.TempDir(), "full")
		if _, err := Build(context.Background(), Options{Source: src, Dest: full}); err != nil {
			t.Fatal(err)
		}
		var differ []string
		err = filepath.WalkDir(full, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(full, p)
			want, _ := os.ReadFile(p)
			got, err := os.ReadFile(filepath.Join(dest, rel))
			if err != nil || !bytes.Equal(got, want) {
				differ = append(differ, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(differ) > 0 {
			t.Errorf("after an edit to %s, the incremental build's output differs from a full build's in %s", md, strings.Join(differ, ", "))
		}
	}
}

// saveText writes file as orig with text added, as an editor saves it, tells
// ss, as the watcher does, and builds: incrementally, or the test fails.
func saveText(tb testing.TB, ss *Session, file string, orig []byte, text string) {
	tb.Helper()
	if err := os.WriteFile(file, append(append([]byte(nil), orig...), text...), 0o644); err != nil {
		tb.Fatal(err)
	}
	ss.Changed([]string{file})
	res, err := ss.Build(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if !res.incremental {
		tb.Fatalf("%s: a change to its text made a full build", file)
	}
}
