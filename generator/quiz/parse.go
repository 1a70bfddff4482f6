package quiz

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// Parse reads one quiz file. path is the file's slash path from the site
// root (quizzes/telephone.md): it names the file in errors, becomes
// Quiz.Path, and is the base that source links are resolved against.
//
// Parse reports every problem of the file, not only the first, as Errors
// sorted by line. It returns the quiz even when there are problems, with
// whatever could be read, so that a caller can go on checking other files;
// such a quiz must not be published.
func Parse(path string, src []byte) (*Quiz, error) {
	p := &fileParser{file: path}
	q := &Quiz{Path: path, Pass: DefaultPass, parsed: true}
	src = normalize(src)
	delim, fm, fmLine, body, bodyLine, ok := splitFrontMatter(src)
	switch {
	case !ok:
		p.bad(1, "front matter opened with %s is not closed", src[:3])
		return q, p.errs.err()
	case delim == "":
		p.bad(1, "quiz has no front matter; it needs at least a title")
	default:
		read := readYAML
		if delim == "+++" {
			read = readTOML
		}
		if entries, ok := read(fm, fmLine, p.bad); ok {
			applyFrontMatter(q, entries, p.bad)
		}
	}
	p.body(q, body, bodyLine)
	for _, pr := range checkQuiz(q) {
		p.bad(pr.line, "%s", pr.msg)
	}
	p.errs.sort()
	return q, p.errs.err()
}

// fileParser holds the state of one Parse call.
type fileParser struct {
	file  string
	src   []byte // the body
	first int    // line of the body's first byte
	lines []int  // offsets in src where lines start
	errs  Errors
}

func (p *fileParser) bad(line int, format string, args ...any) {
	p.errs = append(p.errs, errorAt(p.file, line, diag.T(format, args...)))
}

// quizMarkdown is the goldmark setup quizzes are read with: heading
// attributes for {#id type=...} and GFM task lists for [ ] and [x]. Raw
// HTML is never rendered: quiz text is read as plain text. It is made once
// and shared: its parser is safe for concurrent use.
var quizMarkdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.TaskList),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
})

// lineOf converts a byte offset of the body into a line of the file.
func (p *fileParser) lineOf(off int) int {
	return p.first + sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
}

// line returns the line where block or inline n starts.
func (p *fileParser) line(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if pos := n.Pos(); pos >= 0 {
			return p.lineOf(pos)
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return p.lineOf(n.Lines().At(0).Start)
		}
	}
	return p.first
}

// builder collects the parts of the question being read.
type builder struct {
	q         *Question
	list      *ast.List
	quote     bool
	source    bool
	itemLines []int
	broken    bool // a structural problem was reported: skip the count checks
}

