// Package frontmatter splits a Markdown file into its front matter and body
// and decodes YAML (---) or TOML (+++) front matter into a struct. Every
// problem it reports carries the line in the original file, and a key the
// caller does not allow is an error: typos must not pass silently.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

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

// Decode decodes front matter fm of format f into out. fmLine is the line of
// the file where fm starts. allowed, if not nil, is asked for every
// top-level key; a key it refuses is reported with known listing the keys.
func Decode(file string, f Format, fm []byte, fmLine int, allowed func(key string) bool, known []string, out any) error {
	switch f {
	case YAML:
		return decodeYAML(file, fm, fmLine, allowed, known, out)
	case TOML:
		return decodeTOML(file, fm, fmLine, allowed, known, out)
	}
	return nil
}

func decodeYAML(file string, fm []byte, fmLine int, allowed func(string) bool, known []string, out any) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return &diag.Error{File: file, Line: fmLine - 1 + max(1, YAMLLine(err)), Msg: "malformed YAML front matter: " + TrimYAML(err) + " (check indentation and quote values that contain : or #)", Err: err}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return diag.Errorf(file, fmLine-1+root.Line, "front matter must be key: value pairs")
	}
	var l diag.List
	if allowed != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			k := root.Content[i]
			if !allowed(k.Value) {
				l.Add(unknownKey(file, fmLine-1+k.Line, k.Value, known))
			}
		}
	}
	if len(l) > 0 {
		return l.Err()
	}
	dec := yaml.NewDecoder(bytes.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(out); err != nil && !errors.Is(err, io.EOF) {
		return &diag.Error{File: file, Line: fmLine - 1 + max(1, YAMLLine(err)), Msg: "front matter: " + TrimYAML(err), Err: err}
	}
	return nil
}

func decodeTOML(file string, fm []byte, fmLine int, allowed func(string) bool, known []string, out any) error {
	var raw map[string]any
	if _, err := toml.Decode(string(fm), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &diag.Error{File: file, Line: fmLine - 1 + pe.Position.Line, Msg: "malformed TOML front matter: " + pe.Message, Err: err}
		}
		return &diag.Error{File: file, Line: fmLine, Msg: "malformed TOML front matter: " + err.Error(), Err: err}
	}
	var l diag.List
	if allowed != nil {
		keys := make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !allowed(k) {
				l.Add(unknownKey(file, fmLine-1+max(1, TOMLKeyLine(fm, k)), k, known))
			}
		}
	}
	if len(l) > 0 {
		return l.Err()
	}
	md, err := toml.Decode(string(fm), out)
	if err != nil {
		return &diag.Error{File: file, Line: fmLine, Msg: "front matter: " + err.Error(), Err: err}
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return diag.Errorf(file, fmLine-1+max(1, TOMLKeyLine(fm, k[len(k)-1])), "unknown field %q", k.String())
	}
	return nil
}

func unknownKey(file string, line int, key string, known []string) *diag.Error {
	msg := fmt.Sprintf("unknown field %q", key)
	if s := closest(key, known); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	} else if len(known) > 0 {
		msg += " (fields here: " + strings.Join(known, ", ") + ")"
	}
	return diag.Errorf(file, line, "%s", msg)
}

// closest returns the known key within edit distance 2 of key, if any.
func closest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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
	if strings.Contains(s, "did not find expected") {
		n++
	}
	return n
}

// TrimYAML drops yaml.v3's prefixes and its line number (reported separately).
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

// Lookup returns the scalar value of top-level key in front matter fm and
// its line in the file, or "" and 0 when absent. Malformed front matter is
// reported as Decode would.
func Lookup(file string, f Format, fm []byte, fmLine int, key string) (string, int, error) {
	switch f {
	case YAML:
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil {
			return "", 0, &diag.Error{File: file, Line: fmLine - 1 + max(1, YAMLLine(err)), Msg: "malformed YAML front matter: " + TrimYAML(err) + " (check indentation and quote values that contain : or #)", Err: err}
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			if len(doc.Content) > 0 {
				return "", 0, diag.Errorf(file, fmLine-1+doc.Content[0].Line, "front matter must be key: value pairs")
			}
			return "", 0, nil
		}
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1].Value, fmLine - 1 + m.Content[i].Line, nil
			}
		}
	case TOML:
		var raw map[string]any
		if _, err := toml.Decode(string(fm), &raw); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return "", 0, &diag.Error{File: file, Line: fmLine - 1 + pe.Position.Line, Msg: "malformed TOML front matter: " + pe.Message, Err: err}
			}
			return "", 0, &diag.Error{File: file, Line: fmLine, Msg: "malformed TOML front matter: " + err.Error(), Err: err}
		}
		if v, ok := raw[key]; ok {
			return fmt.Sprint(v), fmLine - 1 + max(1, TOMLKeyLine(fm, key)), nil
		}
	}
	return "", 0, nil
}

// Keys returns the line in the file of every top-level key of fm.
func Keys(f Format, fm []byte, fmLine int) map[string]int {
	out := map[string]int{}
	switch f {
	case YAML:
		var doc yaml.Node
		if yaml.Unmarshal(fm, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return out
		}
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			out[m.Content[i].Value] = fmLine - 1 + m.Content[i].Line
		}
	case TOML:
		var raw map[string]any
		if _, err := toml.Decode(string(fm), &raw); err != nil {
			return out
		}
		for k := range raw {
			out[k] = fmLine - 1 + max(1, TOMLKeyLine(fm, k))
		}
	}
	return out
}
