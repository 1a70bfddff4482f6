package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// The index builder keys terms by integers rather than strings. A Han term
// of one to three characters is its runes, 21 bits each, first rune highest:
// no Han rune is zero, so the three lengths never meet. A word (Latin text
// or pinyin) has wordBit set and is one of
//
//   - full pinyin: pinyinBit and the hanCode of its one to four
//     characters, 15 bits each, first highest;
//   - initials: initialsBit and its two to eight letters, 7 bits each,
//     first highest;
//   - otherwise the number of its text in one analyzer's list.
//
// Pinyin keys are turned into text once per build, not once per use (see
// pinyinText); two keys may have the same text, and are merged then.
const (
	wordBit     = 1 << 63
	pinyinBit   = 1 << 62
	initialsBit = 1 << 61
)

// hanCode numbers the characters of CJK Extension A and the main block,
// U+3400–U+9FFF, from 1 in 15 bits; 0 for others.
func hanCode(r rune) uint64 {
	if 0x3400 <= r && r <= 0x9FFF {
		return uint64(r-0x3400) + 1
	}
	return 0
}

func hanKey2(a, b rune) uint64    { return uint64(a)<<21 | uint64(b) }
func isTripleKey(k uint64) bool   { return k&wordBit == 0 && k>>42 != 0 }
func hanKey3(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// hanRunes returns the characters of a Han key and how many there are.
func hanRunes(k uint64) ([3]rune, int) {
	const m = 1<<21 - 1
	switch {
	case k>>42 != 0:
		return [3]rune{rune(k >> 42), rune(k >> 21 & m), rune(k & m)}, 3
	case k>>21 != 0:
		return [3]rune{rune(k >> 21), rune(k & m)}, 2
	}
	return [3]rune{rune(k)}, 1
}

// appendHanKey appends the text of a Han key.
func appendHanKey(b []byte, k uint64) []byte {
	rs, n := hanRunes(k)
	for _, r := range rs[:n] {
		if 0x800 <= r && r < 0xD800 { // three bytes, as most Han characters take
			b = append(b, byte(0xE0|r>>12), byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// fnvRune goes on with the FNV-1a hash h over the UTF-16 code units of r.
// termHash of a pair is fnvRune of its first character's hash and the
// second character, and so on, so a Han run's terms are hashed as they come.
func fnvRune(h uint32, r rune) uint32 {
	const prime = 16777619
	if r < 0x10000 {
		return (h ^ uint32(r)) * prime
	}
	r -= 0x10000
	h = (h ^ uint32(0xD800+r>>10)) * prime
	return (h ^ uint32(0xDC00+r&0x3FF)) * prime
}

const fnvBasis uint32 = 2166136261

// The character classes of scan, with fast paths for ASCII and the main
// block of CJK ideographs (U+4E00–U+9FFF, all of them Han).
func foldFast(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case 0x4E00 <= r && r <= 0x9FFF:
		return r
	}
	return Fold(r)
}

func isHanFast(r rune) bool {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		return true
	case r < 0x2E80: // below the first Han range
		return false
	}
	return unicode.Is(unicode.Han, r)
}

func isWordRuneFast(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return isWordRune(r)
}

func isSpaceFast(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// termTable maps the keys of one batch of terms, a document's or a
// shard's, to the numbers 0, 1, … in order of first sight. It is an open
// addressing table whose slots carry the batch they belong to, so starting
// a batch clears nothing.
type termTable struct {
	slots []tableSlot
	shift uint
	batch uint32
	keys  []uint64 // by number
}

type tableSlot struct {
	key   uint64
	batch uint32
	n     uint32
}

// reset starts a batch of about hint keys. A table sized for a big batch
// uses only as much of itself as a small one needs, to stay in cache.
func (t *termTable) reset(hint int) {
	t.keys = t.keys[:0]
	t.batch++
	size := 1 << 10
	for size < 2*hint {
		size <<= 1
	}
	if t.batch == 0 || cap(t.slots) < size {
		t.alloc(max(size, cap(t.slots)))
		t.batch = 1
	}
	t.slots = t.slots[:size]
	t.setShift()
}

func (t *termTable) alloc(size int) {
	t.slots = make([]tableSlot, size)
	t.setShift()
}

func (t *termTable) setShift() {
	t.shift = 64
	for s := len(t.slots); s > 1; s >>= 1 {
		t.shift--
	}
}

// add returns the number of key, giving it the next one if it is new.
func (t *termTable) add(key uint64) (n uint32, isNew bool) {
	mask := uint64(len(t.slots) - 1)
	i := key * 0x9E3779B97F4A7C15 >> t.shift
	for {
		s := &t.slots[i]
		if s.batch != t.batch {
			n = uint32(len(t.keys))
			*s = tableSlot{key: key, batch: t.batch, n: n}
			t.keys = append(t.keys, key)
			if 2*len(t.keys) > len(t.slots) {
				t.grow()
			}
			return n, true
		}
		if s.key == key {
			return s.n, false
		}
		i = (i + 1) & mask
	}
}

// grow doubles the slots in use. The keys of the batch move to them under
// a new batch number, which empties the rest.
func (t *termTable) grow() {
	size := 2 * len(t.slots)
	t.batch++
	if t.batch == 0 || cap(t.slots) < size {
		t.alloc(max(size, cap(t.slots)))
		t.batch = 1
	}
	t.slots = t.slots[:size]
	t.setShift()
	mask := uint64(size - 1)
	for n, key := range t.keys {
		i := key * 0x9E3779B97F4A7C15 >> t.shift
		for t.slots[i].batch == t.batch {
			i = (i + 1) & mask
		}
		t.slots[i] = tableSlot{key: key, batch: t.batch, n: uint32(n)}
	}
}

// analyzer counts the terms of documents, one at a time, per field. It is
// the index's fast path of Tokenize and PinyinTokens: it finds the same
// terms, keyed by number, and allocates only for words it has not seen.
// Each goroutine of a build has its own.
type analyzer struct {
	terms  termTable
	counts [][numFields]uint32 // by term number
	hashes []uint32            // by term number: hanHash of a Han term
	words  map[string]uint32   // word text → number
	wordOf []string            // number → word text
	word   []byte              // the current word, folded

	// Pinyin: the reading of each character seen.
	pyArgs  pinyin.Args // with heteronyms: the first is PinyinTokens' reading
	pyChars termTable
	pyOf    []string           // by pyChars number; "" if none
	pyAll   [][]string         // by pyChars number: up to maxReadingsPerChar readings
	pyPack  [][]packedSyllable // by pyChars number: pyAll's, packed
	pyRun   []string           // readings of the characters of a run
	pyRunes []rune
	pyBuf   []byte
}

func newAnalyzer() *analyzer {
	a := &analyzer{words: map[string]uint32{}, pyArgs: pinyin.NewArgs()}
	a.pyArgs.Heteronym = true
	a.pyChars.reset(1 << 12)
	return a
}

// doc counts the terms of d and returns the length of its body in
// positions.
func (a *analyzer) doc(d *Doc) int {
	size := len(d.Title) + len(d.Summary) + len(d.KindLabel)
	for _, s := range d.Sections {
		size += len(s.Heading) + len(s.Text)
	}
	a.terms.reset(size / 2) // about one in three bytes is a Han character, with its pair and triple
	a.counts, a.hashes = a.counts[:0], a.hashes[:0]
	a.text(d.Title, fieldTitle, true)
	// The meta field is the summary, tags, roles and kind label, read as
	// one text whose items are parted by punctuation: each on its own.
	a.text(d.Summary, fieldMeta, false)
	for _, t := range d.Tags {
		a.text(t, fieldMeta, false)
	}
	for _, r := range d.Roles {
		a.text(r, fieldMeta, false)
	}
	a.text(d.KindLabel, fieldMeta, false)
	body := 0
	for _, s := range d.Sections {
		a.text(s.Heading, fieldHeading, true)
		body += a.text(s.Text, fieldBody, false)
	}
	return body
}

func (a *analyzer) add(key uint64, field int, hash uint32) {
	n, isNew := a.terms.add(key)
	if isNew {
		a.counts = append(a.counts, [numFields]uint32{})
		a.hashes = append(a.hashes, hash)
	}
	a.counts[n][field]++
}

func (a *analyzer) addWord(w []byte, field int) {
	a.add(wordBit|uint64(a.wordNumber(w)), field, 0)
}

func (a *analyzer) wordNumber(w []byte) uint32 {
	n, ok := a.words[string(w)]
	if !ok {
		n = uint32(len(a.wordOf))
		s := string(w)
		a.words[s] = n
		a.wordOf = append(a.wordOf, s)
	}
	return n
}

// text counts the terms of s in field, and its pinyin terms if pinyin is
// set, and returns its length in positions. It is scan, tokens and
// PinyinTokens in one pass; see them for the rules.
func (a *analyzer) text(s string, field int, pinyin bool) int {
	pos := 0
	gap := true
	inWord, wn := false, 0
	run, runStart := 0, 0 // Han characters so far in the current run, and where it starts
	var c1, c2 rune       // the last two of them
	var h1, h2 uint32     // hanHash states after c1, and after c2 and c1
	for i := 0; i < len(s); {
		at := i
		r, n := rune(s[i]), 1
		switch c := s[i]; {
		case c < utf8.RuneSelf:
		case 0xE1 <= c && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Three bytes, U+1000–U+CFFF, none overlong or a surrogate:
			// the Han characters of most text.
			r, n = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		r = foldFast(r)
		if isHanFast(r) {
			if inWord {
				a.addWord(a.word, field)
				pos++
				inWord = false
			}
			h := fnvRune(fnvBasis, r)
			a.add(uint64(r), field, h)
			if run >= 1 {
				h3 := fnvRune(h2, r)
				h2 = fnvRune(h1, r)
				a.add(hanKey2(c1, r), field, h2)
				if run >= 2 {
					a.add(hanKey3(c2, c1, r), field, h3)
				}
			}
			if run == 0 {
				runStart = at
			}
			h1 = h
			c2, c1 = c1, r
			run++
			pos++
			gap = false
			continue
		}
		if run > 0 {
			run = 0
			if pinyin {
				a.pinyinTerms(s[runStart:at], field)
			}
		}
		switch {
		case isWordRuneFast(r):
			if !inWord {
				inWord, wn = true, 0
				a.word = a.word[:0]
			}
			if wn < MaxWordLen {
				a.word = utf8.AppendRune(a.word, r)
				wn++
			}
			gap = false
		case isSpaceFast(r):
			if inWord {
				a.addWord(a.word, field)
				pos++
				inWord = false
			}
		case inWord && isApostrophe(r) && wordGoesOn(s, i):
			// Joins the word, and is dropped.
		default:
			if inWord {
				a.addWord(a.word, field)
				pos++
				inWord = false
			}
			if !gap {
				pos++
				gap = true
			}
		}
	}
	if inWord {
		a.addWord(a.word, field)
		pos++
	}
	if run > 0 && pinyin {
		a.pinyinTerms(s[runStart:], field)
	}
	return pos
}

// pinyinTerms counts the pinyin terms of run, a run of Han characters, as
// PinyinTokens makes them: characters without a reading part the run.
func (a *analyzer) pinyinTerms(run string, field int) {
	a.pyRun, a.pyRunes = a.pyRun[:0], a.pyRunes[:0]
	for _, r := range run {
		if py := a.reading(r); py != "" {
			a.pyRun = append(a.pyRun, py)
			a.pyRunes = append(a.pyRunes, r)
		} else {
			a.pinyinPart(field)
		}
	}
	a.pinyinPart(field)
}

// reading returns the pinyin PinyinTokens uses for r, or "".
func (a *analyzer) reading(r rune) string { return a.pyOf[a.readingsOf(r)] }

// readingsOf returns the pyChars number of r, looking its readings up the
// first time.
func (a *analyzer) readingsOf(r rune) uint32 {
	n, isNew := a.pyChars.add(uint64(r))
	if isNew {
		var all []string
		for _, py := range pinyin.SinglePinyin(r, a.pyArgs) {
			if py != "" && len(all) < maxReadingsPerChar {
				all = append(all, strings.ReplaceAll(py, "ü", "v"))
			}
		}
		a.pyAll = append(a.pyAll, all)
		a.pyPack = append(a.pyPack, packSyllables(all))
		a.pyOf = append(a.pyOf, "")
		if len(all) > 0 {
			a.pyOf[n] = all[0]
		}
	}
	return n
}

// pinyinPart counts the terms of the readings in a.pyRun and empties it.
func (a *analyzer) pinyinPart(field int) {
	run, runes := a.pyRun, a.pyRunes
	for i := range run {
		if len(run)-i < 2 && len(run) > 1 {
			break
		}
		full := uint64(0)
		for _, r := range runes[i:min(i+pinyinWindow, len(run))] {
			c := hanCode(r)
			if c == 0 {
				full = 0
				break
			}
			full = full<<15 | c | pinyinBit
		}
		if full == 0 {
			a.pyBuf = a.pyBuf[:0]
			for _, py := range run[i:min(i+pinyinWindow, len(run))] {
				a.pyBuf = append(a.pyBuf, py...)
			}
			full = uint64(a.wordNumber(a.pyBuf))
		}
		a.add(wordBit|full, field, 0)
		if len(run) == 1 {
			continue
		}
		ini := uint64(0)
		for _, py := range run[i:min(i+initialsWindow, len(run))] {
			if py[0] >= utf8.RuneSelf {
				ini = 0
				break
			}
			ini = ini<<7 | uint64(py[0]) | initialsBit
		}
		if ini == 0 {
			a.pyBuf = a.pyBuf[:0]
			for _, py := range run[i:min(i+initialsWindow, len(run))] {
				a.pyBuf = append(a.pyBuf, py[0])
			}
			ini = uint64(a.wordNumber(a.pyBuf))
		}
		a.add(wordBit|ini, field, 0)
	}
	a.pyRun, a.pyRunes = a.pyRun[:0], a.pyRunes[:0]
}

// pinyinText returns the text of a pinyin or initials key.
func (a *analyzer) pinyinText(key uint64) string {
	var b []byte
	if key&pinyinBit != 0 {
		for sh := 45; sh >= 0; sh -= 15 {
			if c := key >> sh & (1<<15 - 1); c != 0 {
				b = append(b, a.reading(rune(c-1)+0x3400)...)
			}
		}
		return string(b)
	}
	for sh := 49; sh >= 0; sh -= 7 {
		if c := byte(key >> sh & 127); c != 0 {
			b = append(b, c)
		}
	}
	return string(b)
}
