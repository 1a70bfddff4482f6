package quiz

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"handbook/generator/markdown"
)

// ExportGIFT writes the quizzes in Moodle's GIFT format: each quiz under a
// $CATEGORY of its title, each question named ::ID:: so that a re-import
// updates rather than duplicates, the explanation as general feedback
// (####). Types GIFT lacks are mapped: an ordering question becomes a
// matching question from 第1步, 第2步 … to the items, which ImportGIFT reads
// back as an ordering question. Each question's source is kept in a
// "// source:" comment, which Moodle ignores and ImportGIFT reads.
func ExportGIFT(w io.Writer, qs []*Quiz) error {
	bw := bufio.NewWriter(w)
	for i, q := range qs {
		if i > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "// %s\n$CATEGORY: %s\n", oneLine(q.Path), strings.ReplaceAll(oneLine(q.Title), "/", "//"))
		for j := range q.Questions {
			bw.WriteString("\n")
			writeGIFTQuestion(bw, &q.Questions[j])
		}
	}
	return bw.Flush()
}

func writeGIFTQuestion(w *bufio.Writer, q *Question) {
	if s := q.Source; s.Path != "" {
		dest := s.Path
		if s.Anchor != "" {
			dest += "#" + s.Anchor
		}
		fmt.Fprintf(w, "// source: [%s](%s)\n", oneLine(s.Text), oneLine(dest))
	}
	text := q.Prompt
	if q.Situation != "" {
		text = q.Situation + "\n\n" + q.Prompt
	}
	fmt.Fprintf(w, "::%s::%s {\n", giftEscape(q.ID), giftEscape(text))
	switch q.Type {
	case TrueFalse:
		if t, _ := trueFalseAnswer(q); t {
			w.WriteString("T\n")
		} else {
			w.WriteString("F\n")
		}
	case Single:
		for _, c := range q.Choices {
			mark := "~"
			if c.Correct {
				mark = "="
			}
			fmt.Fprintf(w, "%s%s\n", mark, giftEscape(c.Text))
		}
	case Multiple:
		weight := strconv.FormatFloat(math.Round(100/float64(len(q.Correct()))*1e5)/1e5, 'f', -1, 64)
		for _, c := range q.Choices {
			if c.Correct {
				fmt.Fprintf(w, "~%%%s%%%s\n", weight, giftEscape(c.Text))
			} else {
				fmt.Fprintf(w, "~%%-100%%%s\n", giftEscape(c.Text))
			}
		}
	case Order:
		for i, s := range q.Order {
			fmt.Fprintf(w, "=%s -> %s\n", giftEscape(orderLabel(i)), giftEscape(s))
		}
	case Match:
		for _, p := range q.Pairs {
			fmt.Fprintf(w, "=%s -> %s\n", giftEscape(p.Left), giftEscape(p.Right))
		}
	case Short:
		for _, s := range q.Answers {
			fmt.Fprintf(w, "=%s\n", giftEscape(s))
		}
	}
	if q.Explanation != "" {
		fmt.Fprintf(w, "####%s\n", giftEscape(q.Explanation))
	}
	w.WriteString("}\n")
}

func orderLabel(i int) string { return fmt.Sprintf("第%d步", i+1) }

