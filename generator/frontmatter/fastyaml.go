package frontmatter

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastYAML parses the plain shape almost every page's front matter has
// into the tree yaml.v3 would build, at a fraction of its cost: yaml.v3
// runs a general event-driven parser and allocates for every token, which
// shows in a full build of thousands of pages.
//
// It returns the top-level mapping (nil when the input is empty or blank)
// and true, or false when the input uses anything outside the subset below.
// It never guesses: false sends the input to yaml.v3, which then parses it
// or reports the error, so the fast path changes neither results nor
// messages. The subset:
//
//   - a top-level block mapping at column 1, keys made of ASCII letters,
//     digits, _ and - (no duplicates in one mapping);
//   - values: a plain scalar on the key's line, a double- or single-quoted
//     scalar on one line without escapes, a one-line flow sequence of such
//     scalars, nothing (null), or on the lines below a block mapping or a
//     block sequence (indented, or at the key's column);
//   - block sequence items: a scalar or flow sequence as above, or a
//     mapping starting on the "- " line;
//   - plain scalars whose tag is certain: text that no resolver rule
//     matches, true/false/null and their spellings, ~, the .inf and .nan
//     spellings, decimal integers of up to 18 digits without a leading 0,
//     d.d floats, and YYYY-M-D dates.
//
// Everything else declines: comments, tabs, carriage returns, control and
// line-separator characters, quotes with escapes or across lines, block
// scalars, anchors, aliases, tags, flow mappings, multi-line plain
// scalars, document markers, directives, ": " or " #" inside a value, and
// indentation that does not line up exactly.
func fastYAML(src []byte, sl *slab) (*yaml.Node, bool) {
	est, ok := scanChars(src)
	if !ok {
		return nil, false
	}
	if cap(sl.nodes) < est {
		sl.nodes = make([]yaml.Node, 0, max(est, 64))
		sl.ptrs = make([]*yaml.Node, 0, max(est, 64))
	}
	if sl.stack == nil {
		sl.stack = make([]*yaml.Node, 0, 32)
	}
	p := fastParser{
		s:     string(src),
		nodes: sl.nodes[:0],
		ptrs:  sl.ptrs[:0],
		stack: sl.stack[:0],
	}
	l, ok := p.peek()
	if !ok {
		return nil, true
	}
	if l.indent != 0 || !p.isKey(l.start, l.end) {
		return nil, false
	}
	root := p.mapping(0)
	if root == nil {
		return nil, false
	}
	if _, more := p.peek(); more {
		return nil, false
	}
	return root, true
}

// slab is the memory fastYAML cuts a tree from: nodes, Content slices,
// and the stack of children under construction. A page's tree is dropped
// as soon as its fields are decoded, so loading a site passes slabs from
// page to page (Doc.Release) rather than allocating ten thousand of them.
type slab struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
	stack []*yaml.Node
}

var slabs = sync.Pool{New: func() any { return new(slab) }}

// put clears sl, whose nodes fastYAML sets only in part, and keeps it for
// the next tree unless it is unusually large.
func (sl *slab) put() {
	if cap(sl.nodes) > 4096 {
		return
	}
	clear(sl.nodes[:cap(sl.nodes)])
	clear(sl.ptrs[:cap(sl.ptrs)])
	clear(sl.stack[:cap(sl.stack)])
	slabs.Put(sl)
}

// scanChars checks that src holds only characters the fast path treats
// like yaml.v3 does, and returns how many nodes the tree can have at most.
// Tabs, carriage returns, NEL, U+2028, U+2029 and the byte order mark have
// meanings in YAML the fast path does not model; other control characters
// (C0, DEL, C1), U+FFFE, U+FFFF and invalid UTF-8 are errors for yaml.v3.
// U+0080 to U+009F go with C1 since NEL is among them.
func scanChars(src []byte) (nodes int, ok bool) {
	// Every key (at most one per colon) comes with a value, every item
	// of a block sequence has a dash, and a flow sequence has one item
	// more than commas. Node slabs are the bulk of what the fast path
	// allocates, so they are not sized by the line count alone.
	nodes = 1
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch charClass[c] {
			case 0:
			case 1:
				nodes++
			case 2:
				nodes += 2
			default:
				return 0, false
			}
			i++
			continue
		}
		// Most of the text is CJK, three bytes a character: take those
		// leads whose second byte may be any continuation byte, and
		// leave the rest to the decoder.
		if c >= 0xe3 && c <= 0xec && i+2 < len(src) && src[i+1]&0xc0 == 0x80 && src[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if n == 1 || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return 0, false
		}
		i += n
	}
	return nodes, true
}

