package quiz

import (
	"fmt"
	"strings"

	"handbook/generator/diag"
)

// problem is a finding of checkQuestion: item is the index of the answer
// item it concerns, or -1 for the question as a whole.
type problem struct {
	item int
	msg  diag.Text
}

// checkQuestion applies the rules every question must meet, whatever its
// origin. Parse runs it on each question it reads; Validate runs it on
// quizzes that did not come from Parse.
func checkQuestion(q *Question) []problem {
	var ps []problem
	bad := func(item int, format string, args ...any) {
		ps = append(ps, problem{item, diag.T(format, args...)})
	}
	if q.Prompt == "" {
		bad(-1, "question has no prompt")
	}
	dups := func(texts []string, what diag.Text) {
		seen := map[string]bool{}
		for i, t := range texts {
			if t == "" {
				bad(i, "empty %s", what)
				continue
			}
			if seen[t] {
				bad(i, "%s %q appears twice", what, t)
			}
			seen[t] = true
		}
	}
	switch q.Type {
	case Single, Multiple, TrueFalse:
		if len(q.Choices) == 0 {
			bad(-1, "question has no answer list")
			break
		}
		texts := make([]string, len(q.Choices))
		for i, c := range q.Choices {
			texts[i] = c.Text
		}
		dups(texts, diag.T("choice"))
		n := len(q.Correct())
		switch {
		case q.Type == TrueFalse && len(q.Choices) != 2:
			bad(-1, "true/false question needs exactly two choices, has %d", len(q.Choices))
		case n == 0:
			bad(-1, "question has no correct answer")
		case q.Type == Single && n > 1:
			bad(-1, "single-choice question has %d correct answers; mark one, or write {type=multiple}", n)
		case q.Type == TrueFalse && n > 1:
			bad(-1, "true/false question has %d correct answers", n)
		case q.Type == TrueFalse:
			if _, ok := trueFalseAnswer(q); !ok {
				bad(-1, "true/false choices must be 对 and 错 (or 正确 and 错误, True and False)")
			}
		case len(q.Choices) < 2:
			bad(-1, "choice question needs at least two choices, has %d", len(q.Choices))
		}
	case Order:
		if len(q.Order) == 0 {
			bad(-1, "question has no answer list")
			break
		}
		dups(q.Order, diag.T("item"))
		if len(q.Order) < 3 {
			bad(-1, "ordering question needs at least three items, has %d", len(q.Order))
		}
	case Match:
		if len(q.Pairs) == 0 {
			bad(-1, "question has no answer list")
			break
		}
		seen := map[string]bool{}
		for i, p := range q.Pairs {
			if p.Left == "" || p.Right == "" {
				bad(i, "matching item has an empty side; write - left => right")
				continue
			}
			if seen[p.Left] {
				bad(i, "matching item %q appears twice", p.Left)
			}
			seen[p.Left] = true
		}
		if len(q.Pairs) < 3 {
			bad(-1, "matching question needs at least three pairs, has %d", len(q.Pairs))
		}
	case Short:
		if len(q.Answers) == 0 {
			bad(-1, "question has no answer list")
			break
		}
		dups(q.Answers, diag.T("answer"))
	default:
		bad(-1, "unknown question type %q (want %s or %s)", q.Type, typeList, Types[len(Types)-1])
	}
	return ps
}

// trueFalse lists the choice texts a true/false question accepts, lower
// case, true first.
var trueFalse = [][2]string{{"对", "错"}, {"正确", "错误"}, {"是", "否"}, {"true", "false"}, {"t", "f"}, {"√", "×"}}

// trueFalseAnswer reports whether the correct choice of a true/false
// question is the "true" one, and whether the choices form a known pair.
func trueFalseAnswer(q *Question) (answer, ok bool) {
	if len(q.Choices) != 2 {
		return false, false
	}
	a, b := strings.ToLower(q.Choices[0].Text), strings.ToLower(q.Choices[1].Text)
	for _, p := range trueFalse {
		switch {
		case a == p[0] && b == p[1]:
			return q.Choices[0].Correct, true
		case a == p[1] && b == p[0]:
			return q.Choices[1].Correct, true
		}
	}
	return false, false
}

