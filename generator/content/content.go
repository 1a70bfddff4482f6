// Package content loads a site's Markdown files into pages: it checks the
// encoding, splits and decodes the front matter against the kind's fields,
// and renders the body. ParseFile is a pure function of its inputs, so a
// page can be cached by file and rebuilt alone when that file changes.
package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"handbook/generator/diag"
	"handbook/generator/frontmatter"
	"handbook/generator/markdown"
	"handbook/generator/model"
)

// URLOf maps a content path to its output path: a.md → a.html, and
// dir/_index.md → dir/index.html.
func URLOf(contentPath string) string {
	dir, file := path.Split(contentPath)
	base := strings.TrimSuffix(file, path.Ext(file))
	if base == "_index" || base == "index" {
		return dir + "index.html"
	}
	return dir + base + ".html"
}

// IsIndex reports whether p is a section's _index.md.
func IsIndex(p string) bool {
	b := path.Base(p)
	return b == "_index.md"
}

// Ignored reports whether a file name is an editor's temporary or backup
// file, or hidden, or the system's own: vim swap files, emacs lock and
// backup files, .bak and .orig copies, the lock files of Office and WPS
// (~$name), JetBrains' and Kate's safe-write files, Chrome's .crswap, and
// Windows' Thumbs.db and desktop.ini. None is published or read as a page.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range ignoredSuffixes {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasPrefix(name, "~$") ||
		name == "4913" || lower == "thumbs.db" || lower == "desktop.ini"
}

var ignoredSuffixes = []string{"~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".rej",
	".crswap", ".kate-swp", "___jb_tmp___", "___jb_old___"}

// Normalize checks that src is UTF-8 and returns it without a BOM, with \n
// line endings and without control characters. A file saved as UTF-16
// with its byte order mark, as Notepad's "Unicode" saves, is read as its
// text. file is for messages.
func Normalize(file string, src []byte) ([]byte, error) {
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		dec, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(src)
		if err != nil {
			return nil, diag.Errorf(file, 1, "file is saved as UTF-16 (Unicode) but is not whole: in your editor choose Save As… > Encoding: UTF-8")
		}
		src = dec
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		return nil, encodingError(file, src)
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if hasControl(src) {
		src = bytes.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, src)
	}
	return src, nil
}

// hasControl reports whether src holds a control character other than a
// newline or tab. Those are single bytes in UTF-8, never part of a longer
// character, so the bytes are scanned without decoding.
func hasControl(src []byte) bool {
	for _, c := range src {
		if c < 0x20 && c != '\n' && c != '\t' {
			return true
		}
	}
	return false
}

// encodingError explains a file that is not UTF-8, recognising GBK and
// GB18030, which Windows editors in China save by default.
func encodingError(file string, src []byte) error {
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line := diag.LineOf(src, off)
	if utf16NoBOM(src) {
		return diag.Errorf(file, 1, "file is saved as UTF-16 (Unicode), not UTF-8: in your editor choose Save As… > Encoding: UTF-8")
	}
	if dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src); err == nil && utf8.Valid(dec) && hasHan(dec) {
		return diag.Errorf(file, line, "file is GBK/GB18030-encoded, not UTF-8: convert it with `iconv -f GB18030 -t UTF-8 %s > %s.utf8`, check the new file and replace the old one with it, or in your editor choose Save As… > Encoding: UTF-8", path.Base(file), path.Base(file))
	}
	return diag.Errorf(file, line, "file is not valid UTF-8 (byte 0x%02x at offset %d): save it as UTF-8", src[off], off)
}

// utf16NoBOM reports whether src looks like UTF-16 without a byte order
// mark: text of ASCII lines, front matter and Markdown, leaves a zero byte
// in one of each two for most characters.
func utf16NoBOM(src []byte) bool {
	if len(src) < 8 || len(src)%2 != 0 {
		return false
	}
	var zero [2]int
	for i, c := range src {
		if c == 0 {
			zero[i%2]++
		}
	}
	half := len(src) / 2
	return max(zero[0], zero[1]) > half/4 && min(zero[0], zero[1]) < half/16
}

