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
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// ExportGIFT writes the quizzes in Moodle's GIFT format: each quiz under a
// $CATEGORY of its title, each question named ::ID:: so that a re-import
// updates rather than duplicates, the explanation as general feedback
// (####). Types GIFT lacks are mapped: an ordering question becomes a
// matching question from 第1步, 第2步 … to the items, which ImportGIFT reads
// back as an ordering question.
//
// What GIFT has no place for is written in comments, which Moodle ignores
// and ImportGIFT reads back: the quiz's settings (roles, pass, time_limit,
// countdown, sources, tags, summary) as "// key: value" lines above its
// $CATEGORY, in the front-matter syntax; each question's source in a
// "// source:" comment; the labels of a true/false question other than
// 对 and 错 in a "// choices:" comment.
func ExportGIFT(w io.Writer, qs []*Quiz) error {
	bw := bufio.NewWriter(w)
	for i, q := range qs {
		if i > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "// %s\n", oneLine(q.Path))
		for l := range strings.Lines(string(q.frontMatter(false))) {
			fmt.Fprintf(bw, "// %s", l)
		}
		fmt.Fprintf(bw, "$CATEGORY: %s\n", strings.ReplaceAll(oneLine(q.Title), "/", "//"))
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
	if q.Type == TrueFalse && !slices.Equal(choiceTexts(q), defaultTrueFalse) {
		out, err := yaml.Marshal(struct {
			Choices []string `yaml:"choices,flow"`
		}{choiceTexts(q)})
		if err == nil {
			fmt.Fprintf(w, "// %s", out)
		}
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

// defaultTrueFalse are the choices ImportGIFT gives a true/false
// question, true first, when the file does not name others.
var defaultTrueFalse = []string{"对", "错"}

func choiceTexts(q *Question) []string {
	var out []string
	for _, c := range q.Choices {
		out = append(out, c.Text)
	}
	return out
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

// giftCategory is a $CATEGORY line with the quiz settings that the
// comments of its block carry ("// pass: 80"), as ExportGIFT writes them.
type giftCategory struct {
	name     string
	line     int
	settings *Quiz     // the settings read
	entries  []fmValue // the settings given, with their lines
}

// giftLine is a line of a GIFT file with its number.
type giftLine struct {
	n    int
	text string
}

var (
	formatTagRE  = regexp.MustCompile(`^\s*\[(html|moodle|plain|markdown)\]`)
	weightRE     = regexp.MustCompile(`^\s*%(-?[0-9]+(?:\.[0-9]+)?)%`)
	trueFalseRE  = regexp.MustCompile(`^(?i:t|true|f|false)$`)
	sourceCommRE = regexp.MustCompile(`^//\s*source:\s*\[(.*)\]\((.*)\)\s*$`)
	choicesRE    = regexp.MustCompile(`^//\s*(choices:.*)$`)
	settingRE    = regexp.MustCompile(`^//\s?(roles|pass|time_limit|countdown|sources|tags|summary):(\s.*)?$`)
	continueRE   = regexp.MustCompile(`^//\s?(\s+\S.*)$`)
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
func readGIFT(name string, src []byte) ([]giftItem, []giftCategory, []Error) {
	var items []giftItem
	var cats []giftCategory
	var probs []Error
	bad := func(line int, format string, args ...any) {
		probs = append(probs, errorAt(name, line, diag.T(format, args...)))
	}
	lines := strings.Split(string(normalize(src)), "\n")
	category := ""
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		var text []string
		var comments []giftLine
		first := 0
		for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
			l := strings.TrimSpace(lines[i])
			if strings.HasPrefix(l, "//") {
				comments = append(comments, giftLine{i + 1, strings.TrimLeft(lines[i], " \t")})
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
			cats = append(cats, readSettings(category, first, comments, bad))
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
			l := strings.TrimSpace(c.text)
			if m := sourceCommRE.FindStringSubmatch(l); m != nil {
				target, anchor, _ := strings.Cut(m[2], "#")
				q.Source = Link{Path: target, Anchor: anchor, Text: m[1]}
			}
			if m := choicesRE.FindStringSubmatch(l); m != nil && q.Type == TrueFalse {
				relabelTrueFalse(&q, m[1], c.n, bad)
			}
		}
		items = append(items, giftItem{q: q, category: category})
	}
	return items, cats, probs
}

// readSettings reads the quiz settings among the comments of a $CATEGORY
// block: "// key: value" lines with a front-matter key other than title,
// and the indented lines that continue them. They are read as the front
// matter is, with the lines of the file; other comments are left alone.
func readSettings(name string, line int, comments []giftLine, bad func(int, string, ...any)) giftCategory {
	c := giftCategory{name: categoryName(name), line: line, settings: &Quiz{Title: name}}
	var yamlLines []giftLine
	in := false
	for _, l := range comments {
		if m := settingRE.FindStringSubmatch(l.text); m != nil {
			yamlLines = append(yamlLines, giftLine{l.n, m[1] + ":" + m[2]})
			in = true
		} else if m := continueRE.FindStringSubmatch(l.text); m != nil && in {
			yamlLines = append(yamlLines, giftLine{l.n, m[1]})
		} else {
			in = false
		}
	}
	if len(yamlLines) == 0 {
		return c
	}
	// Blank lines stand for the other lines, so that YAML's lines are the file's.
	first := yamlLines[0].n
	doc := make([]string, yamlLines[len(yamlLines)-1].n-first+1)
	for _, l := range yamlLines {
		doc[l.n-first] = l.text
	}
	setting := func(line int, format string, args ...any) {
		t := diag.T(format, args...)
		var msg any = t
		switch en := t.String(); {
		case format == "front matter: %s" && len(args) == 1:
			msg = args[0]
		case strings.HasPrefix(en, "front matter: "):
			msg = strings.TrimPrefix(en, "front matter: ")
		}
		bad(line, "quiz setting: %s", msg)
	}
	entries, ok := readYAML([]byte(strings.Join(doc, "\n")), first, setting)
	if ok {
		applyFrontMatter(c.settings, entries, setting)
		c.entries = entries
	}
	return c
}

// relabelTrueFalse gives a true/false question the choices of a
// "// choices: [是, 否]" comment, in that order.
func relabelTrueFalse(q *Question, comment string, line int, bad func(int, string, ...any)) {
	var v struct {
		Choices []string `yaml:"choices"`
	}
	t, _ := trueFalseAnswer(q)
	err := yaml.Unmarshal([]byte(comment), &v)
	relabeled := Question{Choices: []Choice{}}
	if err == nil && len(v.Choices) == 2 {
		for _, c := range v.Choices {
			relabeled.Choices = append(relabeled.Choices, Choice{Text: strings.TrimSpace(c)})
		}
		// Mark the "true" label right when T is; see which one it is.
		relabeled.Choices[0].Correct = true
		if first, ok := trueFalseAnswer(&relabeled); ok {
			relabeled.Choices[0].Correct = first == t
			relabeled.Choices[1].Correct = first != t
			q.Choices = relabeled.Choices
			return
		}
	}
	bad(line, "// %s: not two true/false labels such as [是, 否]; the question keeps 对 and 错", comment)
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
// problems, except for a file that is not GIFT at all (see NotGIFT): then
// md is nil. Question names become IDs (made valid and unique); the
// comments ExportGIFT writes give back the quiz settings, the sources
// (linked as if the quiz file were directly in quizzes/) and the labels of
// true/false questions. src must be UTF-8.
func ImportGIFT(name string, src []byte) (md []byte, problems []Error) {
	if err := NotGIFT(name, src); err != nil {
		return nil, []Error{*err}
	}
	items, settings, probs := readGIFT(name, src)
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
	for _, p := range mergeSettings(q, settings) {
		probs = append(probs, errorAt(name, p.line, p.msg))
	}
	if len(items) == 0 && len(probs) == 0 {
		probs = append(probs, errorAt(name, 0, diag.T("no question could be imported")))
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return q.Markdown(), probs
}

// mergeSettings gives q the quiz settings read from the categories'
// comments. A file of several quizzes becomes one quiz: a setting they
// all give alike is kept, and those that differ are reported and left
// out, since one quiz holds one pass mark, one list of roles, and so on.
func mergeSettings(q *Quiz, cats []giftCategory) []lineMsg {
	var with []giftCategory // the categories that carry settings
	for _, c := range cats {
		if len(c.entries) > 0 {
			with = append(with, c)
		}
	}
	if len(with) == 0 {
		return nil
	}
	var kept, differ []string
	line := 0
	for _, key := range fmKeys[1:] {
		v0, ok0 := settingValue(with[0], key)
		same := true
		for _, c := range with[1:] {
			if v, ok := settingValue(c, key); ok != ok0 || v != v0 {
				same = false
				if line == 0 {
					line = c.line
					for _, e := range c.entries {
						if e.key == key {
							line = e.line
						}
					}
				}
			}
		}
		switch {
		case !same:
			differ = append(differ, key)
		case ok0:
			kept = append(kept, key)
			s := with[0].settings
			switch key {
			case "roles":
				q.Roles = s.Roles
			case "pass":
				q.Pass = s.Pass
			case "time_limit":
				q.TimeLimit = s.TimeLimit
			case "countdown":
				q.Countdown = s.Countdown
			case "sources":
				q.Sources = s.Sources
			case "tags":
				q.Tags = union(q.Tags, s.Tags)
			case "summary":
				q.Summary = s.Summary
			}
		}
	}
	if len(differ) == 0 {
		return nil
	}
	msg := diag.T("the %d quizzes of this file become one quiz, and their %s differ: those settings are left out; to keep each quiz's settings, export and import one quiz at a time: handbook quiz export --format gift -o FILE.gift QUIZ",
		len(with), diag.And(differ))
	if len(kept) > 0 {
		msg = diag.T("the %d quizzes of this file become one quiz, and their %s differ: those settings are left out (%s, alike in all, kept); to keep each quiz's settings, export and import one quiz at a time: handbook quiz export --format gift -o FILE.gift QUIZ",
			len(with), diag.And(differ), diag.And(kept))
	}
	return []lineMsg{{line, msg}}
}

// settingValue returns a setting of a category as text to compare, and
// whether the category gives it with a valid value.
func settingValue(c giftCategory, key string) (string, bool) {
	s := c.settings
	for _, e := range c.entries {
		if e.key != key {
			continue
		}
		switch key {
		case "roles":
			return strings.Join(s.Roles, "\x00"), true
		case "sources":
			return strings.Join(s.Sources, "\x00"), true
		case "tags":
			return strings.Join(s.Tags, "\x00"), true
		case "pass":
			return strconv.Itoa(s.Pass), s.Pass > 0
		case "time_limit":
			return formatDuration(s.TimeLimit), s.TimeLimit > 0
		case "countdown":
			return formatDuration(s.Countdown), s.Countdown > 0
		case "summary":
			return s.Summary, true
		}
	}
	return "", false
}

// union appends to a the items of b it does not have.
func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// NotGIFT recognises a file that is plainly not GIFT, a CSV table or
// Moodle XML, in any encoding, and returns a problem that says what to do
// instead; for anything else it returns nil. name is the file's name.
func NotGIFT(name string, src []byte) *Error {
	head := strings.TrimSpace(strings.TrimPrefix(string(src[:min(len(src), 200)]), "\ufeff"))
	switch {
	case strings.EqualFold(path.Ext(name), ".csv") || strings.HasPrefix(head, "quiz,id,type,"):
		e := errorAt(name, 0, diag.T("this is a CSV file, and quiz import reads Moodle GIFT files only: CSV (quiz export --format csv) is for reading quizzes in a spreadsheet and cannot be read back. Make changes in the quiz's Markdown file in quizzes/, or import a GIFT file (quiz export --format gift, or Moodle's question bank exported in GIFT format)"))
		return &e
	case strings.HasPrefix(head, "<?xml") || strings.HasPrefix(head, "<quiz"):
		e := errorAt(name, 0, diag.T("this is an XML file (Moodle XML), and quiz import reads Moodle GIFT files only: in Moodle, export the question bank in GIFT format and import that"))
		return &e
	}
	return nil
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