var giftEscaper = strings.NewReplacer(`\`, `\\`, `~`, `\~`, `=`, `\=`, `#`, `\#`, `{`, `\{`, `}`, `\}`, `:`, `\:`, "\n", `\n`)

// giftEscape escapes the characters GIFT gives a meaning: ~ = # { } : and
// the backslash itself; a newline becomes \n.
func giftEscape(s string) string { return giftEscaper.Replace(s) }

// giftUnescape undoes giftEscape. A backslash before any other character
// stays, as Moodle leaves it.
func giftUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch c := s[i+1]; c {
			case '~', '=', '#', '{', '}', ':', '\\':
				b.WriteByte(c)
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// findUnescaped returns the index of the first sep in s at or after from
// that is not preceded by a backslash escape, or -1.
func findUnescaped(s, sep string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}

// lastUnescaped is findUnescaped from the end.
func lastUnescaped(s, sep string) int {
	last := -1
	for i := findUnescaped(s, sep, 0); i >= 0; i = findUnescaped(s, sep, i+1) {
		last = i
	}
	return last
}

// giftItem is one question read from GIFT, with the category it was under.
type giftItem struct {
	q        Question
	category string
}

var (
	formatTagRE  = regexp.MustCompile(`^\s*\[(html|moodle|plain|markdown)\]`)
	weightRE     = regexp.MustCompile(`^\s*%(-?[0-9]+(?:\.[0-9]+)?)%`)
	trueFalseRE  = regexp.MustCompile(`^(?i:t|true|f|false)$`)
	sourceCommRE = regexp.MustCompile(`^//\s*source:\s*\[(.*)\]\((.*)\)\s*$`)
	orderLabelRE = regexp.MustCompile(`^第([0-9]+)步$`)
	htmlBreakRE  = regexp.MustCompile(`(?i)<br\s*/?>`)
	htmlParaRE   = regexp.MustCompile(`(?i)</?(p|div|li|ul|ol|h[1-6]|blockquote|tr|table)(\s[^>]*)?>`)
	htmlTagRE    = regexp.MustCompile(`<[^>]*>`)
	spacesRE     = regexp.MustCompile(`[ \t]+`)
	nlRE         = regexp.MustCompile(` *\n *`)
)

// readGIFT reads GIFT text the way Moodle's importer does: questions are
// separated by blank lines, lines starting with // are comments, and
// $CATEGORY: sets the category of the questions that follow. Constructs with
// no counterpart in the quiz format are reported, never dropped silently.
func readGIFT(name string, src []byte) ([]giftItem, []Error) {
	var items []giftItem
	var probs []Error
	bad := func(line int, format string, args ...any) {
		probs = append(probs, Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	lines := strings.Split(string(normalize(src)), "\n")
	category := ""
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		var text []string
		var comments []string
		first := 0
		for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
			l := strings.TrimSpace(lines[i])
			if strings.HasPrefix(l, "//") {
				comments = append(comments, l)
				continue
			}
			if len(text) == 0 {
				first = i + 1
			}
			text = append(text, l)
		}
		if len(text) == 0 {
			continue
		}
		if strings.HasPrefix(text[0], "$CATEGORY:") {
			category = strings.TrimSpace(strings.TrimPrefix(text[0], "$CATEGORY:"))
			text = text[1:]
			first++
			if len(text) == 0 {
				continue
			}
		}
		q, ok := readGIFTQuestion(strings.Join(text, "\n"), first, bad)
		if !ok {
			continue
		}
		for _, c := range comments {
			if m := sourceCommRE.FindStringSubmatch(c); m != nil {
				target, anchor, _ := strings.Cut(m[2], "#")
				q.Source = Link{Path: target, Anchor: anchor, Text: m[1]}
			}
		}
		items = append(items, giftItem{q: q, category: category})
	}
	return items, probs
}

// giftAnswer is one answer of an answer block.
type giftAnswer struct {
	mark     byte // '=' or '~'
	weight   float64
	weighted bool
	text     string
	feedback string
}

func (a giftAnswer) correct() bool {
	if a.weighted {
		return a.weight > 0
	}
	return a.mark == '='
}

func readGIFTQuestion(s string, line int, bad func(int, string, ...any)) (Question, bool) {
	q := Question{Line: line}
	if strings.HasPrefix(s, "::") {
		end := findUnescaped(s, "::", 2)
		if end < 0 {
			bad(line, "question name :: is not closed")
			return q, false
		}
		q.ID = strings.TrimSpace(giftUnescape(s[2:end]))
		s = strings.TrimSpace(s[end+2:])
	}
	open := findUnescaped(s, "{", 0)
	if open < 0 {
		bad(line, "description (text without an answer block) has no counterpart in the quiz format; left out")
		return q, false
	}
	closing := lastUnescaped(s, "}")
	if closing < open {
		bad(line, "answer block { is not closed")
		return q, false
	}
	qtext := s[:open]
	if after := strings.TrimSpace(s[closing+1:]); after != "" {
		qtext = strings.TrimRight(qtext, " \n") + " ____ " + after // missing-word question
	}
	ans := strings.TrimSpace(s[open+1 : closing])

	format := "moodle"
	if m := formatTagRE.FindStringSubmatch(qtext); m != nil {
		format = m[1]
		qtext = qtext[len(m[0]):]
	}
	paras := strings.Split(giftText(qtext, format), "\n\n")
	q.Prompt = oneLine(paras[len(paras)-1])
	q.Situation = strings.Join(paras[:len(paras)-1], "\n\n")

	general := ""
	if i := lastUnescaped(ans, "####"); i >= 0 {
		general = giftText(ans[i+4:], format)
		ans = strings.TrimSpace(ans[:i])
	}
	var feedback []string
	addFeedback := func(label, fb string) {
		if fb = strings.TrimSpace(fb); fb != "" {
			feedback = append(feedback, fmt.Sprintf("“%s”:%s", label, oneLine(fb)))
		}
	}
	switch {
	case ans == "":
		bad(line, "essay question ({}) has no counterpart in the quiz format; left out")
		return q, false
	case ans[0] == '#':
		bad(line, "numerical question ({#…}) has no counterpart in the quiz format; left out")
		return q, false
	}
	head, rest := ans, ""
	if i := findUnescaped(ans, "#", 0); i >= 0 {
		head, rest = strings.TrimSpace(ans[:i]), ans[i+1:]
	}
	if trueFalseRE.MatchString(head) {
		q.Type = TrueFalse
		t := strings.ToLower(head)[0] == 't'
		q.Choices = []Choice{{Text: "对", Correct: t}, {Text: "错", Correct: !t}}
		if rest != "" {
			// {T#feedback for a wrong answer#feedback for a right one}
			wrongFB, rightFB, _ := strings.Cut(rest, "#")
			wrongLabel, rightLabel := "错", "对"
			if !t {
				wrongLabel, rightLabel = rightLabel, wrongLabel
			}
			addFeedback(wrongLabel, giftText(wrongFB, format))
			addFeedback(rightLabel, giftText(rightFB, format))
		}
		q.Explanation = joinExplanation(general, feedback)
		return q, true
	}

	answers, ok := splitGIFTAnswers(ans, format)
	if !ok {
		bad(line, "text before the first answer in { }; each answer starts with = or ~")
		return q, false
	}
	hasTilde, hasArrow := false, false
	for _, a := range answers {
		if a.mark == '~' {
			hasTilde = true
		}
		if findUnescaped(a.text, "->", 0) >= 0 {
			hasArrow = true
		}
	}
	switch {
	case hasArrow && !hasTilde:
		q.Type = Match
		for _, a := range answers {
			i := findUnescaped(a.text, "->", 0)
			if i < 0 {
				bad(line, "matching answer %q has no \"->\"", giftUnescape(a.text))
				continue
			}
			l := strings.TrimSpace(giftText(a.text[:i], format))
			r := strings.TrimSpace(giftText(a.text[i+2:], format))
			if l == "" {
				bad(line, "matching answer without a question (\"-> %s\") has no counterpart in the quiz format; left out", r)
				continue
			}
			if strings.Contains(l, "=>") {
				bad(line, "matching item %q contains \"=>\", which the quiz format uses as its separator", l)
			}
			q.Pairs = append(q.Pairs, Pair{Left: l, Right: r})
			addFeedback(l, a.feedback)
		}
		if steps, ok := pairsAsOrder(q.Pairs); ok {
			q.Type, q.Order, q.Pairs = Order, steps, nil
		}
	case hasTilde:
		for _, a := range answers {
			q.Choices = append(q.Choices, Choice{Text: a.text, Correct: a.correct()})
			addFeedback(a.text, a.feedback)
		}
		// As in Moodle: answers all written with ~ make a question where
		// several may be chosen, even if one is right; an = makes one
		// where one is chosen, unless weights make several right.
		q.Type = Single
		if len(q.Correct()) > 1 || !slices.ContainsFunc(answers, func(a giftAnswer) bool { return a.mark == '=' }) {
			q.Type = Multiple
		}
		if len(q.Correct()) == 0 {
			bad(line, "multiple-choice question has no right answer (= or a positive %%weight%%)")
		}
	default:
		q.Type = Short
		for _, a := range answers {
			if a.correct() {
				q.Answers = append(q.Answers, a.text)
			}
			addFeedback(a.text, a.feedback)
		}
		if len(q.Answers) == 0 {
			bad(line, "short-answer question has no answer with a positive weight")
		}
	}
	q.Explanation = joinExplanation(general, feedback)
	return q, true
}

// pairsAsOrder recognises the matching question ExportGIFT writes for an
// ordering question: lefts 第1步, 第2步, … in sequence.
func pairsAsOrder(ps []Pair) ([]string, bool) {
	if len(ps) < 3 {
		return nil, false
	}
	var steps []string
	for i, p := range ps {
		m := orderLabelRE.FindStringSubmatch(p.Left)
		if m == nil || m[1] != strconv.Itoa(i+1) {
			return nil, false
		}
		steps = append(steps, p.Right)
	}
	return steps, true
}

func joinExplanation(general string, feedback []string) string {
	general = strings.TrimSpace(general)
	if len(feedback) == 0 {
		return general
	}
	return joinPara(general, strings.Join(feedback, "\n"))
}

// splitGIFTAnswers splits the inside of an answer block at each unescaped
// = or ~ and reads each answer's %weight% and #feedback. Answer texts come
// back unescaped and converted from format, except matching answers, whose
// -> is still to be found.
func splitGIFTAnswers(ans, format string) ([]giftAnswer, bool) {
	var out []giftAnswer
	var marks []int
	for i := 0; i < len(ans); i++ {
		switch ans[i] {
		case '\\':
			i++
		case '=', '~':
			marks = append(marks, i)
		}
	}
	if len(marks) == 0 || strings.TrimSpace(ans[:marks[0]]) != "" {
		return nil, false
	}
	for k, m := range marks {
		end := len(ans)
		if k+1 < len(marks) {
			end = marks[k+1]
		}
		raw := ans[m+1 : end]
		a := giftAnswer{mark: ans[m]}
		if w := weightRE.FindStringSubmatch(raw); w != nil {
			a.weight, _ = strconv.ParseFloat(w[1], 64)
			a.weighted = true
			raw = raw[len(w[0]):]
		}
		if i := findUnescaped(raw, "#", 0); i >= 0 {
			a.feedback = giftText(raw[i+1:], format)
			raw = raw[:i]
		}
		if findUnescaped(raw, "->", 0) >= 0 {
			a.text = strings.TrimSpace(raw) // a matching pair: split by the caller
		} else {
			a.text = oneLine(giftText(raw, format))
		}
		out = append(out, a)
	}
	return out, true
}

// giftText converts GIFT text in a format to plain text: escapes undone,
// HTML tags dropped, Markdown reduced to its text. Line breaks in the GIFT
// file are spaces; an escaped \n is a line break.
func giftText(s, format string) string {
	if m := formatTagRE.FindStringSubmatch(s); m != nil {
		format = m[1]
		s = s[len(m[0]):]
	}
	s = joinSoftLines(s)
	s = giftUnescape(s)
	switch format {
	case "html":
		s = htmlBreakRE.ReplaceAllString(s, "\n")
		s = htmlParaRE.ReplaceAllString(s, "\n\n")
		s = html.UnescapeString(htmlTagRE.ReplaceAllString(s, ""))
	case "markdown":
		s = markdownText(s)
	}
	s = spacesRE.ReplaceAllString(s, " ")
	s = nlRE.ReplaceAllString(s, "\n")
	s = paraBreakRE.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

// joinSoftLines joins the lines of a GIFT question as Moodle shows them:
// a space between words, nothing between CJK characters.
func joinSoftLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var t textWriter
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			t.soft()
		}
		t.write(strings.TrimSpace(l))
	}
	return t.String()
}