func hasHan(b []byte) bool {
	for _, r := range string(b) {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func knownFields(k model.Kind) []string {
	return append(append([]string{}, model.CommonFields...), model.KindFields[k]...)
}

// ParseFile turns one content file into a page. file is the path used in
// messages (relative to the site root); contentPath is relative to the
// content root.
func ParseFile(r *markdown.Renderer, file, contentPath string, raw []byte) (*model.Page, error) {
	if err := checkName(file, contentPath); err != nil {
		return nil, err
	}
	src, err := Normalize(file, raw)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, diag.Errorf(file, 1, "file is empty: start it with front matter (---, title: …, kind: …, ---) or delete it")
	}
	f, fm, body, fmLine, bodyLine, err := frontmatter.Split(file, src)
	if err != nil {
		return nil, err
	}
	if f == frontmatter.None {
		return nil, diag.Errorf(file, 1, "no front matter: start the file with a --- line, then title: and kind: (one of %s), then ---", kindList())
	}
	p := &model.Page{Path: contentPath, File: file, URL: URLOf(contentPath), BodyLine: bodyLine}
	if i := strings.IndexByte(contentPath, '/'); i > 0 {
		p.Section = contentPath[:i]
	}
	// Learn the kind first, so that fields can be checked against it.
	doc, err := frontmatter.Parse(file, f, fm, fmLine)
	if err != nil {
		return nil, err
	}
	k, kline := doc.Lookup("kind")
	kind := model.Kind(k)
	if kind == "" {
		return nil, diag.Errorf(file, fmLine-1, "missing kind: add `kind:` with one of %s", kindList())
	}
	if !kind.Valid() {
		return nil, diag.Errorf(file, kline, "unknown kind %q: use one of %s", kind, kindList())
	}
	allowed := func(k string) bool { return model.AllowedField(kind, k) }
	if err := doc.Decode(allowed, knownFields(kind), &p.FM); err != nil {
		return nil, err
	}
	p.FMLines = doc.Lines()
	doc.Release()
	if strings.TrimSpace(p.FM.Title) == "" {
		return nil, diag.Errorf(file, fmLine-1, "missing title: add `title:` with the page's title")
	}
	if f := p.FM.Form; f != "" && !slices.Contains(model.Forms, f) {
		return nil, diag.Errorf(file, p.FMLines["form"], "form %q is not an inspection form: use %s, or leave form out for a plain checklist", f, strings.Join(model.Forms, ", "))
	}
	var reserved []string
	hasFields := false
	for _, s := range model.FieldSections {
		if p.FM.FieldText(s.Key) != "" {
			reserved = append(reserved, s.ID)
			hasFields = true
		}
	}
	for _, t := range p.FM.Terms {
		reserved = append(reserved, t.Term)
	}
	if len(bytes.TrimSpace(body)) == 0 && !hasFields && !IsIndex(contentPath) && p.FM.Signoff == nil && p.FM.Summary == "" {
		return nil, diag.Errorf(file, bodyLine-1, "page has front matter but no content: write the body below the closing --- line")
	}
	res, err := r.Render(contentPath, body, bodyLine, reserved)
	if err != nil {
		return nil, diag.Errorf(file, bodyLine, "rendering failed: %v", err)
	}
	p.HTML, p.Headings, p.Links = res.HTML, res.Headings, res.Links
	// Front-matter sections come first in the page, then the body. Each
	// term of a glossary is a section of its own, under its own anchor, so
	// that a search for it lands on it rather than on the top of the list.
	for _, s := range model.FieldSections {
		t := p.FM.FieldText(s.Key)
		if t == "" {
			continue
		}
		if s.Key != "terms" {
			p.Sections = append(p.Sections, model.Section{ID: s.ID, Heading: s.ID, Text: t})
			continue
		}
		p.Sections = append(p.Sections, model.Section{ID: s.ID, Heading: s.ID})
		for _, t := range p.FM.Terms {
			p.Sections = append(p.Sections, model.Section{ID: t.Term, Heading: t.Term, Text: t.Definition})
		}
	}
	p.Sections = append(p.Sections, res.Sections...)
	return p, nil
}

// readError explains why a listed file could not be read.
func readError(file string, err error) *diag.Error {
	if errors.Is(err, fs.ErrNotExist) {
		return diag.New(file, 0, diag.T("the file disappeared while the site was read (deleted or renamed during the build): build again"), err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already in the message
	}
	return diag.New(file, 0, diag.T("cannot read: %v", err), err)
}

// badNameChars are characters that make a file name fail as a URL or on
// Windows: a page named a:b.md or a#b.md would get links that go nowhere.
const badNameChars = `:\#?%<>"|*`

// checkName reports a content path that cannot become a working URL.
func checkName(file, contentPath string) error {
	if p, ok := NameText(contentPath); ok {
		return diag.New(file, 0, p, nil)
	}
	return nil
}

// NameText says why a content path cannot become a working URL, and
// false when it can.
func NameText(contentPath string) (diag.Text, bool) {
	for _, r := range contentPath {
		switch {
		case strings.ContainsRune("#?%", r):
			return diag.T("the file name has %q, which has a meaning of its own in a URL, so links to the page would go nowhere: rename it using letters, digits, - and _", string(r)), true
		case r < 0x20 || r == 0x7f || strings.ContainsRune(badNameChars, r):
			return diag.T("the file name has %q, which Windows does not allow in file names and URLs do not take: rename it using letters, digits, - and _", string(r)), true
		}
	}
	return diag.Text{}, false
}

func kindList() string {
	s := make([]string, len(model.Kinds))
	for i, k := range model.Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// File is a file found under the content root.
type File struct {
	Path string // relative to the content root
	Data []byte
}

// Walk lists the files under root in fsys, skipping editors' temporary
// files: Markdown files in md, other files (images, attachments) in
// assets, both relative to root and sorted.
//
// Symbolic links are followed, so that no page is lost because it is
// linked rather than copied: a link to a file lists that file under the
// link's name, a link to a folder is walked as a folder. A link that cannot
// be followed (its target is missing, or it leads back to a folder it is
// in) is a problem; Walk goes on with the rest and returns the problems as
// a diag.List. Any other error means root could not be read.
func Walk(fsys fs.FS, root string) (md, assets []string, err error) {
	w, err := walk(fsys, root)
	if w == nil {
		return nil, nil, err
	}
	return w.md, w.assets, err
}

// walk is Walk, returning the walker: its lists, and the files that are
// symbolic links.
func walk(fsys fs.FS, root string) (*walker, error) {
	w := &walker{fsys: fsys, root: root, linked: map[string]bool{}}
	fi, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, err
	}
	if err := w.dir(root, []fs.FileInfo{fi}, 0); err != nil {
		return nil, err
	}
	sort.Strings(w.md)
	sort.Strings(w.assets)
	return w, w.problems.Err()
}

// maxLinkDepth bounds how many linked folders may nest, for file systems
// that cannot tell whether two folders are the same.
const maxLinkDepth = 16

type walker struct {
	fsys       fs.FS
	root       string
	md, assets []string
	linked     map[string]bool // files (as in md and assets) that are symbolic links
	linkedDirs bool            // whether a linked folder was walked
	problems   diag.List
}

// dir lists folder p. ancestors are the folders p is in, p last; links
// counts the linked folders on the way.
func (w *walker) dir(p string, ancestors []fs.FileInfo, links int) error {
	entries, err := fs.ReadDir(w.fsys, p)
	if err != nil {
		if p == w.root {
			return err
		}
		w.problems.Add(diag.New(p, 0, diag.T("cannot read the folder: %v", err), err))
		return nil
	}
	for _, e := range entries {
		if Ignored(e.Name()) {
			continue
		}
		q := path.Join(p, e.Name())
		var fi fs.FileInfo
		linked := e.Type()&fs.ModeSymlink != 0
		if linked {
			if fi, err = fs.Stat(w.fsys, q); err != nil {
				w.problems.Add(linkError(q, err))
				continue
			}
		} else if e.Type().IsRegular() {
			w.file(q, e.Name())
			continue // no stat: Load stats each file once, when it reads it
		} else if fi, err = e.Info(); err != nil {
			continue // removed since the folder was read
		}
		switch {
		case fi.IsDir():
			if a := sameAs(fi, ancestors); a >= 0 {
				w.problems.Add(diag.Errorf(q, 0, "symbolic link loop: the link leads back to %s, a folder it is in: delete the link", w.name(ancestors, a)))
				continue
			}
			n := links
			if linked {
				n++
				w.linkedDirs = true
			}
			if n > maxLinkDepth {
				w.problems.Add(diag.Errorf(q, 0, "symbolic links to folders nest more than %d deep (a loop?): delete the link", maxLinkDepth))
				continue
			}
			if err := w.dir(q, append(ancestors[:len(ancestors):len(ancestors)], fi), n); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			w.file(q, e.Name())
			if linked {
				w.linked[w.rel(q)] = true
			}
		}
		// Sockets, pipes and devices are not content.
	}
	return nil
}

// rel returns q relative to the root.
func (w *walker) rel(q string) string { return strings.TrimPrefix(strings.TrimPrefix(q, w.root), "/") }

// file lists the regular file at q, named name.
func (w *walker) file(q, name string) {
	rel := w.rel(q)
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		w.md = append(w.md, rel)
	} else {
		w.assets = append(w.assets, rel)
	}
}

// name returns the path of ancestors[i], the folder i levels below root.
func (w *walker) name(ancestors []fs.FileInfo, i int) string {
	name := w.root
	for _, a := range ancestors[1 : i+1] {
		name = path.Join(name, a.Name())
	}
	return name
}

// sameAs returns the index of the folder in ancestors that fi is, or -1.
func sameAs(fi fs.FileInfo, ancestors []fs.FileInfo) int {
	for i, a := range ancestors {
		if os.SameFile(a, fi) {
			return i
		}
	}
	return -1
}

func linkError(file string, err error) *diag.Error {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return diag.New(file, 0, diag.T("symbolic link loop: the link leads back to itself: point it at a file or delete it"), err)
	case errors.Is(err, fs.ErrNotExist):
		return diag.New(file, 0, diag.T("broken symbolic link: its target does not exist: fix the link or delete it"), err)
	}
	return diag.New(file, 0, diag.T("cannot follow the symbolic link: %v", err), err)
}

