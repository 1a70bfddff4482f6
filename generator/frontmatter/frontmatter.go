// Package frontmatter splits a Markdown file into its front matter and body
// and decodes YAML (---) or TOML (+++) front matter into a struct. Every
// problem it reports carries the line in the original file, and a key the
// caller does not allow is an error: typos must not pass silently.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"handbook/generator/diag"
)

// Format is the syntax of a front-matter block.
type Format int

const (
	None Format = iota
	YAML
	TOML
)

// Split separates front matter from body. src must already be normalised
// (no BOM, \n line endings). bodyLine is the 1-based line where the body
// starts; fmLine the line of the first front-matter line.
func Split(file string, src []byte) (f Format, fm []byte, body []byte, fmLine, bodyLine int, err error) {
	var delim string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")) || bytes.Equal(src, []byte("---")):
		f, delim = YAML, "---"
	case bytes.HasPrefix(src, []byte("+++\n")) || bytes.Equal(src, []byte("+++")):
		f, delim = TOML, "+++"
	default:
		return None, nil, src, 0, 1, nil
	}
	rest := src[len(delim):]
	rest = bytes.TrimPrefix(rest, []byte("\n"))
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if strings.TrimRight(string(l), " \t") == delim {
			body = nil
			if end >= 0 {
				body = rest[off+end+1:]
			}
			return f, rest[:off], body, 2, line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return f, nil, nil, 0, 0, diag.Errorf(file, 1, "front matter opened with %s is never closed: add a line with %s after the last field", delim, delim)
}

// Doc is parsed front matter, ready to be asked for keys and decoded.
// Parsing once and decoding from the parse tree keeps loading fast.
type Doc struct {
	file   string
	whole  bool // a whole file (a config), not a page's front matter
	f      Format
	fm     []byte
	fmLine int
	node   *yaml.Node     // YAML: the top-level mapping, or nil when empty
	fast   bool           // node was built by fastYAML
	slab   *slab          // what fastYAML built it from, until Release
	raw    map[string]any // TOML
	keys   []Key
}

// Key is a top-level key and its line in the file.
type Key struct {
	Name string
	Line int
}

// Parse parses front matter fm of format f that starts at line fmLine of
// file. Syntax errors carry the line in the file.
func Parse(file string, f Format, fm []byte, fmLine int) (*Doc, error) {
	return parse(&Doc{file: file, f: f, fm: fm, fmLine: fmLine})
}

// ParseFile parses a whole file of YAML or TOML, such as a config file.
// It is Parse for a file that is all front matter; its messages speak of
// the file.
func ParseFile(file string, f Format, src []byte) (*Doc, error) {
	return parse(&Doc{file: file, whole: true, f: f, fm: src, fmLine: 1})
}

// what names the parsed text in messages: "YAML front matter", or "YAML"
// for a whole file.
func (d *Doc) what() diag.Text {
	name := "YAML"
	if d.f == TOML {
		name = "TOML"
	}
	if d.whole {
		return diag.T("%s", name)
	}
	return diag.T("%s front matter", name)
}

// decodeText is a message about a value of the wrong type: msg, said to
// be about the front matter unless the whole file is.
func (d *Doc) decodeText(msg diag.Text) diag.Text {
	if d.whole {
		return msg
	}
	return diag.T("front matter: %s", msg)
}

func parse(d *Doc) (*Doc, error) {
	file, f, fm, fmLine := d.file, d.f, d.fm, d.fmLine
	switch f {
	case YAML:
		sl := slabs.Get().(*slab)
		root, ok := fastYAML(fm, sl)
		d.fast = ok
		if ok && root != nil {
			d.slab = sl
		} else {
			sl.put()
		}
		if !ok {
			var err error
			if root, err = d.parseYAMLv3(); err != nil {
				return nil, err
			}
		}
		return d.setRoot(root)
	case TOML:
		if _, err := toml.Decode(string(fm), &d.raw); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, diag.New(file, d.line(pe.Position.Line), diag.T("malformed %s: %s", d.what(), tomlText(pe.Message)), err)
			}
			return nil, diag.New(file, fmLine, diag.T("malformed %s: %s", d.what(), err.Error()), err)
		}
		for k := range d.raw {
			d.keys = append(d.keys, Key{k, fmLine - 1 + max(1, TOMLKeyLine(fm, k))})
		}
		sort.Slice(d.keys, func(i, j int) bool { return d.keys[i].Line < d.keys[j].Line })
	}
	return d, nil
}