// ImportGIFT converts GIFT text (name is the file name, for messages and
// the default title) to the quiz format. It reads what Moodle's importer
// accepts: format tags [html] [markdown] [plain] [moodle], %weights%
// (answers with a positive weight are correct; more than one correct makes
// a multiple-choice question), per-answer #feedback and ####general
// feedback (both become the explanation), // comments, $CATEGORY (the
// title when there is one, tags when there are several), true/false,
// short-answer, matching and multiple-choice questions.
//
// Numerical questions, essays and descriptions have no counterpart; each is
// reported as a problem with its line and left out, as are other things the
// format cannot hold. The Markdown is returned even when there are
// problems. Question names become IDs (made valid and unique); sources are
// read from "// source:" comments and linked as if the quiz file were
// directly in quizzes/.
func ImportGIFT(name string, src []byte) (md []byte, problems []Error) {
	items, probs := readGIFT(name, src)
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	q := &Quiz{Path: "quizzes/" + stem + ".md", Pass: DefaultPass}
	var cats []string
	seenCat := map[string]bool{}
	used := map[string]bool{}
	for _, it := range items {
		if c := categoryName(it.category); c != "" && !seenCat[c] {
			seenCat[c] = true
			cats = append(cats, c)
		}
		qq := it.q
		qq.ID = uniqueID(importID(qq), used)
		q.Questions = append(q.Questions, qq)
	}
	switch len(cats) {
	case 0:
		q.Title = stem
	case 1:
		q.Title = cats[0]
	default:
		q.Title, q.Tags = stem, cats
	}
	if len(items) == 0 && len(probs) == 0 {
		probs = append(probs, Error{File: name, Msg: "no question could be imported"})
	}
	return q.Markdown(), probs
}

// categoryName returns the last element of a Moodle category path, without
// the $course$ / top prefixes; "//" stands for a slash in a name.
func categoryName(c string) string {
	parts := strings.Split(strings.ReplaceAll(c, "//", "\x00"), "/")
	name := strings.TrimSpace(parts[len(parts)-1])
	if name == "top" || strings.HasPrefix(name, "$") {
		return ""
	}
	return strings.ReplaceAll(name, "\x00", "/")
}

var (
	idCharRE = regexp.MustCompile(`[^\p{L}\p{N}_-]+`)
	dashesRE = regexp.MustCompile(`-{2,}`)
)

func importID(q Question) string {
	id := strings.Trim(idCharRE.ReplaceAllString(q.ID, "-"), "-")
	if id == "" {
		id = strings.Trim(dashesRE.ReplaceAllString(strings.ReplaceAll(markdown.Slug(q.Prompt), "_", ""), "-"), "-")
		if r := []rune(id); len(r) > 24 {
			id = strings.Trim(string(r[:24]), "-")
		}
	}
	if id == "" {
		id = "q"
	}
	return id
}

func uniqueID(id string, used map[string]bool) string {
	out := id
	for n := 2; used[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	used[out] = true
	return out
}