type lineMsg struct {
	line int
	msg  diag.Text
}

// checkQuiz applies the rules of one quiz as a whole: it has questions, and
// their IDs are well formed and unique. For quizzes that did not come from
// Parse it also runs checkQuestion.
func checkQuiz(q *Quiz) []lineMsg {
	var out []lineMsg
	if len(q.Questions) == 0 {
		out = append(out, lineMsg{1, diag.T("quiz has no questions; each question starts with a level-2 heading (##)")})
	}
	first := map[string]int{}
	for i := range q.Questions {
		qq := &q.Questions[i]
		switch line, dup := first[qq.ID]; {
		case qq.ID == "":
			if qq.Prompt != "" {
				out = append(out, lineMsg{qq.Line, diag.T("question has no ID; add {#id} to the heading")})
			}
		case dup && line <= 0:
			out = append(out, lineMsg{qq.Line, diag.T("duplicate question ID %q (first used at an earlier question)", qq.ID)})
		case dup:
			out = append(out, lineMsg{qq.Line, diag.T("duplicate question ID %q (first used at line %d)", qq.ID, line)})
		case !idRE.MatchString(qq.ID) && !q.parsed:
			out = append(out, lineMsg{qq.Line, about(qq, diag.T("ID %q may contain only letters, digits, - and _", qq.ID))})
		}
		if _, dup := first[qq.ID]; !dup {
			first[qq.ID] = qq.Line
		}
		if !q.parsed {
			for _, p := range checkQuestion(qq) {
				out = append(out, lineMsg{qq.Line, about(qq, p.msg)})
			}
		}
	}
	return out
}

// Validate checks what needs all quizzes together, and reports every
// problem as a file:line Error:
//
//   - a question ID used by two quizzes (IDs key learners' progress and
//     GIFT exports, so they are unique across the site);
//   - a source link, or an entry of sources in the front matter, that does
//     not resolve: resolve reports whether a content path (relative to
//     content/) exists and, when anchor is not "", has a heading or section
//     with that ID;
//   - for quizzes that did not come from Parse (generated drills, imported
//     or hand-built values) the per-question rules that Parse applies.
//
// Problems Parse already reported for a file are not repeated.
func Validate(quizzes []*Quiz, resolve func(path, anchor string) bool) Errors {
	var errs Errors
	type where struct {
		quiz *Quiz
		line int
	}
	ids := map[string]where{}
	for _, q := range quizzes {
		if !q.parsed {
			for _, lm := range checkQuiz(q) {
				errs = append(errs, errorAt(q.Path, lm.line, lm.msg))
			}
		}
		for _, s := range q.Sources {
			if !resolve(s, "") {
				errs = append(errs, errorAt(q.Path, q.sourcesLine, diag.T("sources: content page %q does not exist", s)))
			}
		}
		for i := range q.Questions {
			qq := &q.Questions[i]
			if qq.ID != "" {
				if w, ok := ids[qq.ID]; !ok {
					ids[qq.ID] = where{q, qq.Line}
				} else if w.quiz != q {
					errs = append(errs, errorAt(q.Path, qq.Line,
						diag.T("duplicate question ID %q (also in %s)", qq.ID, position(w.quiz.Path, w.line))))
				}
			}
			s := qq.Source
			if s.Path == "" {
				continue
			}
			line := s.Line
			if line == 0 {
				line = qq.Line
			}
			switch {
			case !resolve(s.Path, ""):
				errs = append(errs, errorAt(q.Path, line, about(qq, diag.T("source page %q does not exist", s.Path))))
			case s.Anchor != "" && !resolve(s.Path, s.Anchor):
				errs = append(errs, errorAt(q.Path, line, about(qq, diag.T("source page %q has no heading #%s", s.Path, s.Anchor))))
			}
		}
	}
	errs.sort()
	return errs
}

// about names the question a message is about when it has no line to
// point at, as in generated quizzes.
func about(q *Question, msg diag.Text) diag.Text {
	if q.Line > 0 {
		return msg
	}
	return diag.T("question %q: %s", q.ID, msg)
}

// position formats file:line, or file alone for line 0.
func position(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
