package search

import (
	"cmp"
	"slices"
	"sort"
)

// A reading is the pinyin of a pair of Han characters as PinyinTokens
// writes it: xiaodu for 消毒. Pinyin terms come from titles and headings
// only, so a word typed in pinyin and sent before the input method turned
// it into characters found nothing of a page's text. The index therefore
// maps each reading to the pairs of the site that read so, up to
// maxPairsPerReading of those on the most pages. search.js cuts a pinyin
// word into syllables with the syllables of the readings, looks up each
// two in a row, and searches for their pairs as for Han text: xiaoduye
// finds 消毒液 through xiaodu (消毒) and duye (毒液).

// pairDocs is a Han pair and the number of pages that hold it.
type pairDocs struct {
	key  uint64
	docs uint32
}

// maxPairsPerReading bounds the pairs of a reading: shi'yong reads 使用,
// 适用, 试用 and 食用, and beyond the few a site uses most, more pairs
// would mostly find pages that were not meant.
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
	by := map[string][]pairDocs{}
	syl := map[string]bool{}
	var buf []byte
	for _, ps := range b.pairs {
		for _, p := range ps {
			rs, _ := hanRunes(p.key)
			r1, r2 := a.reading(rs[0]), a.reading(rs[1])
			if r1 == "" || r2 == "" {
				continue
			}
			buf = append(append(buf[:0], r1...), r2...)
			if list, ok := by[string(buf)]; ok {
				by[string(buf)] = append(list, p)
				continue
			}
			by[string(buf)] = []pairDocs{p}
			syl[r1], syl[r2] = true, true
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
		slices.SortFunc(ps, func(x, y pairDocs) int {
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
