// Package diag is the one error type of the pipeline: a problem at a place in
// a file, with a message that says what to do. Steps collect problems into a
// List and report them together rather than stopping at the first.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem at a position in a source file. Line is 1-based; 0
// means the problem concerns the file as a whole.
type Error struct {
	File string // slash path relative to the site root, e.g. content/roles/designer.md
	Line int
	Col  int
	Msg  string // in English
	Text Text   // Msg, to be written in any language; empty if Msg is all there is
	Err  error  // optional cause
}

func (e *Error) Error() string { return e.In(English) }

// In writes e in lang, as file:line: message.
func (e *Error) In(lang string) string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Col > 0 {
				fmt.Fprintf(&b, ":%d", e.Col)
			}
		}
		b.WriteString(": ")
	}
	if e.Text.Format != "" {
		b.WriteString(e.Text.In(lang))
	} else {
		b.WriteString(e.Msg)
	}
	return b.String()
}

// New returns an Error at file:line with message text and cause err
// (nil for none).
func New(file string, line int, text Text, err error) *Error {
	return &Error{File: file, Line: line, Msg: text.String(), Text: text, Err: err}
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error at file:line.
func Errorf(file string, line int, format string, args ...any) *Error {
	return New(file, line, T(format, args...), nil)
}

// List is a set of problems. A nil or empty List is no error.
type List []*Error

// Add appends e.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Addf appends a new Error at file:line.
func (l *List) Addf(file string, line int, format string, args ...any) {
	l.Add(Errorf(file, line, format, args...))
}

// Append adds err: its Errors as they are, any other error as a file-less one.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		l.Add(e)
		return
	}
	l.Add(&Error{Msg: err.Error(), Err: err})
}

// Sort orders the problems by file, then line.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

func (l List) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Err returns l as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// LineOf returns the 1-based line of byte offset off in src.
func LineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	n := 1
	for _, c := range src[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}

// Distance is the edit distance between a and b, in runes: how many
// runes to insert, delete or replace to make one the other, for
// suggestions such as "did you mean".
func Distance(a, b string) int {
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