// parseYAMLv3 parses what fastYAML declines: the top-level node, or nil
// for an empty document.
func (d *Doc) parseYAMLv3() (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(d.fm, &doc); err != nil {
		// yaml.v3 stops at the error, so a slip further down is not its
		// cause; its line may be one short.
		line, limit := YAMLLine(err), 0
		if line > 0 {
			limit = line + 1
		}
		if n, msg := findSlip(d.fm, limit); n > 0 {
			return nil, diag.New(d.file, d.line(n), diag.T("malformed %s: %s", d.what(), msg), err)
		}
		return nil, diag.New(d.file, d.line(line), diag.T("malformed %s: %s (check indentation and quote values that contain : or #)", d.what(), yamlText(TrimYAML(err))), err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// setRoot keeps the top-level node of YAML front matter and its keys.
func (d *Doc) setRoot(root *yaml.Node) (*Doc, error) {
	if root == nil {
		return d, nil
	}
	if root.Kind != yaml.MappingNode {
		if n, msg := findSlip(d.fm, 0); n > 0 {
			return nil, diag.Errorf(d.file, d.line(n), "malformed %s: %s", d.what(), msg)
		}
		if d.whole {
			return nil, diag.Errorf(d.file, d.line(root.Line), "the file must be key: value pairs")
		}
		return nil, diag.Errorf(d.file, d.line(root.Line), "front matter must be key: value pairs")
	}
	if !d.fast && !d.whole {
		// The fast path declines comments, so only yaml.v3's trees
		// can hold one.
		if err := d.checkComments(root); err != nil {
			return nil, err
		}
	}
	d.node = root
	if n := len(root.Content) / 2; n > 0 {
		d.keys = make([]Key, 0, n)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		d.keys = append(d.keys, Key{root.Content[i].Value, d.fmLine - 1 + root.Content[i].Line})
	}
	return d, nil
}

// line turns a 1-based line of the front matter into a line of the file,
// kept within the front matter: parsers may point one line past the end.
func (d *Doc) line(n int) int {
	last := bytes.Count(d.fm, []byte("\n"))
	if len(d.fm) > 0 && d.fm[len(d.fm)-1] != '\n' {
		last++
	}
	return d.fmLine - 1 + min(max(1, n), max(1, last))
}

// Release hands the memory of a YAML parse tree back for the next Parse.
// The Doc must not be used afterwards, nor any yaml.Node that Decode
// copied out of it; strings and other decoded values stay valid.
func (d *Doc) Release() {
	if d.slab != nil {
		d.node = nil
		d.slab.put()
		d.slab = nil
	}
}

// Keys returns the top-level keys in file order.
func (d *Doc) Keys() []Key { return d.keys }

// Lines returns the line of every top-level key.
func (d *Doc) Lines() map[string]int {
	m := make(map[string]int, len(d.keys))
	for _, k := range d.keys {
		m[k.Name] = k.Line
	}
	return m
}

// Lookup returns the scalar value of a top-level key and its line, or ""
// and 0 when absent.
func (d *Doc) Lookup(key string) (string, int) {
	switch d.f {
	case YAML:
		if d.node == nil {
			return "", 0
		}
		c := d.node.Content
		for i := 0; i+1 < len(c); i += 2 {
			if c[i].Value == key {
				return c[i+1].Value, d.fmLine - 1 + c[i].Line
			}
		}
	case TOML:
		if v, ok := d.raw[key]; ok {
			return fmt.Sprint(v), d.fmLine - 1 + max(1, TOMLKeyLine(d.fm, key))
		}
	}
	return "", 0
}

// Decode decodes the front matter into out, a pointer to a struct with yaml
// and toml tags. allowed, if not nil, is asked for every top-level key; a
// key it refuses is reported with known listing the keys. Keys of nested
// mappings are checked against out's struct fields.
func (d *Doc) Decode(allowed func(key string) bool, known []string, out any) error {
	var l diag.List
	if allowed != nil {
		for _, k := range d.keys {
			if !allowed(k.Name) {
				l.Add(unknownKey(d.file, k.Line, k.Name, known))
			}
		}
	}
	if len(l) > 0 {
		return l.Err()
	}
	switch d.f {
	case YAML:
		if d.node == nil {
			return nil
		}
		if allowed == nil {
			checkFields(d, d.node, reflect.TypeOf(out), &l, true)
		} else {
			checkFields(d, d.node, reflect.TypeOf(out), &l, false)
		}
		if len(l) > 0 {
			return l.Err()
		}
		if v := reflect.ValueOf(out); d.fast && v.Kind() == reflect.Pointer && !v.IsNil() && decodeFast(d.node, v.Elem()) {
			return nil
		}
		if err := d.node.Decode(out); err != nil {
			var te *yaml.TypeError
			if errors.As(err, &te) {
				for _, m := range te.Errors {
					line := d.line(YAMLLine(errors.New(m)))
					l.Add(diag.New(d.file, line, d.decodeText(d.explain(line, TrimYAML(errors.New(m)))), err))
				}
				return l.Err()
			}
			return diag.New(d.file, d.line(YAMLLine(err)), d.decodeText(diag.T("%s", TrimYAML(err))), err)
		}
	case TOML:
		md, err := toml.Decode(string(d.fm), out)
		if err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) && pe.Position.Line > 0 && pe.Message != "" {
				return diag.New(d.file, d.line(pe.Position.Line), d.decodeText(explainDate(pe.Message)), err)
			}
			return diag.New(d.file, d.fmLine, d.decodeText(diag.T("%s", err.Error())), err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			k := und[0]
			return diag.Errorf(d.file, d.fmLine-1+max(1, TOMLKeyLine(d.fm, k[len(k)-1])), "unknown field %q", k.String())
		}
	}
	return nil
}

var typeErrorRE = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")

// explain rewrites a decoding error of yaml.v3 at line as what to write
// instead (see explainType and explainDate).
func (d *Doc) explain(line int, msg string) diag.Text {
	if t, ok := d.explainType(line, msg); ok {
		return t
	}
	return explainDate(msg)
}

// explainType rewrites yaml.v3's "cannot unmarshal !!str `x` into
// []string" as what to write instead, naming the key when it is the
// top-level key of the line. It returns false for any other message.
func (d *Doc) explainType(line int, msg string) (diag.Text, bool) {
	m := typeErrorRE.FindStringSubmatch(msg)
	if m == nil {
		return diag.Text{}, false
	}
	var want, hint diag.Text
	switch to := strings.TrimLeft(m[3], "*"); {
	case strings.HasPrefix(to, "[]"):
		want, hint = diag.T("a list"), diag.T(`: write [a, b], or one "- item" line per item`)
	case to == "string":
		want = diag.T("a single text")
	case strings.HasPrefix(to, "int") || strings.HasPrefix(to, "uint"):
		want = diag.T("a whole number")
	case to == "bool":
		want = diag.T("true or false")
	case strings.HasPrefix(to, "map[") || strings.Contains(to, "."):
		want, hint = diag.T(`"key: value" lines`), diag.T(": write them on the lines below, indented")
	default:
		return diag.Text{}, false
	}
	// yaml.v3 cuts values short at a byte count, maybe inside a
	// character: take the value from the parse tree.
	v := m[2]
	if n := valueAt(d.node, line-d.fmLine+1); n != nil {
		v = n.Value
	} else if cut, ok := strings.CutSuffix(v, "..."); ok {
		v = strings.ToValidUTF8(cut, "") + "…"
	}
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	got := diag.T("%q", v)
	switch m[1] {
	case "seq":
		got = diag.T("a list")
	case "map":
		got = diag.T(`"key: value" lines`)
	}
	for _, k := range d.keys {
		if k.Line == line {
			return diag.T("%s must be %s, not %s%s", k.Name, want, got, hint), true
		}
	}
	return diag.T("%s is expected here, not %s%s", want, got, hint), true
}

// valueAt returns the first scalar value (not a key) at line of the
// front matter under n, or nil.
func valueAt(n *yaml.Node, line int) *yaml.Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Line == line {
			return n
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			if v := valueAt(n.Content[i], line); v != nil {
				return v
			}
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			if v := valueAt(c, line); v != nil {
				return v
			}
		}
	}
	return nil
}

