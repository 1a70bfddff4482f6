package quiz

import (
	"sort"
	"strings"
	"time"

	"handbook/generator/diag"
)

// Question types.
const (
	Single    = "single"    // one correct choice
	Multiple  = "multiple"  // one or more correct choices
	TrueFalse = "truefalse" // two choices, 对 and 错
	Order     = "order"     // items to put in order
	Match     = "match"     // left items to pair with right items
	Short     = "short"     // a typed answer, compared with the accepted ones
)

// Types lists the question types in the order the format doc gives them.
var Types = []string{Single, Multiple, TrueFalse, Order, Match, Short}

// DefaultPass is the pass mark, in percent, of a quiz that does not set one.
const DefaultPass = 60

// Quiz is one quiz file, or one generated drill. Parse returns a new value
// for each call; nothing in this package modifies a Quiz after returning it.
type Quiz struct {
	Path      string // slash path from the site root, e.g. quizzes/telephone.md
	Title     string
	Roles     []string // role titles the quiz is meant for
	Pass      int      // pass mark in percent, 1–100
	TimeLimit time.Duration
	Countdown time.Duration // presenter mode: seconds per question, 0 for none
	Sources   []string      // content paths (under content/) the quiz tests
	Tags      []string
	Summary   string
	Questions []Question
	Generated bool // made by Drills from front matter, not written by hand

	parsed      bool // produced by Parse, whose checks it has passed through
	sourcesLine int  // line of the sources key, for Validate
	rolesLine   int  // line of the roles key
}

// RolesLine returns the line of the file where Roles are given, or 0.
func (q *Quiz) RolesLine() int { return q.rolesLine }

// Question is one question of a quiz. Which answer field is set depends on
// Type: Choices for single, multiple and truefalse; Order for order (the
// items in the right order); Pairs for match; Answers for short.
//
// All text fields are plain text: no Markdown and no HTML. Situation and
// Explanation separate paragraphs with a blank line ("\n\n") and keep hard
// line breaks as "\n".
type Question struct {
	ID          string
	Type        string
	Prompt      string
	Situation   string
	Choices     []Choice
	Order       []string
	Pairs       []Pair
	Answers     []string
	Explanation string
	Source      Link
	Line        int // line of the question heading; 0 for generated questions
}

// Choice is one answer of a choice question.
type Choice struct {
	Text    string
	Correct bool
}

// Pair is one item of a matching question.
type Pair struct {
	Left, Right string
}

// Link points at the section of a content page that a question comes from.
type Link struct {
	Path   string // content path, e.g. etiquette/telephone.md; "" for none
	Anchor string // heading ID on that page, "" for the page itself
	Text   string // link text as the author wrote it
	Line   int    // line of the link in the quiz file
}

// Correct returns the texts of the correct choices.
func (q *Question) Correct() []string {
	var out []string
	for _, c := range q.Choices {
		if c.Correct {
			out = append(out, c.Text)
		}
	}
	return out
}

// Error is a problem at a line of a file. Line 0 means the file as a whole.
type Error struct {
	File string
	Line int
	Msg  string    // in English
	Text diag.Text // Msg, to be written in any language; empty if Msg is all there is
}

// errorAt returns an Error at file:line with message text.
func errorAt(file string, line int, text diag.Text) Error {
	return Error{File: file, Line: line, Msg: text.String(), Text: text}
}

func (e Error) Error() string { return e.Diag().Error() }

// In writes e in lang (see diag.Lang), as file:line: message.
func (e Error) In(lang string) string { return e.Diag().In(lang) }

// Diag returns e as the pipeline's problem.
func (e Error) Diag() *diag.Error {
	return &diag.Error{File: e.File, Line: e.Line, Msg: e.Msg, Text: e.Text}
}

// Errors is every problem found in one or more files, in file and line
// order.
type Errors []Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// err returns es as an error, or nil when there are no problems. (A nil
// Errors in an error interface would not compare equal to nil.)
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		return es[i].Line < es[j].Line
	})
}
