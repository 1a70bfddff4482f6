package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// TokenKind tells what a Token stands for.
type TokenKind uint8

const (
	HanChar   TokenKind = iota + 1 // one Han character
	HanPair                        // two adjacent Han characters of one run
	HanTriple                      // three adjacent Han characters of one run
	Word                           // a lowercased run of letters, digits and marks
	Pinyin                         // full pinyin of up to 4 Han characters, syllables joined
	Initials                       // first letters of the pinyin of 2 to 8 Han characters
)

func (k TokenKind) String() string {
	switch k {
	case HanChar:
		return "char"
	case HanPair:
		return "pair"
	case HanTriple:
		return "triple"
	case Word:
		return "word"
	case Pinyin:
		return "pinyin"
	case Initials:
		return "initials"
	}
	return "?"
}

// Token is one indexed term and where it starts.
//
// Positions count Han characters and words, one each; a run of punctuation
// or symbols counts one more; white space counts nothing. A pair, a triple
// and pinyin start at the position of their first character. The index
// does not store positions; they order tokens and let tests say where a
// term comes from.
type Token struct {
	Text string
	Kind TokenKind
	Pos  int
}

// MaxWordLen is the length in runes past which a word is cut.
const MaxWordLen = 32

// How many Han characters one full-pinyin term, and one initials term, span
// at most. Initials are short, so they reach further.
const (
	pinyinWindow   = 4
	initialsWindow = 8
)

// Fold maps full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic
// space to a space, then lowercases. search.js folds queries by the same rule,
// rune for rune, so the two sides always agree.
func Fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	return unicode.ToLower(r)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// An apostrophe (' or ’, or ＇ folded) between two runes of a word joins
// them and is dropped: Chinese input methods show pinyin as dian'ti while
// it is typed, which is then the word dianti, as the pinyin terms are
// written, and don't is dont. Anywhere else it is punctuation.
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// wordGoesOn tells whether s[i:] starts with a word rune that is not Han:
// whether an apostrophe of a word just before s[i] joins it.
func wordGoesOn(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	r = foldFast(r)
	return isWordRuneFast(r) && !isHanFast(r)
}

// dropApostrophes returns the word w of folded text without the
// apostrophes that joined it.
func dropApostrophes(w string) string {
	if !strings.ContainsAny(w, "'\u2019") {
		return w
	}
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, w)
}

// foldString applies Fold to each rune of s.
func foldString(s string) string { return strings.Map(Fold, s) }

// scan walks f, which is folded already, and calls han for each Han
// character, f[start:end], and word for each word, f[start:end], with their
// positions. It returns the next free position: the length of f in
// positions.
func scan(f string, han func(start, end, pos int, runStart bool), word func(start, end, pos int)) int {
	pos := 0
	gap := true // a gap was just counted, or nothing came yet
	inRun := false
	ws, we, wn := -1, 0, 0 // the current word: start, end, runes so far
	flush := func() {
		if ws >= 0 {
			word(ws, we, pos)
			pos++
			ws = -1
		}
	}
	for i := 0; i < len(f); {
		r, n := utf8.DecodeRuneInString(f[i:])
		switch {
		case isHan(r):
			flush()
			han(i, i+n, pos, !inRun)
			pos++
			inRun, gap = true, false
		case isWordRune(r):
			if ws < 0 {
				ws, wn = i, 0
			}
			if wn < MaxWordLen {
				we = i + n
				wn++
			}
			inRun, gap = false, false
		case unicode.IsSpace(r):
			flush()
			inRun = false
		case ws >= 0 && isApostrophe(r) && wordGoesOn(f, i+n):
			// Joins the word; word's callers drop it from f[ws:we].
		default:
			flush()
			if !gap {
				pos++
				gap = true
			}
			inRun = false
		}
		i += n
	}
	flush()
	return pos
}

// tokens calls fn for each token of s, in the order scan finds them, and
// returns the length of s in positions. Token texts are substrings of the
// folded s, so indexing allocates nothing per token.
func tokens(s string, fn func(Token)) int {
	f := foldString(s)
	var st [3]int // starts of the last three characters of the current run
	k := 0
	return scan(f, func(start, end, pos int, runStart bool) {
		if runStart {
			k = 0
		}
		if k == 3 {
			st[0], st[1] = st[1], st[2]
			k = 2
		}
		st[k] = start
		k++
		fn(Token{Text: f[start:end], Kind: HanChar, Pos: pos})
		if k >= 2 {
			fn(Token{Text: f[st[k-2]:end], Kind: HanPair, Pos: pos - 1})
		}
		if k == 3 {
			fn(Token{Text: f[st[0]:end], Kind: HanTriple, Pos: pos - 2})
		}
	}, func(start, end, pos int) {
		fn(Token{Text: dropApostrophes(f[start:end]), Kind: Word, Pos: pos})
	})
}

// Tokenize splits s into the terms the index stores: every Han character,
// every pair and every triple of adjacent Han characters, and lowercased
// words of letters and digits, which an apostrophe inside joins.
// Punctuation and symbols are dropped. Tokens come in order of position; at
// one position a character comes before the pair and the triple it starts.
//
// Queries are matched by their characters or the pairs that cover them;
// triples are what tells that a query of three or more characters occurs as
// a phrase.
func Tokenize(s string) []Token {
	var out []Token
	tokens(s, func(t Token) { out = append(out, t) })
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pos != out[j].Pos {
			return out[i].Pos < out[j].Pos
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// PinyinTokens returns the pinyin terms of the Han runs of s, at the
// positions Tokenize gives their characters. From each character of a run it
// yields the joined full pinyin of the next one to four characters (at least
// two, unless the run has one) and the initials of the next two to eight:
// 电梯保洁 gives diantibaojie, dtbj, tibaojie, tbj, baojie, bj.
// A query word matches such a term by prefix, so dianti, dt and baojie all
// find 电梯保洁. Characters without a reading end a run. ü is written v.
func PinyinTokens(s string) []Token {
	type char struct {
		py  string
		pos int
	}
	var out []Token
	var run []char
	emit := func() {
		for i := range run {
			if len(run)-i < 2 && len(run) > 1 {
				break
			}
			var full, ini strings.Builder
			for j, c := range run[i:min(i+initialsWindow, len(run))] {
				if j < pinyinWindow {
					full.WriteString(c.py)
				}
				ini.WriteByte(c.py[0])
			}
			out = append(out, Token{Text: full.String(), Kind: Pinyin, Pos: run[i].pos})
			if ini.Len() >= 2 {
				out = append(out, Token{Text: ini.String(), Kind: Initials, Pos: run[i].pos})
			}
		}
		run = run[:0]
	}
	args := pinyin.NewArgs()
	f := foldString(s)
	scan(f, func(start, end, pos int, runStart bool) {
		if runStart {
			emit()
		}
		r, _ := utf8.DecodeRuneInString(f[start:end])
		py := pinyin.SinglePinyin(r, args)
		if len(py) == 0 || py[0] == "" {
			emit()
			return
		}
		run = append(run, char{strings.ReplaceAll(py[0], "ü", "v"), pos})
	}, func(int, int, int) { emit() })
	emit()
	return out
}
