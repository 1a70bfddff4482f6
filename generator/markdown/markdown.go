// Package markdown renders page bodies with goldmark: GFM (tables, task
// lists, strikethrough, autolinks), footnotes and definition lists, with
// heading IDs that keep Chinese (#接听电话) and are unique within a page.
//
// Links and images to other source files are rewritten to the target's
// output URL, written relative to the site root behind RootMarker; the site
// step replaces the marker with the path from each output page to the root,
// so the same body can be placed in any page at any depth. A path that
// starts with / is read from the content root and written relative too:
// the site works under any path of a server and from disk. Raw HTML is
// shown as text and javascript: links are dropped unless the site opts in.
//
// A Renderer is safe for concurrent use.
package markdown

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handbook/generator/model"
)

// RootMarker stands for the path from an output page to the site root in
// rendered HTML. It is a control character that loading strips from input,
// so it cannot come from content.
const RootMarker = "\x01"

// Options configures a Renderer.
type Options struct {
	UnsafeHTML bool // render raw HTML and any link scheme as written
	// URLOf maps a content path (slash, relative to the content root) to the
	// output path relative to the site root. Required.
	URLOf func(contentPath string) string
}

// Renderer renders Markdown bodies.
type Renderer struct {
	md  goldmark.Markdown
	opt Options
}

// New returns a Renderer.
func New(opt Options) *Renderer {
	r := &Renderer{opt: opt}
	var ro []renderer.Option
	ro = append(ro, html.WithXHTML())
	if opt.UnsafeHTML {
		ro = append(ro, html.WithUnsafe())
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(append(ro,
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{unsafe: opt.UnsafeHTML}, 100)))...),
	)
	return r
}

// Result is a rendered body.
type Result struct {
	HTML     string
	Headings []model.Heading
	Links    []model.Link    // internal links, resolved to content paths, and those not read (see Unparsed)
	Sections []model.Section // the plain text, by section
}

// Render renders body, the Markdown of the file at contentPath whose body
// starts at line firstLine. reserved IDs are taken already (by sections the
// theme draws from front matter) and are not given to headings.
func (r *Renderer) Render(contentPath string, body []byte, firstLine int, reserved []string) (Result, error) {
	ids := newIDs(reserved)
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	lines := lineStarts(body)
	lineAt := func(off int) int {
		return sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1 + firstLine
	}
	var res Result
	dir := path.Dir(contentPath)
	// Rewrite link destinations before rendering, and collect headings.
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			if !r.opt.UnsafeHTML {
				keepIDAndClass(v)
			}
			idv, _ := v.AttributeString("id")
			id, _ := idv.([]byte)
			res.Headings = append(res.Headings, model.Heading{
				Level: v.Level, ID: string(id), Text: plain(v, body), Line: lineAt(blockOffset(v)),
			})
		case *ast.Link:
			v.Destination = r.rewrite(dir, v.Destination, lineAt(blockOffset(v)), &res)
		case *ast.Image:
			v.Destination = r.rewrite(dir, v.Destination, lineAt(blockOffset(v)), &res)
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if prev, ok := v.PreviousSibling().(*ast.Text); !ok || prev.Segment.Stop != v.Segment.Start {
				res.Links = append(res.Links, unparsed(v, body, lineAt)...)
			}
		}
		return ast.WalkContinue, nil
	})
	buf := outBufs.Get().(*outBuf)
	defer func() {
		if buf.Cap() <= 1<<20 { // a rare huge page's buffer is not kept
			buf.Reset()
			outBufs.Put(buf)
		}
	}()
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		return res, err
	}
	res.HTML = buf.String()
	res.Sections = sections(doc, body)
	return res, nil
}

// outBuf is the buffer goldmark renders a body into: a bytes.Buffer that
// is a util.BufWriter, so goldmark writes to it directly rather than
// through a bufio.Writer of its own. Buffers are reused from page to page;
// the HTML is copied out of them once, at its final size.
type outBuf struct{ bytes.Buffer }

func (b *outBuf) Buffered() int { return b.Len() }
func (b *outBuf) Flush() error  { return nil }

var _ util.BufWriter = (*outBuf)(nil)

var outBufs = sync.Pool{New: func() any { return new(outBuf) }}

