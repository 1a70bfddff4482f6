package search

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/model"
)

// indexReadings returns the readings of a built index, from every word
// shard, and the syllables of w/keys.js.
func indexReadings(t *testing.T, files map[string][]byte) (map[string]string, []string) {
	t.Helper()
	var keys []string
	var syllables string
	readJS(t, files, "search/w/keys.js", &keys, &syllables)
	out := map[string]string{}
	for i := range keys {
		var words, rds map[string]string
		readJS(t, files, fmt.Sprintf("search/w/%d.js", i), &words, &rds)
		for k, v := range rds {
			if _, dup := out[k]; dup {
				t.Errorf("reading %q in two shards", k)
			}
			out[k] = v
		}
	}
	return out, strings.Fields(syllables)
}

// TestReadingsMatchReference: every Han pair of a corpus is listed under
// its reading, the pinyin PinyinTokens gives its two characters, unless
// maxPairsPerReading pairs on more pages (or as many, and first in UTF-16
// order) take the places.
func TestReadingsMatchReference(t *testing.T) {
	docs := SyntheticDocs(400)
	ref, _ := referencePostings(docs)
	type pair struct {
		text string
		docs int
	}
	by := map[string][]pair{}
	syl := map[string]bool{}
	for term, es := range ref {
		if isWordTerm(term) || term[0] == '#' || utf8.RuneCountInString(term) != 2 {
			continue
		}
		var py []string
		for _, r := range term {
			if ts := PinyinTokens(string(r)); len(ts) == 1 {
				py = append(py, ts[0].Text)
			}
		}
		if len(py) != 2 {
			continue
		}
		by[py[0]+py[1]] = append(by[py[0]+py[1]], pair{term, len(es)})
		syl[py[0]], syl[py[1]] = true, true
	}
	want := map[string]string{}
	for k, ps := range by {
		slices.SortFunc(ps, func(x, y pair) int {
			if c := cmp.Compare(y.docs, x.docs); c != 0 {
				return c
			}
			return compareUTF16(x.text, y.text)
		})
		var b strings.Builder
		for _, p := range ps[:min(len(ps), maxPairsPerReading)] {
			b.WriteString(p.text)
		}
		want[k] = b.String()
	}
	wantSyl := []string{}
	for s := range syl {
		wantSyl = append(wantSyl, s)
	}
	slices.Sort(wantSyl)

	ix, err := Build(docs, Options{WordShardBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	got, gotSyl := indexReadings(t, ix.Files())
	if len(want) < 100 {
		t.Fatalf("the corpus has only %d readings", len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("reading %q: %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("reading %q: %q, not a reading of the corpus", k, got[k])
		}
	}
	if !reflect.DeepEqual(gotSyl, wantSyl) {
		t.Errorf("syllables: %d, want %d", len(gotSyl), len(wantSyl))
	}
	if ix.Stats().Readings != len(want) {
		t.Errorf("Stats().Readings = %d, want %d", ix.Stats().Readings, len(want))
	}
}

// TestReadingsOfBody: a pair of a page's text, not only of its title, has
// its reading; homophones come on the most pages first, and at most
// maxPairsPerReading of them.
func TestReadingsOfBody(t *testing.T) {
	sec := func(text string) []model.Section { return []model.Section{{ID: "s", Heading: "说明", Text: text}} }
	var docs []Doc
	// shiyong: 使用 on 5 pages, 适用 on 4, 试用 on 3, 实用 on 2, 食用 on 1.
	for i, p := range []string{"使用", "适用", "试用", "实用", "食用"} {
		for k := 0; k < 5-i; k++ {
			docs = append(docs, Doc{URL: fmt.Sprintf("p/%d-%d.html", i, k), Title: "页面", Sections: sec("请" + p + "。")})
		}
	}
	docs = append(docs, Doc{URL: "x.html", Title: "保洁规程", Sections: sec("先用消毒液擦拭把手。")})
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, syl := indexReadings(t, ix.Files())
	for k, w := range map[string]string{"shiyong": "使用适用试用实用", "xiaodu": "消毒", "duye": "毒液", "baojie": "保洁"} {
		if got[k] != w {
			t.Errorf("reading %q: %q, want %q", k, got[k], w)
		}
	}
	for _, s := range []string{"xiao", "du", "ye", "shi", "yong"} {
		if !slices.Contains(syl, s) {
			t.Errorf("syllables lack %q: %v", s, syl)
		}
	}
}