// Cache keeps parsed pages between builds, keyed by file, so that a rebuild
// parses only the files whose bytes changed. A file is read again unless its
// size, modification time, inode and status-change time are as they were
// and it was last read well after it was last modified: a modification time
// alone cannot tell two saves within one tick of a coarse file system clock
// apart, nor see a tool that sets times back, but the status-change time is
// set by the kernel on every write. A page taken from the cache is the same
// pointer as before, which tells later steps it did not change. A Cache is
// safe for concurrent use; it must be dropped when anything that affects
// parsing (the config) changes.
type Cache struct {
	mu sync.Mutex
	m  map[string]cached
	// The last walk of the content folder and its error, for a Load told
	// that only files it listed changed (see lastWalk).
	walked  *walker
	walkErr error
}

// lastWalk returns the cache's last walk of root and its error, when it
// still lists what is there: every file in changed is one it listed and is
// still a file, and it met no symbolic link, whose target a watcher may not
// see. A save to an existing page then costs no reading of folders. Any
// other change (a file added, removed or renamed, a folder, a file outside
// root) walks again.
func (c *Cache) lastWalk(fsys fs.FS, root string, changed map[string]bool) (*walker, error, bool) {
	if c == nil || changed == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	w, err := c.walked, c.walkErr
	c.mu.Unlock()
	if w == nil || w.root != root || w.linkedDirs || len(w.linked) > 0 {
		return nil, nil, false
	}
	for file := range changed {
		rel, ok := strings.CutPrefix(file, root+"/")
		if !ok || !listed(w.md, rel) && !listed(w.assets, rel) {
			return nil, nil, false
		}
		if fi, err := fs.Stat(fsys, file); err != nil || !fi.Mode().IsRegular() {
			return nil, nil, false
		}
	}
	return w, err, true
}