// rewrite turns a link to a source file into RootMarker + its output URL
// and returns the destination to render. Links with a scheme,
// protocol-relative links and bare fragments are kept.
//
// The destination is read as goldmark writes it out, with backslash escapes
// and character references resolved, so that java&#115;cript: is seen for
// what it is; what rewrite returns is resolved again by goldmark and is
// written so that this changes nothing.
func (r *Renderer) rewrite(dir string, raw []byte, line int, res *Result) []byte {
	dest := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw))))
	if dest == "" {
		return raw
	}
	if isExternal(dest) {
		// A destination written as %01… would turn into the root marker and
		// lose its first characters in Relocate: keep it a relative path.
		if bytes.HasPrefix(util.URLEscape(raw, true), []byte(escapedMarker[2:])) {
			return append([]byte("./"), raw...)
		}
		return raw
	}
	target, frag, _ := strings.Cut(dest, "#")
	if target == "" { // same page
		res.Links = append(res.Links, model.Link{Dest: string(raw), Line: line, Anchor: unescape(frag)})
		return raw
	}
	target = unescape(target)
	// A path from / is read from the content root, and written relative
	// like any other: the site is served under any path, or from disk.
	from := dir
	if strings.HasPrefix(target, "/") {
		from, target = "", strings.TrimLeft(target, "/")
	}
	p := path.Clean(path.Join(from, target))
	res.Links = append(res.Links, model.Link{Dest: string(raw), Line: line, Target: p, Anchor: unescape(frag)})
	out := p
	if strings.HasSuffix(p, ".md") {
		out = r.opt.URLOf(p)
	}
	out = escapeURL(out, "%&\\#?")
	// Placed at the root, a first segment with a colon would read as a
	// scheme (a file named javascript:x.md): make it plainly relative.
	if first, _, _ := strings.Cut(out, "/"); strings.Contains(first, ":") {
		out = "./" + out
	}
	if frag != "" {
		out += "#" + escapeURL(frag, "&\\")
	}
	return []byte(RootMarker + out)
}

// unparsed finds, in the run of adjacent text nodes that starts at t, what
// an author meant as a link but the parser read as text because its
// destination has a space: [电梯](lift.md#定期 清洁). Each is returned as a
// Link that Unparsed reports, with Dest the destination as written.
func unparsed(t *ast.Text, src []byte, lineAt func(int) int) []model.Link {
	start, stop := t.Segment.Start, t.Segment.Stop
	for n := t.NextSibling(); n != nil; n = n.NextSibling() {
		next, ok := n.(*ast.Text)
		if !ok || next.Segment.Start != stop {
			break
		}
		stop = next.Segment.Stop
	}
	run := src[start:stop]
	var out []model.Link
	for {
		i := bytes.Index(run, []byte("]("))
		if i < 0 {
			return out
		}
		off := start + i
		run, start = run[i+2:], off+2
		j := bytes.IndexByte(run, ')')
		if j < 0 {
			return out
		}
		dest := string(bytes.TrimSpace(run[:j]))
		if strings.ContainsAny(dest, " \t") && looksLikeDest(dest) {
			out = append(out, model.Link{Dest: dest, Line: lineAt(off)})
		}
	}
}

// looksLikeDest tells a destination with a space from words in brackets
// and parentheses, which prose may have: it names a page, a file, an
// anchor or a URL.
func looksLikeDest(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(first, "#/") {
		return true
	}
	l := strings.ToLower(s)
	for _, ext := range []string{".md", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"} {
		if strings.Contains(l, ext) {
			return true
		}
	}
	return false
}

// Unparsed reports whether l is a link the parser read as text because its
// destination, l.Dest, has a space: the page shows the Markdown as it is.
// (A link that was read and has a space in Dest has a target or an anchor.)
func Unparsed(l model.Link) bool {
	return l.Target == "" && l.Anchor == "" && strings.ContainsAny(l.Dest, " \t")
}