func (p *fileParser) body(q *Quiz, body []byte, first int) {
	p.src, p.first = body, first
	p.lines = []int{0}
	for i, c := range body {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	doc := quizMarkdown().Parser().Parse(text.NewReader(body))
	var cur *builder
	var lines [][]int
	var broken []bool
	flush := func() {
		if cur != nil {
			if cur.list != nil {
				cur.itemLines = p.answers(cur)
			}
			q.Questions = append(q.Questions, *cur.q)
			lines = append(lines, cur.itemLines)
			broken = append(broken, cur.broken)
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line := p.line(n)
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			cur = &builder{q: p.heading(h)}
			continue
		}
		if _, ok := n.(*ast.ThematicBreak); ok {
			continue // a visual separator between questions
		}
		if cur == nil {
			if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
				p.bad(line, "level-1 heading: the quiz title goes in the front matter; questions are level-2 headings (##)")
			} else {
				p.bad(line, "text before the first question; questions start with a level-2 heading (##)")
			}
			continue
		}
		switch n := n.(type) {
		case *ast.Heading:
			p.bad(line, "level-%d heading inside a question; each question is one level-2 heading (##)", n.Level)
		case *ast.Paragraph:
			switch {
			case cur.list == nil:
				if s := p.inline(n); s != "" {
					cur.q.Situation = joinPara(cur.q.Situation, s)
				}
			case sourceRE.MatchString(p.inline(n)):
				if cur.source {
					p.bad(line, "question has two source paragraphs")
				}
				cur.source = true
				cur.q.Source = p.source(n, q.Path)
			default:
				p.bad(line, "paragraph after the answer list; put the explanation in a blockquote (> …) and the source in a paragraph starting with 出处:")
			}
		case *ast.List:
			if cur.list != nil {
				p.bad(line, "question has a second answer list; a question has one list of answers")
				continue
			}
			cur.list = n
		case *ast.Blockquote:
			switch {
			case cur.list == nil:
				p.bad(line, "explanation before the answer list; the blockquote comes after the answers")
			case cur.quote:
				p.bad(line, "question has two explanations; put them in one blockquote")
			default:
				cur.quote = true
				cur.q.Explanation = p.blocks(n)
			}
		default:
			p.bad(line, "%s is not allowed in a quiz; use paragraphs, one answer list and a blockquote", blockName(n))
		}
	}
	flush()
	for i := range q.Questions {
		if broken[i] {
			continue
		}
		qq := &q.Questions[i]
		for _, pr := range checkQuestion(qq) {
			line := qq.Line
			if pr.item >= 0 && pr.item < len(lines[i]) {
				line = lines[i][pr.item]
			}
			p.bad(line, "%s", pr.msg)
		}
	}
}

var (
	sourceRE    = regexp.MustCompile(`^(?i:出处|来源|source)\s*[:：]`)
	idRE        = regexp.MustCompile(`^[\p{L}\p{N}_-]+$`)
	leftAttrsRE = regexp.MustCompile(`(?:^|[^\\])(\{[^{}]*\})\s*$`)
	// wideAttrsRE finds an attribute block at the end of a heading whose
	// braces may be the full-width ones a Chinese input method types.
	wideAttrsRE = regexp.MustCompile(`[{｛][^{}｛｝]*[}｝]\s*$`)
	// spacedLinkRE finds a Markdown link whose destination has a space,
	// which Markdown then does not read as a link.
	// linkDestRE finds what a link's destination would be, "[text](dest)",
	// in text where Markdown found no link.
	linkDestRE = regexp.MustCompile(`\]\(([^()<>]*)\)`)
	// wideLinkRE finds a link typed with a full-width bracket or parenthesis.
	wideLinkRE  = regexp.MustCompile(`[\[［][^\]］]*[\]］][(（][^)）]*[)）]`)
	paraBreakRE = regexp.MustCompile(`\n{3,}`)
	// typeList is every question type but the last, for "a, b or c".
	typeList = strings.Join(Types[:len(Types)-1], ", ")
)

// blockName names a kind of Markdown block in a message: "a code block".
func blockName(n ast.Node) diag.Text {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return diag.T("a code block")
	case *ast.HTMLBlock:
		return diag.T("HTML")
	case *ast.Heading:
		return diag.T("a heading block")
	case *ast.Blockquote:
		return diag.T("a blockquote block")
	case *ast.ThematicBreak:
		return diag.T("a thematicbreak block")
	}
	return diag.T("a %s block", strings.ToLower(n.Kind().String()))
}