// charClass sorts ASCII bytes for scanChars: 1 and 2 count nodes, 3
// declines, 0 is anything else.
var charClass = func() (t [utf8.RuneSelf]byte) {
	for c := 0; c < 0x20; c++ {
		t[c] = 3
	}
	t['\n'] = 0
	t[0x7f] = 3
	t['-'], t[','], t['['] = 1, 1, 1
	t[':'] = 2
	return t
}()

// plainStop marks the bytes that may end or spoil a plain scalar.
var plainStop = func() (t [256]bool) {
	for _, c := range []byte(" #:,[]{}?") {
		t[c] = true
	}
	return t
}()

// fline is a non-blank line, or what follows "- " on one.
type fline struct {
	num    int // 1-based line number
	ls     int // offset where the physical line starts, for columns
	start  int // offset of the first character that is not a space
	end    int // offset of the line's end (its \n, or the end of input)
	indent int // 0-based column of start
}

type fastParser struct {
	s      string
	pos    int // offset of the next unread line
	num    int // its line number, less one
	cur    fline
	hasCur bool

	nodes []yaml.Node  // slab the tree's nodes are cut from
	ptrs  []*yaml.Node // slab the Content slices are cut from
	stack []*yaml.Node // children of the containers being built
	depth int          // block collections open
}

// enter opens a block collection. Front matter is shallow; deep nesting
// is left to yaml.v3, which has its own limit and message for it.
func (p *fastParser) enter() bool {
	p.depth++
	return p.depth <= 32
}

func (p *fastParser) leave() { p.depth-- }

// peek returns the next non-blank line without consuming it.
func (p *fastParser) peek() (fline, bool) {
	if p.hasCur {
		return p.cur, true
	}
	for p.pos < len(p.s) {
		ls := p.pos
		end := len(p.s)
		if k := strings.IndexByte(p.s[ls:], '\n'); k >= 0 {
			end = ls + k
		}
		p.num++
		p.pos = end + 1
		start := ls
		for start < end && p.s[start] == ' ' {
			start++
		}
		if start == end {
			continue // blank lines separate nothing in block YAML
		}
		p.cur = fline{num: p.num, ls: ls, start: start, end: end, indent: start - ls}
		p.hasCur = true
		return p.cur, true
	}
	return fline{}, false
}

// consume drops the line peek returned.
func (p *fastParser) consume() { p.hasCur = false }

func (p *fastParser) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Value, n.Line, n.Column = kind, tag, value, line, col
	return n
}

// children pops the nodes pushed since base into an exactly sized slice;
// yaml.v3 leaves Content nil for an empty collection, and so does this.
func (p *fastParser) children(base int) []*yaml.Node {
	n := len(p.stack) - base
	if n == 0 {
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < n {
		p.ptrs = make([]*yaml.Node, 0, max(n, 16))
	}
	k := len(p.ptrs)
	p.ptrs = append(p.ptrs, p.stack[base:]...)
	p.stack = p.stack[:base]
	return p.ptrs[k : k+n : k+n]
}

// col is the 1-based column of offset i on line l. yaml.v3 counts
// characters, not bytes.
func (p *fastParser) col(l fline, i int) int {
	return utf8.RuneCountInString(p.s[l.ls:i]) + 1
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyEnd returns the end of the key that starts at i, or -1 when the text
// at i is not a key of the subset followed by ": " or ":" at the line end.
func (p *fastParser) keyEnd(i, end int) int {
	c := p.s[i]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return -1
	}
	j := i + 1
	for j < end && isKeyByte(p.s[j]) {
		j++
	}
	// yaml.v3 gives up on a key longer than 1024 characters; field names
	// are far shorter, so the cap only needs to stay below that.
	if j-i > 128 || j == end || p.s[j] != ':' || j+1 < end && p.s[j+1] != ' ' {
		return -1
	}
	return j
}

func (p *fastParser) isKey(i, end int) bool { return p.keyEnd(i, end) >= 0 }

func (p *fastParser) isDash(l fline) bool {
	return p.s[l.start] == '-' && (l.start+1 == l.end || p.s[l.start+1] == ' ')
}

// mapping parses a block mapping whose keys are at column indent; the
// current line is its first key. It returns nil to decline.
func (p *fastParser) mapping(indent int) *yaml.Node {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	first, _ := p.peek()
	m := p.node(yaml.MappingNode, "!!map", "", first.num, indent+1)
	base := len(p.stack)
	for {
		l, ok := p.peek()
		if !ok || l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil
		}
		ke := p.keyEnd(l.start, l.end)
		if ke < 0 {
			return nil
		}
		key := p.s[l.start:ke]
		for i := base; i < len(p.stack); i += 2 {
			if p.stack[i].Value == key {
				return nil // yaml.v3 keeps both and fails only when decoding
			}
		}
		tag, ok := resolvePlain(key)
		if !ok {
			return nil
		}
		p.stack = append(p.stack, p.node(yaml.ScalarNode, tag, key, l.num, indent+1))
		i := ke + 1
		for i < l.end && p.s[i] == ' ' {
			i++
		}
		var v *yaml.Node
		if i < l.end {
			v = p.inline(l, i)
		} else {
			p.consume()
			// yaml.v3 places an empty value just after the colon.
			v = p.block(indent, l.num, indent+(ke-l.start)+2)
		}
		if v == nil {
			return nil
		}
		p.stack = append(p.stack, v)
	}
	m.Content = p.children(base)
	return m
}

