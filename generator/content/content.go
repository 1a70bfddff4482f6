// Package content loads a site's Markdown files into pages: it checks the
// encoding, splits and decodes the front matter against the kind's fields,
// and renders the body. ParseFile is a pure function of its inputs, so a
// page can be cached by file and rebuilt alone when that file changes.
package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

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
// file, or hidden: vim swap files, emacs lock and backup files, and so on.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".swo") || strings.HasSuffix(name, ".tmp") ||
		strings.HasPrefix(name, "#") || name == "4913"
}

// Normalize checks that src is UTF-8 and returns it without a BOM, with \n
// line endings and without control characters. file is for messages.
func Normalize(file string, src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		return nil, encodingError(file, src)
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if bytes.ContainsFunc(src, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }) {
		src = bytes.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, src)
	}
	return src, nil
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
	if dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src); err == nil && utf8.Valid(dec) && hasHan(dec) {
		return diag.Errorf(file, line, "file is GBK/GB18030-encoded, not UTF-8: convert it with `iconv -f GB18030 -t UTF-8 %s > %s.utf8` and replace the file, or in your editor choose Save As… > Encoding: UTF-8", path.Base(file), path.Base(file))
	}
	return diag.Errorf(file, line, "file is not valid UTF-8 (byte 0x%02x at offset %d): save it as UTF-8", src[off], off)
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
	if strings.TrimSpace(p.FM.Title) == "" {
		return nil, diag.Errorf(file, fmLine-1, "missing title: add `title:` with the page's title")
	}
	var reserved []string
	hasFields := false
	for _, s := range model.FieldSections {
		if p.FM.FieldText(s.Key) != "" {
			reserved = append(reserved, s.ID)
			hasFields = true
		}
	}
	if len(bytes.TrimSpace(body)) == 0 && !hasFields && !IsIndex(contentPath) && p.FM.Signoff == nil && p.FM.Summary == "" {
		return nil, diag.Errorf(file, bodyLine-1, "page has front matter but no content: write the body below the closing --- line")
	}
	res, err := r.Render(contentPath, body, bodyLine, reserved)
	if err != nil {
		return nil, diag.Errorf(file, bodyLine, "rendering failed: %v", err)
	}
	p.HTML, p.Headings, p.Links, p.Text = res.HTML, res.Headings, res.Links, res.Text
	// Front-matter sections come first in the page, then the body.
	for _, s := range model.FieldSections {
		if t := p.FM.FieldText(s.Key); t != "" {
			p.Sections = append(p.Sections, model.Section{ID: s.ID, Heading: s.ID, Text: t})
		}
	}
	p.Sections = append(p.Sections, res.Sections...)
	return p, nil
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
// files. Markdown files come first in the result's Markdown; other files
// (images, attachments) in Assets.
func Walk(fsys fs.FS, root string) (md, assets []string, err error) {
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if strings.HasSuffix(strings.ToLower(d.Name()), ".md") {
			md = append(md, rel)
		} else {
			assets = append(assets, rel)
		}
		return nil
	})
	sort.Strings(md)
	sort.Strings(assets)
	return md, assets, err
}

// Cache keeps parsed pages between builds, keyed by file, so that a rebuild
// parses only the files whose size or modification time changed. A page
// taken from the cache is the same pointer as before, which tells later
// steps it did not change. A Cache is safe for concurrent use; it must be
// dropped when anything that affects parsing (the config) changes.
type Cache struct {
	mu sync.Mutex
	m  map[string]cached
}

type cached struct {
	size int64
	mod  time.Time
	page *model.Page
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]cached{}} }

func (c *Cache) get(file string, fi fs.FileInfo) *model.Page {
	if c == nil || fi == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[file]
	if ok && e.size == fi.Size() && e.mod.Equal(fi.ModTime()) {
		return e.page
	}
	return nil
}

func (c *Cache) put(file string, fi fs.FileInfo, p *model.Page) {
	if c == nil || fi == nil {
		return
	}
	c.mu.Lock()
	c.m[file] = cached{fi.Size(), fi.ModTime(), p}
	c.mu.Unlock()
}

// Load reads and parses every Markdown file under root, in parallel. Pages
// come back sorted by path; problems are collected, not just the first.
// cache, if not nil, supplies pages of unchanged files and keeps new ones.
func Load(fsys fs.FS, root string, r *markdown.Renderer, drafts bool, cache *Cache) ([]*model.Page, []string, diag.List) {
	var problems diag.List
	md, assets, err := Walk(fsys, root)
	if err != nil {
		problems.Add(&diag.Error{File: root, Msg: fmt.Sprintf("cannot read the content folder: %v", err), Err: err})
		return nil, nil, problems
	}
	pages := make([]*model.Page, len(md))
	errs := make([]error, len(md))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				file := path.Join(root, md[i])
				var fi fs.FileInfo
				if cache != nil {
					fi, _ = fs.Stat(fsys, file)
					if p := cache.get(file, fi); p != nil {
						pages[i] = p
						continue
					}
				}
				raw, err := fs.ReadFile(fsys, file)
				if err != nil {
					errs[i] = &diag.Error{File: file, Msg: fmt.Sprintf("cannot read: %v", err), Err: err}
					continue
				}
				pages[i], errs[i] = ParseFile(r, file, md[i], raw)
				if errs[i] == nil {
					cache.put(file, fi, pages[i])
				}
			}
		}()
	}
	for i := range md {
		work <- i
	}
	close(work)
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