func joinPara(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

// heading reads a question heading: its text and {#id type=...}.
func (p *fileParser) heading(h *ast.Heading) *Question {
	line := p.line(h)
	q := &Question{Type: Single, Line: line, Prompt: oneLine(p.inline(h))}
	explicit := false
	for _, a := range h.Attributes() {
		v := fmt.Sprint(a.Value)
		if b, ok := a.Value.([]byte); ok {
			v = string(b)
		}
		switch string(a.Name) {
		case "id":
			explicit = true
			q.ID = v
			if hasFullWidth(v) {
				p.bad(line, "question ID %q has full-width characters (%s), which make it a different ID: write {#%s} in ASCII", v, fullWidthChars(v), toHalfWidth(v))
			} else if !idRE.MatchString(v) {
				p.bad(line, "question ID %q may contain only letters, digits, - and _", v)
			}
		case "type":
			q.Type = v
		case "class":
			p.bad(line, "heading class .%s has no meaning in a quiz; write {#id type=...}", v)
		default:
			p.bad(line, "unknown heading attribute %q; write {#id type=...}", a.Name)
		}
	}
	raw := p.rawLine(h)
	if m := wideAttrsRE.FindString(raw); m != "" && hasFullWidth(m) && looksLikeAttrs(toHalfWidth(m)) {
		m = strings.TrimSpace(m)
		p.bad(line, "heading attributes %s are typed with full-width characters (%s): they would show in the question, and the question would lose its ID and learners their saved progress; write %s in ASCII (half-width punctuation in the input method)", m, fullWidthChars(m), toHalfWidth(m))
		// Read them as meant, so that the other checks of the question
		// speak of its intended ID and type rather than of the slip.
		q.Prompt = strings.TrimSpace(strings.TrimSuffix(q.Prompt, oneLine(m)))
		for _, f := range strings.Fields(strings.Trim(toHalfWidth(m), "{}")) {
			if id, ok := strings.CutPrefix(f, "#"); ok {
				q.ID, explicit = id, true
			} else if t, ok := strings.CutPrefix(f, "type="); ok {
				q.Type = t
			}
		}
	} else if m := leftAttrsRE.FindString(raw); m != "" && looksLikeAttrs(m) {
		p.bad(line, "heading attributes %s could not be read; write {#id type=multiple} (type in ASCII)", strings.TrimSpace(m))
	}
	if !explicit {
		q.ID = markdown.Slug(q.Prompt) // the rule of content headings, so IDs look alike across the site
	}
	return q
}

// rawLine returns the source text of a heading as written, after goldmark
// has taken the attributes it could read.
func (p *fileParser) rawLine(h *ast.Heading) string {
	var b strings.Builder
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(p.src))
	}
	return b.String()
}

// rawText returns the source text of a block as written.
func (p *fileParser) rawText(n ast.Node) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(p.src))
	}
	return b.String()
}

// looksLikeAttrs reports whether text at the end of a heading is meant as
// heading attributes: {#id} or {type=...}.
func looksLikeAttrs(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "{#") || strings.Contains(s, "type=")
}

// isFullWidth reports whether r is the full-width form of an ASCII
// character (！ to ～), or the ideographic space: what a Chinese input
// method types in place of { } # = [ ] ( ) and digits.
func isFullWidth(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 }

func hasFullWidth(s string) bool { return strings.IndexFunc(s, isFullWidth) >= 0 }

// toHalfWidth replaces full-width forms with their ASCII characters.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x3000:
			return ' '
		case isFullWidth(r):
			return r - 0xFEE0
		}
		return r
	}, s)
}

// fullWidthChars lists the distinct full-width characters of s, for a
// message: "｛ ｝".
func fullWidthChars(s string) diag.Text {
	var seen []rune
	var chars []any
	for _, r := range s {
		if !isFullWidth(r) || slices.Contains(seen, r) {
			continue
		}
		seen = append(seen, r)
		if r == 0x3000 {
			chars = append(chars, diag.T("full-width space"))
		} else {
			chars = append(chars, string(r))
		}
	}
	return diag.T(strings.TrimSuffix(strings.Repeat("%s ", len(chars)), " "), chars...)
}

// unspacedDest returns a link destination without spaces: in the heading
// ID a space becomes -, as heading IDs are made; in the path, %20.
func unspacedDest(dest string) string {
	dest = strings.TrimSpace(dest)
	target, frag, hasFrag := strings.Cut(dest, "#")
	target = strings.Join(strings.Fields(target), "%20")
	if !hasFrag {
		return target
	}
	return target + "#" + strings.Join(strings.Fields(frag), "-")
}

