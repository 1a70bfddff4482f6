package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"handbook/generator/diag"
)

// Authors write front matter in Notepad and VS Code, with a Chinese input
// method at hand. The slips they make most (a tab or a full-width space
// for indentation, a full-width colon, a quote left open) reach yaml.v3,
// which names them in its own terms and often on another line: an open
// quote swallows the lines below it and fails at the end of the front
// matter. findSlip reads the lines as the author wrote them to name the
// slip, on its line, and say what to write instead.

// findSlip returns the first line (1-based, of src) that holds one of the
// slips above, and what to do about it, or 0. yaml.v3 reads up to the
// error and no further, so a slip past limit cannot be its cause and is
// not reported; limit 0 means no bound.
func findSlip(src []byte, limit int) (int, diag.Text) {
	lines := strings.Split(string(src), "\n")
	// structIndent is the column of the last key or item; openPlain says
	// whether its value is plain text, which may go on, more indented, on
	// the lines below.
	structIndent, openPlain := -1, false
	blockParent := -1 // in a block scalar (| or >) below a line at this column
	for i := 0; i < len(lines); i++ {
		n := i + 1
		if limit > 0 && n > limit {
			break
		}
		line := strings.TrimRight(lines[i], " \t\r")
		spaces := len(line) - len(strings.TrimLeft(line, " "))
		if strings.TrimLeft(line, " \t\u3000") == "" {
			continue
		}
		if blockParent >= 0 {
			if spaces > blockParent {
				continue
			}
			blockParent = -1
		}
		lead := line[:len(line)-len(strings.TrimLeft(line, " \t\u3000"))]
		content := line[len(lead):]
		if strings.HasPrefix(content, "#") {
			continue // a comment line
		}
		if openPlain && spaces > structIndent && !strings.ContainsAny(lead, "\t\u3000") {
			continue // more of the text above
		}
		if strings.Contains(lead, "\t") {
			return n, diag.T("this line is indented with a tab: indent with spaces, not tabs")
		}
		if strings.Contains(lead, "\u3000") {
			if openPlain && spaces > structIndent {
				continue // text that starts with a full-width space
			}
			return n, diag.T("this line is indented with a full-width space (\u3000): indent with ordinary spaces")
		}
		col := spaces
		item := false
		for strings.HasPrefix(content, "-") {
			rest := content[1:]
			if rest == "" || rest[0] == ' ' {
				item = true
				structIndent = col
				t := strings.TrimLeft(rest, " ")
				col += len(content) - len(t)
				content = t
				continue
			}
			if r, _ := utf8.DecodeRuneInString(rest); !item && r != '-' && r != '.' && !unicode.IsDigit(r) {
				t := strings.TrimLeft(rest, "\u3000")
				return n, diag.T("%q has no space after the dash: write \"- %s\"", cut(content), cut(t))
			}
			break
		}
		openPlain = false
		if content == "" {
			continue
		}
		value := content
		if !startsValue(content) {
			if k := keyEnd(content); k >= 0 {
				structIndent = col
				value = strings.TrimLeft(content[k+1:], " ")
			} else if !item {
				return n, notKey(content)
			}
		}
		switch {
		case value == "":
		case value[0] == '"' || value[0] == '\'':
			q := value[0]
			if closes(value[1:], q) {
				continue
			}
			// A quoted value may go on over lines; it is a slip when no
			// quote ends it before the next key or item.
			end := -1
			for j := i + 1; j < len(lines); j++ {
				if closes(lines[j], q) {
					end = j
					break
				}
				if isStructural(lines[j], structIndent) {
					break
				}
			}
			if end < 0 {
				return n, diag.T("the quote %c that starts this value is not closed: add %c at the end of the value, on this line", q, q)
			}
			i = end
		case value[0] == '[':
			if strings.Contains(value, "]") {
				continue
			}
			end := -1
			for j := i + 1; j < len(lines); j++ {
				if strings.Contains(lines[j], "]") {
					end = j
					break
				}
				if isStructural(lines[j], structIndent) {
					break
				}
			}
			if end < 0 {
				return n, diag.T("the list opened with [ is not closed: add ] at its end, on this line")
			}
			i = end
		case blockScalarRE.MatchString(value):
			blockParent = structIndent
		default:
			openPlain = true
		}
	}
	return 0, diag.Text{}
}