// listed tells whether sorted holds s.
func listed(sorted []string, s string) bool {
	_, ok := slices.BinarySearch(sorted, s)
	return ok
}

func (c *Cache) keepWalk(w *walker, err error) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.walked, c.walkErr = w, err
	c.mu.Unlock()
}

// held returns the cached page of file, without looking at the file.
func (c *Cache) held(file string) *model.Page {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[file]; ok && e.stat.readAt != 0 {
		return e.page
	}
	return nil
}

type cached struct {
	sum  [sha256.Size]byte
	page *model.Page
	stat fileStamp
}

// fileStamp is what a stat tells of a file's version.
type fileStamp struct {
	size, mtime, ctime int64
	ino                uint64
	readAt             int64 // when the file was read, in Unix nanoseconds
}

// racyWindow is how long after a file's last modification its stat is not
// trusted to show the next one: more than the coarsest clock tick of the
// file systems a handbook lives on (FAT: 2 s).
const racyWindow = 3 * time.Second

// stampOf returns fi's stamp, and false when this system cannot give one.
func stampOf(fi fs.FileInfo, readAt time.Time) (fileStamp, bool) {
	ino, ctime, ok := changeStamp(fi)
	return fileStamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: ctime, ino: ino, readAt: readAt.UnixNano()}, ok
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]cached{}} }