// checkFields reports mapping keys of n that t (a struct, or a pointer,
// slice or map of one) has no yaml field for. top says whether to check the
// top level too (the caller's allowed func has not).
func checkFields(d *Doc, n *yaml.Node, t reflect.Type, l *diag.List, top bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			checkFields(d, c, t, l, true)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		yf := yamlFieldsOf(t)
		if len(yf.types) == 0 {
			return // a type that decodes itself
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := yf.types[k.Value]
			if !ok {
				if top {
					l.Add(unknownKey(d.file, d.fmLine-1+k.Line, k.Value, yf.names))
				}
				continue
			}
			checkFields(d, n.Content[i+1], ft, l, true)
		}
	}
}

// yamlFields are a struct type's yaml keys: their types, and their names in
// field order.
type yamlFields struct {
	types map[string]reflect.Type
	names []string
}

// yamlFieldCache holds yamlFields by struct type: every page's front
// matter is checked against the same few types.
var yamlFieldCache sync.Map // reflect.Type → *yamlFields

func yamlFieldsOf(t reflect.Type) *yamlFields {
	if yf, ok := yamlFieldCache.Load(t); ok {
		return yf.(*yamlFields)
	}
	yf := &yamlFields{types: map[string]reflect.Type{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		yf.types[name] = f.Type
		yf.names = append(yf.names, name)
	}
	yamlFieldCache.Store(t, yf)
	return yf
}

// DecodeFile parses and decodes a whole file in one step; see ParseFile
// and Doc.Decode.
func DecodeFile(file string, f Format, src []byte, allowed func(key string) bool, known []string, out any) error {
	d, err := ParseFile(file, f, src)
	if err != nil {
		return err
	}
	return d.Decode(allowed, known, out)
}

func unknownKey(file string, line int, key string, known []string) *diag.Error {
	if s := closest(key, known); s != "" {
		return diag.Errorf(file, line, "unknown field %q: did you mean %q?", key, s)
	}
	if len(known) > 0 {
		return diag.Errorf(file, line, "unknown field %q (fields here: %s)", key, strings.Join(known, ", "))
	}
	return diag.Errorf(file, line, "unknown field %q", key)
}

// closest returns the known key within edit distance 2 of key, if any.
func closest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := diag.Distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// TOMLKeyLine returns the 1-based line where key is assigned in src, or 0.
func TOMLKeyLine(src []byte, key string) int {
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		t = strings.TrimLeft(t, "[")
		t = strings.Trim(t, "\"'")
		if strings.HasPrefix(t, key) {
			rest := strings.TrimLeft(strings.TrimPrefix(t, key), "\"' \t")
			if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "]") {
				return i + 1
			}
		}
	}
	return 0
}