// block parses the value of a key at column indent whose line ends after
// the colon: a collection on the lines below, or null.
func (p *fastParser) block(indent, line, col int) *yaml.Node {
	l, ok := p.peek()
	switch {
	case !ok || l.indent < indent || l.indent == indent && !p.isDash(l):
		return p.node(yaml.ScalarNode, "!!null", "", line, col)
	case p.isDash(l):
		// A sequence may sit at its key's column; a mapping may not.
		return p.sequence(l.indent)
	case p.isKey(l.start, l.end):
		return p.mapping(l.indent)
	}
	return nil
}

// sequence parses a block sequence whose dashes are at column indent.
func (p *fastParser) sequence(indent int) *yaml.Node {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	first, _ := p.peek()
	seq := p.node(yaml.SequenceNode, "!!seq", "", first.num, indent+1)
	base := len(p.stack)
	for {
		l, ok := p.peek()
		if !ok || l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil
		}
		if !p.isDash(l) {
			break // the next key of a mapping the sequence is a value of
		}
		i := l.start + 1
		for i < l.end && p.s[i] == ' ' {
			i++
		}
		if i == l.end {
			return nil // an empty item, or one on the lines below
		}
		var item *yaml.Node
		if p.isKey(i, l.end) {
			// A mapping that starts on the dash's line: its keys line up
			// with the first one.
			p.cur = fline{num: l.num, ls: l.ls, start: i, end: l.end, indent: l.indent + (i - l.start)}
			item = p.mapping(p.cur.indent)
		} else {
			item = p.inline(l, i)
		}
		if item == nil {
			return nil
		}
		p.stack = append(p.stack, item)
	}
	seq.Content = p.children(base)
	return seq
}

// inline parses the value that fills line l from offset i and consumes the
// line. The next line must not be indented deeper than l, or the value
// might continue there.
func (p *fastParser) inline(l fline, i int) *yaml.Node {
	p.consume()
	var n *yaml.Node
	var end int
	if p.s[i] == '[' {
		n, end = p.flowSeq(l, i)
	} else {
		n, end = p.scalar(l, i, l.end, false)
	}
	if n == nil {
		return nil
	}
	for end < l.end && p.s[end] == ' ' {
		end++
	}
	if end != l.end {
		return nil
	}
	if next, ok := p.peek(); ok && next.indent > l.indent {
		return nil
	}
	return n
}

// flowSeq parses a one-line flow sequence starting at the [ at offset i.
// It returns the node and the offset after the ].
func (p *fastParser) flowSeq(l fline, i int) (*yaml.Node, int) {
	seq := p.node(yaml.SequenceNode, "!!seq", "", l.num, p.col(l, i))
	seq.Style = yaml.FlowStyle
	base := len(p.stack)
	i++
	for i < l.end && p.s[i] == ' ' {
		i++
	}
	if i == l.end {
		return nil, 0 // continued on the next line
	}
	if p.s[i] == ']' {
		return seq, i + 1
	}
	for {
		n, end := p.scalar(l, i, l.end, true)
		if n == nil {
			return nil, 0
		}
		p.stack = append(p.stack, n)
		i = end
		for i < l.end && p.s[i] == ' ' {
			i++
		}
		if i == l.end {
			return nil, 0 // continued on the next line
		}
		if p.s[i] == ']' {
			break
		}
		if p.s[i] != ',' {
			return nil, 0
		}
		i++
		for i < l.end && p.s[i] == ' ' {
			i++
		}
		if i == l.end || p.s[i] == ']' {
			return nil, 0 // a trailing comma, or the next line
		}
	}
	seq.Content = p.children(base)
	return seq, i + 1
}