// fresh returns the cached page of file when stat shows it unchanged since
// it was read, without reading it.
func (c *Cache) fresh(fsys fs.FS, file string) *model.Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	e, ok := c.m[file]
	c.mu.Unlock()
	if !ok || e.stat.readAt == 0 || e.stat.readAt-e.stat.mtime < int64(racyWindow) {
		return nil
	}
	fi, err := fs.Stat(fsys, file)
	if err != nil {
		return nil
	}
	now, ok := stampOf(fi, time.Time{})
	if !ok || now.size != e.stat.size || now.mtime != e.stat.mtime || now.ctime != e.stat.ctime || now.ino != e.stat.ino {
		return nil
	}
	return e.page
}

func (c *Cache) get(file string, sum [sha256.Size]byte, stat fileStamp) *model.Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[file]; ok && e.sum == sum {
		e.stat = stat
		c.m[file] = e
		return e.page
	}
	return nil
}

func (c *Cache) put(file string, sum [sha256.Size]byte, stat fileStamp, p *model.Page) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[file] = cached{sum, p, stat}
	c.mu.Unlock()
}

// Load reads and parses every Markdown file under root, in parallel. Pages
// come back sorted by path; problems are collected, not just the first.
// cache, if not nil, supplies pages of unchanged files and keeps new ones.
// changed, if not nil, holds the only files (slash paths under root, as
// fsys names them) that may have changed since the cache's last Load,
// because a file watcher saw nothing else: the cache's other pages are
// then taken without even a stat, except files that are symbolic links,
// whose targets a watcher may not see. With changed nil, every file is
// checked.
func Load(fsys fs.FS, root string, r *markdown.Renderer, drafts bool, cache *Cache, changed map[string]bool) ([]*model.Page, []string, diag.List) {
	var problems diag.List
	watched := cache != nil && changed != nil
	wk, err, ok := cache.lastWalk(fsys, root, changed)
	if !ok {
		wk, err = walk(fsys, root)
		cache.keepWalk(wk, err)
	}
	var md, assets []string
	linked := map[string]bool{}
	if wk != nil {
		// assets goes to the caller: a copy, so that the kept walk stays as it is.
		md, assets, linked = wk.md, slices.Clone(wk.assets), wk.linked
	}
	var walkProblems diag.List
	if errors.As(err, &walkProblems) {
		problems = append(problems, walkProblems...)
	} else if err != nil {
		problems.Add(diag.New(root, 0, diag.T("cannot read the content folder: %v", err), err))
		return nil, nil, problems
	}
	pages := make([]*model.Page, len(md))
	errs := make([]error, len(md))
	// Each worker takes the next file by itself: handing out indexes over
	// a channel woke a goroutine for every file.
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(md) {
					return
				}
				file := path.Join(root, md[i])
				if watched && !changed[file] && !linked[md[i]] {
					if p := cache.held(file); p != nil {
						pages[i] = p
						continue
					}
				}
				if p := cache.fresh(fsys, file); p != nil {
					pages[i] = p
					continue
				}
				var stat fileStamp
				if cache != nil {
					// Stat before reading: a write in between makes the
					// next build read the file again.
					if fi, err := fs.Stat(fsys, file); err == nil {
						stat, _ = stampOf(fi, time.Now())
					}
				}
				raw, err := fs.ReadFile(fsys, file)
				if err != nil {
					errs[i] = readError(file, err)
					continue
				}
				var sum [sha256.Size]byte
				if cache != nil {
					sum = sha256.Sum256(raw)
					if p := cache.get(file, sum, stat); p != nil {
						pages[i] = p
						continue
					}
				}
				pages[i], errs[i] = ParseFile(r, file, md[i], raw)
				if errs[i] == nil {
					cache.put(file, sum, stat, pages[i])
				}
			}
		}()
	}
	wg.Wait()
	out := pages[:0]
	for i, p := range pages {
		problems.Append(errs[i])
		if p != nil && (drafts || !p.FM.Draft) {
			out = append(out, p)
		}
	}
	return out, assets, problems
}
