package quiz

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"handbook/generator/diag"
	"handbook/generator/frontmatter"
)

// fmKeys are the front-matter keys of a quiz, in the order the doc lists
// them. Any other key is an error, so a typo cannot pass silently.
var fmKeys = []string{"title", "roles", "pass", "time_limit", "countdown", "sources", "tags", "summary"}

// fmValue is one front-matter entry, reduced to what a quiz needs: a scalar
// (with its YAML tag or TOML type) or a list of scalars.
type fmValue struct {
	key    string
	line   int
	scalar string
	kind   string // "str", "int", "bool", "float", "null", "list", "other"
	list   []string
}

// normalize drops a UTF-8 byte-order mark and turns CRLF and lone CR line
// endings into LF, so that byte offsets map to the lines an editor shows.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// splitFrontMatter separates the front matter from the body. fmLine is the
// line of the first front-matter line, bodyLine the line where the body
// starts. delim is "---", "+++" or "" when the file has no front matter.
func splitFrontMatter(src []byte) (delim string, fm []byte, fmLine int, body []byte, bodyLine int, ok bool) {
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		delim = "---"
	case bytes.HasPrefix(src, []byte("+++\n")):
		delim = "+++"
	default:
		return "", nil, 0, src, 1, true
	}
	rest := src[4:]
	line := 2
	for off := 0; off < len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest)
		l := rest[off:]
		if end >= 0 {
			l = rest[off : off+end]
			next = off + end + 1
		}
		if t := strings.TrimRight(string(l), " \t"); t == delim || (delim == "---" && t == "...") {
			return delim, rest[:off], 2, rest[next:], line + 1, true
		}
		off = next
	}
	return delim, nil, 2, nil, line, false
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readYAML reads a YAML mapping into entries with their lines.
func readYAML(fm []byte, fmLine int, bad func(line int, format string, args ...any)) ([]fmValue, bool) {
	// The pages' reader says what an author's slip is and where (a tab,
	// an unclosed quote, a full-width colon, text after # that YAML would
	// drop as a comment); the tree is then read here.
	if d, err := frontmatter.Parse("", frontmatter.YAML, fm, fmLine); err != nil {
		var list diag.List
		var e *diag.Error
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				bad(e.Line, "%s", diagText(e))
			}
			return nil, false
		case errors.As(err, &e):
			bad(e.Line, "%s", diagText(e))
			return nil, false
		}
	} else {
		d.Release()
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		msg := err.Error()
		line := fmLine
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = fmLine+n-1, m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		bad(line, "front matter: %s", msg)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		bad(fmLine+m.Line-1, "front matter must be a mapping of keys to values")
		return nil, false
	}
	var out []fmValue
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		e := fmValue{key: k.Value, line: fmLine + k.Line - 1}
		switch v.Kind {
		case yaml.ScalarNode:
			e.scalar = v.Value
			e.kind = strings.TrimPrefix(v.Tag, "!!")
		case yaml.SequenceNode:
			e.kind = "list"
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					e.kind = "other"
					break
				}
				e.list = append(e.list, item.Value)
			}
		default:
			e.kind = "other"
		}
		out = append(out, e)
	}
	return out, true
}

// diagText returns the message of e, as a diag.Text when it has one.
func diagText(e *diag.Error) any {
	if e.Text.Format != "" {
		return e.Text
	}
	return e.Msg
}

// readTOML reads TOML front matter into entries. The TOML decoder does not
// say where a key is, so the line comes from the first line that assigns it.
func readTOML(fm []byte, fmLine int, bad func(line int, format string, args ...any)) ([]fmValue, bool) {
	var m map[string]any
	md, err := toml.Decode(string(fm), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			bad(fmLine+perr.Position.Line-1, "front matter: %s", perr.Message)
		} else {
			bad(fmLine, "front matter: %v", err)
		}
		return nil, false
	}
	lines := strings.Split(string(fm), "\n")
	lineOf := func(key string) int {
		re := regexp.MustCompile(`^\s*(` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `"|\[\[?\s*` + regexp.QuoteMeta(key) + `)\s*[=\].]`)
		for i, l := range lines {
			if re.MatchString(l) {
				return fmLine + i
			}
		}
		return fmLine
	}
	var out []fmValue
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		key := k[0]
		if seen[key] {
			continue
		}
		seen[key] = true
		e := fmValue{key: key, line: lineOf(key)}
		switch v := m[key].(type) {
		case string:
			e.kind, e.scalar = "str", v
		case int64:
			e.kind, e.scalar = "int", strconv.FormatInt(v, 10)
		case float64:
			e.kind, e.scalar = "float", strconv.FormatFloat(v, 'g', -1, 64)
		case bool:
			e.kind, e.scalar = "bool", strconv.FormatBool(v)
		case []any:
			e.kind = "list"
			for _, item := range v {
				s, ok := item.(string)
				if !ok {
					e.kind = "other"
					break
				}
				e.list = append(e.list, s)
			}
		default:
			e.kind = "other"
		}
		out = append(out, e)
	}
	return out, true
}

// applyFrontMatter sets the fields of q from the entries.
func applyFrontMatter(q *Quiz, entries []fmValue, bad func(line int, format string, args ...any)) {
	seen := map[string]int{}
	for _, e := range entries {
		if first, dup := seen[e.key]; dup {
			bad(e.line, "front matter: %s", diag.T("key %q given twice (first at line %d)", e.key, first))
			continue
		}
		seen[e.key] = e.line
		str := func() (string, bool) {
			if e.kind == "list" || e.kind == "other" {
				bad(e.line, "front matter: %s", diag.T("%s must be a single value", e.key))
				return "", false
			}
			return e.scalar, true
		}
		list := func() []string {
			switch e.kind {
			case "list":
				return e.list
			case "str":
				return []string{e.scalar}
			case "null":
				return nil
			}
			bad(e.line, "front matter: %s", diag.T("%s must be a list of strings", e.key))
			return nil
		}
		duration := func() time.Duration {
			s, ok := str()
			if !ok {
				return 0
			}
			d, err := time.ParseDuration(s)
			if err != nil || d <= 0 || e.kind != "str" {
				bad(e.line, "front matter: %s", diag.T("%s %q is not a duration such as 90s or 10m", e.key, s))
				return 0
			}
			return d
		}
		switch e.key {
		case "title":
			if s, ok := str(); ok {
				q.Title = strings.TrimSpace(s)
			}
		case "summary":
			if s, ok := str(); ok {
				q.Summary = strings.TrimSpace(s)
			}
		case "roles":
			q.Roles = list()
			q.rolesLine = e.line
		case "tags":
			q.Tags = list()
		case "sources":
			q.Sources = list()
			q.sourcesLine = e.line
		case "pass":
			s, ok := str()
			if !ok {
				break
			}
			n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
			if err != nil || n < 1 || n > 100 {
				bad(e.line, "front matter: %s", diag.T("pass %q is not a percentage from 1 to 100", s))
				break
			}
			q.Pass = n
		case "time_limit":
			q.TimeLimit = duration()
		case "countdown":
			q.Countdown = duration()
		default:
			bad(e.line, "front matter: %s", diag.T("unknown key %q (known: %s)", e.key, strings.Join(fmKeys, ", ")))
		}
	}
	if q.Title == "" {
		line := 1
		if t, ok := seen["title"]; ok {
			line = t
		}
		bad(line, "quiz has no title")
	}
}
