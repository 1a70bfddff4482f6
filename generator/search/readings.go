package search

import (
	"cmp"
	"slices"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// A reading is the pinyin of a pair of Han characters: xiaodu for 消毒,
// changdu and zhangdu for 长度 (see maxReadingsPerChar). Pinyin terms come
// from titles and headings only, so a word typed in pinyin and sent before
// the input method turned it into characters found nothing of a page's
// text. The index therefore
// maps each reading to the pairs of the site that read so, up to
// maxPairsPerReading of those on the most pages. search.js cuts a pinyin
// word into syllables with the syllables of the readings, looks up each
// two in a row, and searches for their pairs as for Han text: xiaoduye
// finds 消毒液 through xiaodu (消毒) and duye (毒液).

// maxReadingsPerChar bounds the readings of a character a pair is listed
// under. go-pinyin gives the usual reading first, and PinyinTokens uses
// that one alone; here the others count too, since they are often the
// right one in a pair: 长度 is changdu, 了解 liaojie, 空调 kongtiao, 银行
// yinhang, while 长, 了, 调 and 行 usually read zhang, le, diao and xing.
const maxReadingsPerChar = 3

// pairDocs is a Han pair and the number of pages that hold it.
type pairDocs struct {
	key  uint64
	docs uint32
}

// maxPairsPerReading bounds the pairs of a reading: shi'yong reads 使用,
// 适用, 试用 and 食用, and beyond the few a site uses most, more pairs
// would mostly find pages that were not meant. Pairs read the usual way
// come first, then those on the most pages: a rare reading of a common
// pair does not push out the pairs that usually read so. In the index, a
// space comes before the first pair read otherwise (拖布 他部 for tuobu,
// where 他 usually reads ta), and search.js weighs those less.
const maxPairsPerReading = 4

type readings struct {
	keys      []string // sorted
	pairs     []string // of keys[i]: its pairs, on the most pages first, joined
	syllables []string // sorted: the syllables of all readings
}

func isPairKey(k uint64) bool { return k&wordBit == 0 && k>>42 == 0 && k>>21 != 0 }

// readingEntry is a Han pair under one of its readings.
type readingEntry struct {
	text  uint64 // the reading, see packReading
	order uint64 // the pair, as utf16Key of each character: its UTF-16 order
	rank  uint32 // unusual<<30 | pages, less first: see rankOf
}

// rankOf orders the pairs of one reading: those read the usual way first
// (unusual counts the characters read otherwise), then those on more pages.
func rankOf(unusual int, docs uint32) uint32 {
	return uint32(unusual)<<30 | (1<<30 - 1 - min(docs, 1<<30-1))
}

// A packedSyllable is a reading of one character in 5 bits a letter a–z,
// last lowest; n is its length, 0 if it has other letters or more than
// six.
type packedSyllable struct {
	bits uint64
	n    int
}

func packSyllables(all []string) []packedSyllable {
	out := make([]packedSyllable, len(all))
	for i, s := range all {
		if len(s) > 6 {
			continue
		}
		p := packedSyllable{n: len(s)}
		for k := 0; k < len(s); k++ {
			if s[k] < 'a' || s[k] > 'z' {
				p.n = 0
				break
			}
			p.bits = p.bits<<5 | uint64(s[k]-'a'+1)
		}
		out[i] = p
	}
	return out
}

// packReading packs the reading a+b, up to 12 letters, in 5 bits a letter,
// first highest: packed readings sort as their text does. ok is false for
// a reading that has other letters, which is left out.
func packReading(a, b packedSyllable) (x uint64, ok bool) {
	if a.n == 0 || b.n == 0 {
		return 0, false
	}
	return (a.bits<<(5*b.n) | b.bits) << (5 * (12 - a.n - b.n)), true
}

func unpackReading(x uint64) string {
	var b []byte
	for sh := 55; sh >= 0; sh -= 5 {
		if c := byte(x >> sh & 31); c != 0 {
			b = append(b, 'a'+c-1)
		}
	}
	return string(b)
}

// readings groups the Han pairs of the index by reading, on all cores: a
// site of broad vocabulary has hundreds of thousands of pairs, and a pair
// of characters of three readings each has nine. Each worker reads the
// pairs of the shards it wrote with its own analyzer and deals their
// readings into buckets by reading; each bucket is sorted, and cut to
// maxPairsPerReading pairs a reading, by one worker.
func (b *builder) readings() readings {
	W := b.workers
	dealt := make([][][]readingEntry, W) // by worker, then bucket
	used := make([][]bool, W)            // by worker, then its analyzer's character number
	for w := range dealt {
		dealt[w] = make([][]readingEntry, W)
	}
	b.parallel(len(b.pairs), func(w, i int) {
		a, out := b.an[w], dealt[w]
		for k := range out {
			out[k] = slices.Grow(out[k], 2*len(b.pairs[i])/W)
		}
		mark := func(n uint32) {
			for int(n) >= len(used[w]) {
				used[w] = append(used[w], false)
			}
			used[w][n] = true
		}
		for _, p := range b.pairs[i] {
			rs, _ := hanRunes(p.key)
			n1, n2 := a.readingsOf(rs[0]), a.readingsOf(rs[1])
			order := uint64(utf16Key(rs[0]))<<32 | uint64(utf16Key(rs[1]))
			for i, r1 := range a.pyPack[n1] {
				for j, r2 := range a.pyPack[n2] {
					if text, ok := packReading(r1, r2); ok {
						k := int(text * 0x9E3779B97F4A7C15 >> 32 % uint64(W))
						out[k] = append(out[k], readingEntry{text, order, rankOf(min(i, 1)+min(j, 1), p.docs)})
					}
				}
			}
			mark(n1)
			mark(n2)
		}
	})
	type reading struct {
		text  uint64
		pairs string
	}
	out := make([][]reading, W)
	b.parallel(W, func(_, k int) {
		n := 0
		for w := range dealt {
			n += len(dealt[w][k])
		}
		es := make([]readingEntry, 0, n)
		for w := range dealt {
			es = append(es, dealt[w][k]...)
			dealt[w][k] = nil
		}
		slices.SortFunc(es, func(x, y readingEntry) int {
			if x.text != y.text {
				return cmp.Compare(x.text, y.text)
			}
			if x.rank != y.rank {
				return cmp.Compare(x.rank, y.rank)
			}
			return cmp.Compare(x.order, y.order)
		})
		var pairs []byte
		for i := 0; i < len(es); {
			j := i
			pairs = pairs[:0]
			for ; j < len(es) && es[j].text == es[i].text; j++ {
				if j-i < maxPairsPerReading {
					if es[j].rank>>30 != 0 && (j == i || es[j-1].rank>>30 == 0) {
						pairs = append(pairs, ' ')
					}
					pairs = appendUTF16Key(appendUTF16Key(pairs, uint32(es[j].order>>32)), uint32(es[j].order))
				}
			}
			out[k] = append(out[k], reading{es[i].text, string(pairs)})
			i = j
		}
	})
	all := slices.Concat(out...)
	slices.SortFunc(all, func(x, y reading) int { return cmp.Compare(x.text, y.text) })
	rd := readings{keys: make([]string, len(all)), pairs: make([]string, len(all))}
	for i, r := range all {
		rd.keys[i], rd.pairs[i] = unpackReading(r.text), r.pairs
	}
	syl := map[string]bool{}
	for w, us := range used {
		for n, u := range us {
			if u {
				for _, s := range b.an[w].pyAll[n] {
					syl[s] = true
				}
			}
		}
	}
	for s := range syl {
		rd.syllables = append(rd.syllables, s)
	}
	sort.Strings(rd.syllables)
	return rd
}

// appendUTF16Key appends the character that utf16Key made k of.
func appendUTF16Key(b []byte, k uint32) []byte {
	if k&0xFFFF == 0 && (k>>16 < 0xD800 || k>>16 > 0xDFFF) {
		return utf8.AppendRune(b, rune(k>>16))
	}
	return utf8.AppendRune(b, utf16.DecodeRune(rune(k>>16), rune(k&0xFFFF)))
}