var blockScalarRE = regexp.MustCompile(`^[|>][1-9+-]*[ \t]*(#.*)?$`)

// startsValue reports whether s starts a value rather than a key: a quote,
// a list or a mapping in brackets.
func startsValue(s string) bool { return strings.ContainsRune("\"'[{", rune(s[0])) }

// keyEnd returns the offset of the colon that ends the key s starts with
// (followed by a space or the end of the line), or -1.
func keyEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i
		}
		if s[i] == ' ' && i+1 < len(s) && s[i+1] == '#' {
			return -1
		}
	}
	return -1
}

var (
	fullColonRE  = regexp.MustCompile(`^([\p{L}\p{N}_-]{1,40})[ \x{3000}]*：[ \x{3000}]*(.*)$`)
	tightColonRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$`)
)

// notKey explains a line that should be "key: value" and is not.
func notKey(s string) diag.Text {
	if m := fullColonRE.FindStringSubmatch(s); m != nil {
		return diag.T("%q has a full-width colon \"：\" after the key: write an ASCII colon and a space instead, as in \"%s: %s\"", cut(s), m[1], cut(m[2]))
	}
	if m := tightColonRE.FindStringSubmatch(s); m != nil {
		return diag.T("%q has no space after the colon: write \"%s: %s\"", cut(s), m[1], cut(m[2]))
	}
	return diag.T("%q is neither a \"key: value\" line nor a \"- item\" line: put it after a key, or indent it under the text it continues", cut(s))
}

// closes reports whether s, the text after an opening quote q, holds the
// closing quote: \" is a quote inside double quotes, ” one inside single.
func closes(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

// isStructural reports whether line looks like the next key or item of a
// mapping or list at column indent or less.
func isStructural(line string, indent int) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > max(indent, 0) || t == "" {
		return false
	}
	return strings.HasPrefix(t, "- ") || t == "-" || keyEnd(t) > 0 && !startsValue(t)
}

// cut shortens s for a message.
func cut(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// checkComments reports text after " #" on a line with a value. YAML
// reads it as a comment, so the page would show the value without it;
// office text has # in it (2#楼, 分机 #8021), and an author who wrote
// "擦抹显示屏 #2号电梯重点擦" meant all of it. It is an error, not a
// warning: the build must not publish half of what was written, and the
// fix (quotes, or the note on a line of its own) takes a moment. A whole
// line that starts with # is a note for editors and passes.
func (d *Doc) checkComments(root *yaml.Node) error {
	lines := strings.Split(string(d.fm), "\n")
	var l diag.List
	report := func(n *yaml.Node, c string, value *yaml.Node) {
		if at, pos := commentAt(lines, n.Line, c); at > 0 {
			l.Add(diag.New(d.file, d.fmLine-1+at, commentMsg(value, lines[at-1], pos, c), nil))
		}
	}
	var walk func(n *yaml.Node, inFlow bool)
	walk = func(n *yaml.Node, inFlow bool) {
		if n.Kind == yaml.MappingNode {
			if n.LineComment != "" {
				report(n, n.LineComment, nil)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.LineComment == "" {
					continue
				}
				// yaml.v3 hangs the comment of "area: #3号楼" on the key:
				// the value is all comment.
				if v.Kind != yaml.ScalarNode || v.Line != k.Line || inFlow || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
					v = nil
				}
				report(k, k.LineComment, v)
			}
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i], inFlow || n.Style&yaml.FlowStyle != 0)
			}
			return
		}
		if n.LineComment != "" {
			v := n
			if n.Kind != yaml.ScalarNode || inFlow || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				v = nil // quoting one item of [a, b] would not keep the text
			}
			report(n, n.LineComment, v)
		}
		for _, c := range n.Content {
			walk(c, inFlow || n.Style&yaml.FlowStyle != 0)
		}
	}
	walk(root, false)
	return l.Err()
}

// commentAt finds comment c at the end of a line from line from on (it
// ends a value that may span lines) after text on that line, and returns
// the line and the offset of the #, or 0 when c stands on a line of its
// own.
func commentAt(lines []string, from int, c string) (int, int) {
	for n := max(from, 1); n <= len(lines); n++ {
		s := strings.TrimRight(lines[n-1], " \t\r")
		p := len(s) - len(c)
		if p > 0 && s[p:] == c && (s[p-1] == ' ' || s[p-1] == '\t') {
			if strings.TrimLeft(s[:p], " \t-") == "" {
				return 0, 0
			}
			return n, p
		}
	}
	return 0, 0
}

// commentMsg says what happened to comment c at offset pos of line, after
// the text value n (nil after a list or a key whose value is on the lines
// below), and how to keep the text.
func commentMsg(n *yaml.Node, line string, pos int, c string) diag.Text {
	if n == nil {
		return diag.T("the text after # (%q) is taken as a comment and would be left out of the page: to keep it, write it into the value (a note for editors goes on a line of its own starting with #)", cut(c))
	}
	start := pos // a value that is all comment: area: #3号楼
	if n.Value != "" || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		start = byteCol(line, n.Column)
	}
	var text string
	switch {
	case start < 0 || start > pos:
		return diag.T("the text after # (%q) is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes (a note for editors goes on a line of its own starting with #)", cut(c))
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		text = n.Value + " " + c
	default:
		text = strings.TrimRight(line[start:], " \t\r")
	}
	return diag.T("the text after # (%q) is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in %s (a note for editors goes on a line of its own starting with #)", cut(c), strings.TrimLeft(line[:start], " ")+quote(text))
}

// byteCol turns yaml.v3's 1-based column, in characters, into an offset
// of line, or -1.
func byteCol(line string, col int) int {
	i := 0
	for k := 1; k < col; k++ {
		if i >= len(line) {
			return -1
		}
		_, w := utf8.DecodeRuneInString(line[i:])
		i += w
	}
	return i
}

// quote writes s as a YAML quoted scalar: in double quotes unless it has
// characters those would treat as escapes.
func quote(s string) string {
	if !strings.ContainsAny(s, "\"\\") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

var (
	dateMsgRE = regexp.MustCompile(`^date "(.*)" is not written as YYYY-MM-DD$`)
	dateRE    = regexp.MustCompile(`^(\d{4}) *[-/.年] *(\d{1,2}) *[-/.月] *(\d{1,2}) *日?$`)
)

// explainDate adds to "date "x" is not written as YYYY-MM-DD" what is
// wrong when the author meant a date: a day or month that does not exist
// (2026-11-31), or the date in another layout (2026/1/5, 2026年1月5日).
// Any other message of the decoder is left as it is.
func explainDate(msg string) diag.Text {
	if msg == "a date must be written as YYYY-MM-DD" {
		return diag.T("a date must be written as YYYY-MM-DD")
	}
	m := dateMsgRE.FindStringSubmatch(msg)
	if m == nil {
		return diag.T("%s", msg)
	}
	v, err := strconv.Unquote(`"` + m[1] + `"`)
	if err != nil {
		return diag.T("%s", msg)
	}
	bad := diag.T("date %q is not written as YYYY-MM-DD", v)
	p := dateRE.FindStringSubmatch(m[1])
	if p == nil {
		return bad
	}
	var y, mo, day int
	fmt.Sscan(p[1]+" "+p[2]+" "+p[3], &y, &mo, &day)
	switch last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); {
	case mo < 1 || mo > 12:
		return diag.T("date %q does not exist: months go from 01 to 12", v)
	case day < 1 || day > last:
		return diag.T("date %q does not exist: %04d-%02d has %d days", v, y, mo, last)
	}
	return diag.T("%s: write %04d-%02d-%02d", bad, y, mo, day)
}