// scalar parses a plain or quoted scalar starting at offset i of line l,
// inside a flow sequence when flow is set. It returns the node and the
// offset after it: after the closing quote, or after the plain text with
// trailing spaces left out.
func (p *fastParser) scalar(l fline, i, end int, flow bool) (*yaml.Node, int) {
	s := p.s
	switch c := s[i]; c {
	case '"', '\'':
		j := i + 1
		for j < end && s[j] != c && s[j] != '\\' {
			j++
		}
		if j == end || s[j] == '\\' {
			return nil, 0 // unclosed on this line, or an escape
		}
		if c == '\'' && j+1 < end && s[j+1] == '\'' {
			return nil, 0 // '' is an escaped quote
		}
		style := yaml.DoubleQuotedStyle
		if c == '\'' {
			style = yaml.SingleQuotedStyle
		}
		n := p.node(yaml.ScalarNode, "!!str", s[i+1:j], l.num, p.col(l, i))
		n.Style = style
		return n, j + 1
	case '-':
		// "-1" and "-.inf" are plain scalars; "- " starts an item.
		if i+1 >= end || (s[i+1] < '0' || s[i+1] > '9') && s[i+1] != '.' {
			return nil, 0
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, 0
	}
	j := i
	last := i // end of the text so far, without trailing spaces
	for ; j < end; j++ {
		c := s[j]
		if !plainStop[c] {
			last = j + 1
			continue
		}
		switch c {
		case ' ':
			continue
		case '#':
			if s[j-1] == ' ' {
				return nil, 0 // a comment
			}
		case ':':
			if flow || j+1 == end || s[j+1] == ' ' {
				return nil, 0 // a key, or a value indicator
			}
		case ',', ']':
			if flow {
				goto done
			}
		case '[', '{', '}', '?':
			if flow {
				return nil, 0
			}
		}
		last = j + 1
	}
done:
	v := s[i:last]
	tag, ok := resolvePlain(v)
	if !ok {
		return nil, 0
	}
	return p.node(yaml.ScalarNode, tag, v, l.num, p.col(l, i)), last
}

// resolvePlain returns the tag yaml.v3 resolves a plain scalar to, or
// false when v is not among the cases known here for certain.
func resolvePlain(v string) (string, bool) {
	if v == "" {
		return "!!null", true
	}
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "~", "null", "Null", "NULL":
		return "!!null", true
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
		"+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float", true
	case "<<":
		return "", false // a merge key
	}
	switch c := v[0]; {
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		// yaml.v3 tries these as timestamps, integers (any base, with
		// _), and floats.
	case c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' ||
		c == 'f' || c == 'F' || c == 'o' || c == 'O' || c == '~':
		return "!!str", true // not one of the words above
	default:
		return "!!str", true // no rule applies to this first character
	}
	if isDate(v) {
		// Only the date-only layout can match; yaml.v3 parses it with
		// time.Parse, which also rejects days a month does not have.
		if _, err := time.Parse("2006-1-2", v); err == nil {
			return "!!timestamp", true
		}
		return "!!str", true
	}
	if !(len(v) > 4 && isDigits(v[:4]) && v[4] == '-') {
		// Numbers of any form, with or without _, consist of these bytes
		// only; anything else makes the scalar a string.
		for i := 0; i < len(v); i++ {
			if c := v[i]; !(isKeyByte(c) || c == '.' || c == '+') {
				return "!!str", true
			}
		}
	}
	digits := v
	if v[0] == '+' || v[0] == '-' {
		digits = v[1:]
	}
	if isDigits(digits) && len(digits) <= 18 && (digits[0] != '0' || len(digits) == 1) {
		return "!!int", true // a leading 0 reads as octal, or as a float
	}
	if dot := indexDot(digits); dot > 0 && dot < len(digits)-1 && len(digits) <= 30 &&
		isDigits(digits[:dot]) && isDigits(digits[dot+1:]) {
		return "!!float", true
	}
	return "", false
}

func indexDot(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDate reports whether v is YYYY-M-D with one- or two-digit month and day.
func isDate(v string) bool {
	if len(v) < 8 || len(v) > 10 || !isDigits(v[:4]) || v[4] != '-' {
		return false
	}
	m := 5
	for m < len(v) && v[m] != '-' {
		m++
	}
	if m == len(v) {
		return false
	}
	month, day := v[5:m], v[m+1:]
	return len(month) >= 1 && len(month) <= 2 && isDigits(month) && len(day) >= 1 && len(day) <= 2 && isDigits(day)
}