// answers reads the answer list into the question according to its type
// and returns the line of each item.
func (p *fileParser) answers(b *builder) []int {
	q, list := b.q, b.list
	var lines []int
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		line := p.line(it)
		lines = append(lines, line)
		var para ast.Node
		if it.ChildCount() > 1 {
			p.bad(line, "an answer must be a single line of text, without nested lists or further paragraphs")
			b.broken = true
		}
		if c := it.FirstChild(); c != nil {
			para = c
		}
		checked, hasBox := false, false
		txt := ""
		if para != nil {
			if box, ok := para.FirstChild().(*east.TaskCheckBox); ok {
				hasBox, checked = true, box.IsChecked
			}
			if para.Type() == ast.TypeBlock && (para.Kind() == ast.KindParagraph || para.Kind() == ast.KindTextBlock) {
				txt = oneLine(p.inline(para))
			} else {
				p.bad(line, "an answer must be a single line of text")
				b.broken = true
			}
		}
		switch q.Type {
		case Single, Multiple, TrueFalse:
			if !hasBox {
				p.bad(line, "choice has no checkbox; write - [ ] for a wrong choice and - [x] for a right one")
				b.broken = true
			}
			q.Choices = append(q.Choices, Choice{Text: txt, Correct: checked})
		case Order:
			if hasBox {
				p.bad(line, "ordering items take no checkbox; list them in the right order")
				b.broken = true
			}
			q.Order = append(q.Order, txt)
		case Match:
			if hasBox {
				p.bad(line, "matching items take no checkbox; write - left => right")
				b.broken = true
			}
			l, r, ok := strings.Cut(txt, "=>")
			if !ok {
				p.bad(line, "matching item %q has no \"=>\"; write - left => right", txt)
				b.broken = true
				continue
			}
			q.Pairs = append(q.Pairs, Pair{Left: strings.TrimSpace(l), Right: strings.TrimSpace(r)})
		case Short:
			if hasBox {
				p.bad(line, "short-answer questions list the accepted answers without checkboxes")
				b.broken = true
			}
			q.Answers = append(q.Answers, txt)
		}
	}
	if q.Type == Order && !list.IsOrdered() {
		p.bad(p.line(list), "ordering question needs a numbered list (1. 2. 3.) in the right order")
		b.broken = true
	}
	return lines
}

// source reads a paragraph "出处:[text](../content/page.md#anchor)".
func (p *fileParser) source(para ast.Node, quizPath string) Link {
	line := p.line(para)
	var links []*ast.Link
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.Link); ok {
			links = append(links, l)
		}
	}
	if len(links) == 0 {
		raw := p.rawText(para)
		if m := linkDestRE.FindStringSubmatch(raw); m != nil && strings.ContainsAny(strings.TrimSpace(m[1]), " \t\u3000") {
			p.bad(line, "source link %q has a space, so it is not read as a link: remove the space, or write it as - in a heading ID and as %%20 in a file name (%s)", m[1], unspacedDest(m[1]))
			return Link{}
		}
		if m := wideLinkRE.FindString(raw); m != "" && hasFullWidth(m) {
			p.bad(line, "source link %s is typed with full-width brackets (%s), so it is not read as a link: write %s in ASCII", m, fullWidthChars(m), toHalfWidth(m))
			return Link{}
		}
	}
	if len(links) != 1 {
		p.bad(line, "source paragraph needs exactly one link: 出处:[section](../content/page.md#heading)")
		return Link{}
	}
	l := links[0]
	dest := string(l.Destination)
	target, frag, _ := strings.Cut(dest, "#")
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" || strings.HasPrefix(dest, "/") {
		p.bad(line, "source %q must be a relative link to a content page", dest)
		return Link{}
	}
	t, err1 := url.PathUnescape(target)
	f, err2 := url.PathUnescape(frag)
	if err1 != nil || err2 != nil || target == "" {
		p.bad(line, "source link %q is not a link to a content page", dest)
		return Link{}
	}
	full := path.Clean(path.Join(path.Dir(quizPath), t))
	if !strings.HasPrefix(full, "content/") {
		p.bad(line, "source link %q points at %s, not into content/ (links are relative to the quiz file)", dest, full)
		return Link{}
	}
	return Link{Path: strings.TrimPrefix(full, "content/"), Anchor: f, Text: oneLine(p.inline(l)), Line: line}
}

