package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/markdown"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
}

const page = "---\ntitle: 页\nkind: page\n---\n正文\n"

// TestWalkFollowsLinks: a page or folder that is linked rather than copied
// is not lost, and links that cannot be followed are reported, each once,
// while the rest of the folder is still listed.
func TestWalkFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/a.md":            page,
		"content/guides/b.md":     page,
		"shared/c.md":             page,
		"shared/img.png":          "png",
		"content/.hidden/skip.md": page,
	})
	symlink(t, "../shared", filepath.Join(dir, "content", "shared"))
	symlink(t, "a.md", filepath.Join(dir, "content", "alias.md"))
	symlink(t, "..", filepath.Join(dir, "content", "guides", "up"))
	symlink(t, "gone.md", filepath.Join(dir, "content", "dangling.md"))
	symlink(t, "loop2.md", filepath.Join(dir, "content", "loop1.md"))
	symlink(t, "loop1.md", filepath.Join(dir, "content", "loop2.md"))
	md, assets, err := Walk(os.DirFS(dir), "content")
	if got, want := strings.Join(md, " "), "a.md alias.md guides/b.md shared/c.md"; got != want {
		t.Errorf("pages %s, want %s", got, want)
	}
	if got := strings.Join(assets, " "); got != "shared/img.png" {
		t.Errorf("assets %s", got)
	}
	want := strings.Join([]string{
		"content/dangling.md: broken symbolic link: its target does not exist: fix the link or delete it",
		"content/guides/up: symbolic link loop: the link leads back to content, a folder it is in: delete the link",
		"content/loop1.md: symbolic link loop: the link leads back to itself: point it at a file or delete it",
		"content/loop2.md: symbolic link loop: the link leads back to itself: point it at a file or delete it",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("problems:\n%v\nwant:\n%s", err, want)
	}
	// Load reports the links and still loads every page.
	r := markdown.New(markdown.Options{URLOf: URLOf})
	pages, _, probs := Load(os.DirFS(dir), "content", r, false, nil, nil)
	if len(pages) != 4 || len(probs) != 4 {
		t.Errorf("%d pages, problems:\n%v", len(pages), probs)
	}
}

// TestWalkLinkDepthWithoutIdentity: on a file system that cannot tell two
// folders apart, a folder that links to itself still ends.
func TestWalkLinkDepthWithoutIdentity(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":   {Data: []byte(page)},
		"content/d/b.md": {Data: []byte(page)},
		"content/d/self": {Data: []byte("."), Mode: fs.ModeSymlink},
	}
	md, _, err := Walk(fsys, "content")
	if err == nil || !strings.Contains(err.Error(), "nest more than 16 deep") {
		t.Errorf("problems: %v", err)
	}
	if len(md) < 2 || md[0] != "a.md" {
		t.Errorf("pages %v", md)
	}
}

// vanishing lists a file it cannot open: the file was deleted between the
// listing and the read.
type vanishing struct{ fstest.MapFS }

func (v vanishing) Open(name string) (fs.File, error) {
	if name == "content/gone.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Open(name)
}

func (v vanishing) ReadFile(name string) ([]byte, error) {
	if name == "content/gone.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.ReadFile(name)
}

func TestFileRemovedWhileLoading(t *testing.T) {
	fsys := vanishing{fstest.MapFS{
		"content/a.md":    {Data: []byte(page)},
		"content/gone.md": {Data: []byte(page)},
	}}
	r := markdown.New(markdown.Options{URLOf: URLOf})
	pages, _, probs := Load(fsys, "content", r, false, nil, nil)
	if len(pages) != 1 || len(probs) != 1 {
		t.Fatalf("%d pages, problems %v", len(pages), probs)
	}
	want := "content/gone.md: the file disappeared while the site was read (deleted or renamed during the build): build again"
	if probs[0].Error() != want {
		t.Errorf("got  %s\nwant %s", probs[0], want)
	}
}

func TestFileNamesThatAreNotURLs(t *testing.T) {
	r := markdown.New(markdown.Options{URLOf: URLOf})
	for name, why := range map[string]string{
		"javascript:alert(1).md": "which Windows does not allow", "a#b.md": "which has a meaning of its own in a URL",
		"a?b.md": "which has a meaning of its own in a URL", "100%.md": "which has a meaning of its own in a URL",
		`a\b.md`: "which Windows does not allow", "x/<b>.md": "which Windows does not allow", "a\x01.md": "which Windows does not allow",
	} {
		_, err := ParseFile(r, "content/"+name, name, []byte(page))
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "rename it using letters, digits, - and _") {
			t.Errorf("%q: %v", name, err)
		}
	}
	for _, name := range []string{"电梯 保洁.md", "a-b_c(1).md", "roles/前台.md"} {
		if _, err := ParseFile(r, "content/"+name, name, []byte(page)); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}
