package search

import (
	"cmp"
	"slices"
	"sort"
)

// A reading is the pinyin of a pair of Han characters: xiaodu for 消毒,
// changdu and zhangdu for 长度 (see maxReadingsPerChar). Pinyin terms come from titles and headings
// only, so a word typed in pinyin and sent before the input method turned
// it into characters found nothing of a page's text. The index therefore
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

// pairReading is a pair under one of its readings, and how many of its two
// characters that reading reads otherwise than usually.
type pairReading struct {
	pairDocs
	unusual int
}

// maxPairsPerReading bounds the pairs of a reading: shi'yong reads 使用,
// 适用, 试用 and 食用, and beyond the few a site uses most, more pairs
// would mostly find pages that were not meant. Pairs read the usual way
// come first, then those on the most pages: a rare reading of a common
// pair does not push out the pairs that usually read so.
const maxPairsPerReading = 4

type readings struct {
	keys      []string // sorted
	pairs     []string // of keys[i]: its pairs, on the most pages first, joined
	syllables []string // sorted: the syllables of all readings
}

func isPairKey(k uint64) bool { return k&wordBit == 0 && k>>42 == 0 && k>>21 != 0 }

// readings groups the Han pairs of the index by reading.
func (b *builder) readings() readings {
	a := b.an[0]
	by := map[string][]pairReading{}
	syl := map[string]bool{}
	var buf []byte
	for _, ps := range b.pairs {
		for _, p := range ps {
			rs, _ := hanRunes(p.key)
			for i, r1 := range a.pyAll[a.readingsOf(rs[0])] {
				for j, r2 := range a.pyAll[a.readingsOf(rs[1])] {
					pr := pairReading{p, min(i, 1) + min(j, 1)}
					buf = append(append(buf[:0], r1...), r2...)
					if list, ok := by[string(buf)]; ok {
						by[string(buf)] = append(list, pr)
						continue
					}
					by[string(buf)] = []pairReading{pr}
					syl[r1], syl[r2] = true, true
				}
			}
		}
	}
	var rd readings
	for k := range by {
		rd.keys = append(rd.keys, k)
	}
	sort.Strings(rd.keys) // ASCII: the order of compareUTF16
	rd.pairs = make([]string, len(rd.keys))
	var text []byte
	for i, k := range rd.keys {
		ps := by[k]
		slices.SortFunc(ps, func(x, y pairReading) int {
			if c := cmp.Compare(x.unusual, y.unusual); c != 0 {
				return c
			}
			if c := cmp.Compare(y.docs, x.docs); c != 0 {
				return c
			}
			return compareUTF16(string(appendHanKey(nil, x.key)), string(appendHanKey(nil, y.key)))
		})
		text = text[:0]
		for _, p := range ps[:min(len(ps), maxPairsPerReading)] {
			text = appendHanKey(text, p.key)
		}
		rd.pairs[i] = string(text)
	}
	for s := range syl {
		rd.syllables = append(rd.syllables, s)
	}
	sort.Strings(rd.syllables)
	return rd
}