// escapeURL percent-encodes the bytes of s in special, control characters
// and bytes that are not UTF-8; goldmark encodes the rest.
func escapeURL(s, special string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || c < 0x20 || c == 0x7f || strings.IndexByte(special, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			i++
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// keepIDAndClass drops every heading attribute but id and class: the
// attribute syntax ({style=… onclick=…}) must not let content style or
// script the page unless the site allows raw HTML.
func keepIDAndClass(n ast.Node) {
	var keep []ast.Attribute
	for _, a := range n.Attributes() {
		if name := string(a.Name); name == "id" || name == "class" {
			keep = append(keep, a)
		}
	}
	if len(keep) == len(n.Attributes()) {
		return
	}
	n.RemoveAttributes()
	for _, a := range keep {
		n.SetAttribute(a.Name, a.Value)
	}
}

func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}

// blockOffset is the byte offset of the block that holds n.
func blockOffset(n ast.Node) int {
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
		if t, ok := b.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

func lineStarts(src []byte) []int {
	ls := []int{0}
	for i, c := range src {
		if c == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

// plain returns the text of n's inline children.
func plain(n ast.Node, src []byte) string {
	var b []byte
	b = appendText(b, n, src)
	return string(bytes.TrimSpace(b))
}

// appendText appends the text of n's children to b.
func appendText(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			b = append(b, v.Segment.Value(src)...)
			if v.SoftLineBreak() || v.HardLineBreak() {
				b = append(b, '\n')
			}
		case *ast.String:
			b = append(b, v.Value...)
		case *ast.RawHTML, *ast.HTMLBlock:
			// not text
		default:
			if c.Type() == ast.TypeBlock {
				if c.Lines().Len() > 0 && c.FirstChild() == nil {
					// code blocks
					for i := 0; i < c.Lines().Len(); i++ {
						s := c.Lines().At(i)
						b = append(b, s.Value(src)...)
					}
				} else {
					b = appendText(b, c, src)
				}
				b = append(b, '\n')
			} else {
				b = appendText(b, c, src)
			}
		}
	}
	return b
}

// sections splits the document's text at its headings. Each text is
// collected in one buffer and copied out at its exact length: pages keep
// their sections for the whole build, and a string left in a grown buffer
// would keep up to twice its bytes.
func sections(doc ast.Node, src []byte) []model.Section {
	var out []model.Section
	cur := model.Section{}
	var b []byte
	flush := func() {
		cur.Text = string(bytes.TrimSpace(b))
		if cur.Text != "" || cur.Heading != "" {
			out = append(out, cur)
		}
		b = b[:0]
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			flush()
			idv, _ := h.AttributeString("id")
			id, _ := idv.([]byte)
			cur = model.Section{ID: string(id), Heading: plain(h, src)}
			continue
		}
		if c.Lines().Len() > 0 && c.FirstChild() == nil {
			for i := 0; i < c.Lines().Len(); i++ {
				s := c.Lines().At(i)
				b = append(b, s.Value(src)...)
			}
		} else {
			b = appendText(b, c, src)
		}
		b = append(b, '\n')
	}
	flush()
	return out
}

// ids makes heading IDs that keep Chinese and are unique within a page.
// next remembers, for each base, the suffix to try next, so that a page of
// thousands of equal headings takes linear time.
type ids struct {
	seen map[string]bool
	next map[string]int
}

func newIDs(reserved []string) *ids {
	s := &ids{seen: map[string]bool{}, next: map[string]int{}}
	for _, r := range reserved {
		s.seen[r] = true
	}
	return s
}

// Slug turns heading text into an ID: letters (any script) and digits kept,
// ASCII lowered, spaces and dashes to one dash, the rest dropped.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-':
			dash = true
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.seen[id] {
		i := max(1, s.next[base])
		for id = base + "-" + strconv.Itoa(i); s.seen[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.seen[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }

// nodeRenderer writes raw HTML as text unless unsafe, and drops dangerous
// link destinations.
type nodeRenderer struct{ unsafe bool }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	if r.unsafe {
		return
	}
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
}

func (r *nodeRenderer) rawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		w.Write(util.EscapeHTML(s.Value(src)))
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) htmlBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	w.WriteString("<p class=\"raw-html\">")
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		w.Write(util.EscapeHTML(s.Value(src)))
	}
	if b.HasClosure() {
		w.Write(util.EscapeHTML(b.ClosureLine.Value(src)))
	}
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// escapedMarker is RootMarker as it appears in an href or src attribute
// after goldmark has escaped the destination.
const escapedMarker = `="%01`

// Relocate places rendered HTML in a page whose path to the site root is
// root ("" or "../" …).
func Relocate(html, root string) string {
	return strings.ReplaceAll(html, escapedMarker, `="`+root)
}