// YAMLLine pulls "line N" out of a yaml.v3 error, or returns 0.
func YAMLLine(err error) int {
	var n int
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		fmt.Sscanf(s[i+5:], "%d", &n)
	}
	// yaml.v3 reports parser errors ("did not find expected …") at the line
	// before the one in error.
	// So does the scanner for a tab in the indentation.
	if strings.Contains(s, "did not find expected") || strings.Contains(s, "found a tab character") {
		n++
	}
	return n
}

// TrimYAML drops yaml.v3's prefixes and its line number (reported separately).
// yamlText is a syntax error of yaml.v3, as TrimYAML gives it, as a
// message: the errors an author's slips give are translated, any other
// stays as YAML words it.
func yamlText(msg string) diag.Text {
	for _, t := range yamlErrors {
		if t.Format == msg {
			return t
		}
	}
	return diag.T("%s", msg)
}

// yamlErrors are yaml.v3's words for the syntax errors of authors' slips.
var yamlErrors = []diag.Text{
	diag.T("did not find expected key"),
	diag.T("mapping values are not allowed in this context"),
	diag.T("found character that cannot start any token"),
	diag.T("could not find expected ':'"),
	diag.T("did not find expected node content"),
	diag.T("did not find expected ',' or ']'"),
	diag.T("did not find expected ',' or '}'"),
	diag.T("found unexpected end of stream"),
	diag.T("block sequence entries are not allowed in this context"),
	diag.T("did not find expected '-' indicator"),
	diag.T("found unknown escape character"),
}

// tomlText is a syntax error of the TOML reader as a message: the errors
// an author's slips give are translated, any other stays as the reader
// words it.
func tomlText(msg string) diag.Text {
	if msg == "strings cannot contain newlines" {
		return diag.T("strings cannot contain newlines")
	}
	if m := tomlFoundRE.FindStringSubmatch(msg); m != nil {
		return diag.T("expected value but found %q instead", m[1])
	}
	if m := tomlTwiceRE.FindStringSubmatch(msg); m != nil {
		return diag.T("Key '%s' has already been defined.", m[1])
	}
	if m := tomlEndRE.FindStringSubmatch(msg); m != nil {
		return diag.T("expected a top-level item to end with a newline, comment, or EOF, but got %s instead", m[1])
	}
	return diag.T("%s", msg)
}

var (
	tomlFoundRE = regexp.MustCompile(`^expected value but found "(.*)" instead$`)
	tomlTwiceRE = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)
	tomlEndRE   = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`)
)

func TrimYAML(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: ")
	s = strings.TrimPrefix(s, "unmarshal errors:\n  ")
	if strings.HasPrefix(s, "line ") {
		if j := strings.Index(s, ": "); j > 0 {
			s = s[j+2:]
		}
	}
	return s
}