// blocks returns the plain text of the blocks in an explanation: paragraphs
// separated by blank lines, list items one a line.
func (p *fileParser) blocks(n ast.Node) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph:
			parts = append(parts, p.inline(c))
		case *ast.List:
			var items []string
			i := c.Start
			for it := c.FirstChild(); it != nil; it = it.NextSibling() {
				mark := "- "
				if c.IsOrdered() {
					mark = fmt.Sprintf("%d. ", i)
					i++
				}
				items = append(items, mark+strings.ReplaceAll(p.blocks(it), "\n\n", "\n"))
			}
			parts = append(parts, strings.Join(items, "\n"))
		case *ast.TextBlock:
			parts = append(parts, p.inline(c))
		default:
			p.bad(p.line(c), "%s is not allowed in an explanation; use paragraphs and lists", blockName(c))
		}
	}
	return strings.Join(parts, "\n\n")
}

// inline returns the plain text of the inline content of n, each line
// trimmed.
func (p *fileParser) inline(n ast.Node) string {
	var t textWriter
	p.writeInline(&t, n)
	lines := strings.Split(t.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

func (p *fileParser) writeInline(t *textWriter, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			t.write(unescapeMD(c.Value(p.src)))
			switch {
			case c.HardLineBreak():
				t.hard()
			case c.SoftLineBreak():
				t.soft()
			}
		case *ast.String:
			t.write(string(c.Value))
		case *ast.CodeSpan:
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					t.write(strings.ReplaceAll(string(tx.Value(p.src)), "\n", " "))
				}
			}
		case *ast.AutoLink:
			t.write(string(c.Label(p.src)))
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(p.src))
			}
			p.bad(p.line(n), "HTML %s is not allowed in a quiz; write plain text", b.String())
		case *ast.Image:
			p.bad(p.line(n), "images are not supported in a quiz")
		case *east.TaskCheckBox:
			// read by answers
		default:
			p.writeInline(t, c)
		}
	}
}

// unescapeMD resolves backslash escapes and character references the way
// goldmark's HTML writer does, without escaping for HTML: an escaped
// character is taken literally, so \&amp; stays "&amp;".
func unescapeMD(b []byte) string {
	var out, run []byte
	flush := func() {
		run = util.ResolveNumericReferences(run)
		run = util.ResolveEntityNames(run)
		out = append(out, run...)
		run = run[:0:0]
	}
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]) {
			flush()
			out = append(out, b[i+1])
			i++
			continue
		}
		run = append(run, b[i])
	}
	flush()
	return string(out)
}

// textWriter joins inline text. A soft line break between two CJK
// characters disappears; between other text it becomes a space.
type textWriter struct {
	b       strings.Builder
	pending bool
}

func (t *textWriter) write(s string) {
	if s == "" {
		return
	}
	if t.pending {
		t.pending = false
		last, _ := utf8.DecodeLastRuneInString(t.b.String())
		first, _ := utf8.DecodeRuneInString(s)
		if !wide(last) && !wide(first) && last != '\n' {
			t.b.WriteByte(' ')
		}
	}
	t.b.WriteString(s)
}

func (t *textWriter) soft() { t.pending = t.b.Len() > 0 }
func (t *textWriter) hard() { t.pending = false; t.b.WriteByte('\n') }

func (t *textWriter) String() string { return t.b.String() }

// wide reports whether r is a CJK character or full-width punctuation,
// between which a line break is not a space.
func wide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

// markdownText returns the plain text of a Markdown snippet: paragraphs
// separated by blank lines. It reads text imported as [markdown].
func markdownText(src string) string {
	p := &fileParser{src: []byte(src), first: 1, lines: []int{0}}
	doc := quizMarkdown().Parser().Parse(text.NewReader(p.src))
	s := p.blocks(doc)
	if len(p.errs) > 0 {
		return strings.TrimSpace(src)
	}
	return paraBreakRE.ReplaceAllString(s, "\n\n")
}
