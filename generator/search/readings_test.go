package search

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

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
// each of its readings, the first maxReadingsPerChar readings go-pinyin
// gives each character (the first is PinyinTokens'), unless
// maxPairsPerReading pairs that read so more usually, or on more pages, or
// first in UTF-16 order, take the places.
func TestReadingsMatchReference(t *testing.T) {
	docs := SyntheticDocs(400)
	ref, _ := referencePostings(docs)
	type pair struct {
		text          string
		unusual, docs int
	}
	args := pinyin.NewArgs()
	args.Heteronym = true
	readings := func(r rune) []string {
		all := pinyin.SinglePinyin(r, args)
		for i := range all {
			all[i] = strings.ReplaceAll(all[i], "ü", "v")
		}
		ts := PinyinTokens(string(r))
		if len(ts) == 0 && len(all) == 0 {
			return nil // no reading
		}
		if len(ts) != 1 || len(all) == 0 || all[0] != ts[0].Text {
			t.Fatalf("%c: PinyinTokens reads %v, go-pinyin %v", r, ts, all)
		}
		return all[:min(len(all), maxReadingsPerChar)]
	}
	by := map[string][]pair{}
	syl := map[string]bool{}
	for term, es := range ref {
		if isWordTerm(term) || term[0] == '#' || utf8.RuneCountInString(term) != 2 {
			continue
		}
		rs := []rune(term)
		for i, a := range readings(rs[0]) {
			for j, b := range readings(rs[1]) {
				by[a+b] = append(by[a+b], pair{term, min(i, 1) + min(j, 1), len(es)})
				syl[a], syl[b] = true, true
			}
		}
	}
	want := map[string]string{}
	for k, ps := range by {
		slices.SortFunc(ps, func(x, y pair) int {
			if c := cmp.Compare(x.unusual, y.unusual); c != 0 {
				return c
			}
			if c := cmp.Compare(y.docs, x.docs); c != 0 {
				return c
			}
			return compareUTF16(x.text, y.text)
		})
		var b strings.Builder
		for i, p := range ps[:min(len(ps), maxPairsPerReading)] {
			if p.unusual > 0 && (i == 0 || ps[i-1].unusual == 0) {
				b.WriteByte(' ') // before the first pair read otherwise
			}
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
// maxPairsPerReading of them; pairs read so only by a character's rare
// reading come last, after a space.
func TestReadingsOfBody(t *testing.T) {
	sec := func(text string) []model.Section { return []model.Section{{ID: "s", Heading: "说明", Text: text}} }
	var docs []Doc
	// shiyong: 使用 on 5 pages, 适用 on 4, 试用 on 3, 实用 on 2, 食用 on 1.
	for i, p := range []string{"使用", "适用", "试用", "实用", "食用"} {
		for k := 0; k < 5-i; k++ {
			docs = append(docs, Doc{URL: fmt.Sprintf("p/%d-%d.html", i, k), Title: "页面", Sections: sec("请" + p + "。")})
		}
	}
	docs = append(docs, Doc{URL: "x.html", Title: "保洁规程", Sections: sec("先用消毒液擦拭把手,再用消毒液擦拭按钮。")},
		Doc{URL: "y.html", Title: "空调", Sections: sec("了解长度。")},
		Doc{URL: "z.html", Title: "空调", Sections: sec("了解长度。只出现一次。")},
		Doc{URL: "t.html", Title: "清洁", Sections: sec("拖布要洗净。")})
	for k := range 3 { // 他部, read tuobu only by a rare reading of 他, on more pages than 拖布
		docs = append(docs, Doc{URL: fmt.Sprintf("o/%d.html", k), Title: "协作", Sections: sec("联系其他部门。")})
	}
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, syl := indexReadings(t, ix.Files())
	for k, w := range map[string]string{"shiyong": "使用适用试用实用", "xiaodu": "消毒", "duye": "毒液",
		"kongtiao": " 空调", "kongdiao": "空调", "liaojie": " 了解", "lejie": "了解", "changdu": " 长度", "zhangdu": "长度",
		"tuobu": "拖布 他部"} {
		if got[k] != w {
			t.Errorf("reading %q: %q, want %q", k, got[k], w)
		}
	}
	// A pair the whole site has once has its reading too: a word a
	// handbook names once (拖布, 扫帚) is as likely to be looked for.
	for k, w := range map[string]string{"yici": "一次", "chuxian": "出现"} {
		if got[k] != w {
			t.Errorf("reading %q of a pair seen once: %q, want %q", k, got[k], w)
		}
	}
	for _, s := range []string{"xiao", "du", "ye", "shi", "yong"} {
		if !slices.Contains(syl, s) {
			t.Errorf("syllables lack %q: %v", s, syl)
		}
	}
}
