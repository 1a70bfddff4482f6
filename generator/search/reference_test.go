package search

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/model"
)

// entry is one document of a term's postings, as the index stores it.
type entry struct {
	doc                        int
	title, meta, heading, body int
}

// referencePostings indexes docs the plain way: the terms of Tokenize and
// PinyinTokens counted per field in maps of strings. The index must store
// exactly these; triples and filters with documents only.
func referencePostings(docs []Doc) (map[string][]entry, []int) {
	docs = append([]Doc(nil), docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	out := map[string][]entry{}
	var bodyLen []int
	for i, d := range docs {
		counts := map[string]*entry{}
		count := func(field int, text string) {
			e := counts[text]
			if e == nil {
				e = &entry{doc: i}
				counts[text] = e
			}
			switch field {
			case fieldTitle:
				e.title++
			case fieldMeta:
				e.meta++
			case fieldHeading:
				e.heading++
			default:
				e.body++
			}
		}
		add := func(field int, s string, withPinyin bool) {
			for _, t := range Tokenize(s) {
				count(field, t.Text)
			}
			if withPinyin {
				for _, t := range PinyinTokens(s) {
					count(field, t.Text)
				}
			}
		}
		add(fieldTitle, d.Title, true)
		add(fieldMeta, strings.Join(append(append(append([]string{d.Summary}, d.Tags...), d.Roles...), d.KindLabel), " | "), false)
		body := 0
		for _, s := range d.Sections {
			add(fieldHeading, s.Heading, true)
			add(fieldBody, s.Text, false)
			ts := Tokenize(s.Text)
			body += positions(s.Text, ts)
		}
		bodyLen = append(bodyLen, body)
		for text, e := range counts {
			if isTriple(text) {
				e = &entry{doc: e.doc}
			}
			out[text] = append(out[text], *e)
		}
		out[kindTerm(d.Kind)] = append(out[kindTerm(d.Kind)], entry{doc: i})
		seen := map[string]bool{}
		for _, r := range d.Roles {
			if r != "" && !seen[r] {
				seen[r] = true
				out[roleTerm(r)] = append(out[roleTerm(r)], entry{doc: i})
			}
		}
	}
	return out, bodyLen
}

// positions is the length of s in positions: scan's count.
func positions(s string, _ []Token) int {
	return scan(foldString(s), func(int, int, int, bool) {}, func(int, int, int) {})
}

func isTriple(term string) bool {
	return !isWordTerm(term) && term[0] != '#' && utf8.RuneCountInString(term) == 3
}

// indexPostings decodes every term of a built index.
func indexPostings(t *testing.T, files map[string][]byte) map[string][]entry {
	t.Helper()
	out := map[string][]entry{}
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	decode := func(path, term, s string, docsOnly bool) {
		nums, ok := gapForm(s, meta.N, docsOnly)
		if !ok {
			t.Fatalf("%s: bad postings of %q: %q", path, term, s)
		}
		if _, dup := out[term]; dup {
			t.Fatalf("%s: term %q is in two files", path, term)
		}
		doc := -1
		var es []entry
		for i := 0; i < len(nums); {
			doc += nums[i] + 1
			i++
			e := entry{doc: doc}
			if !docsOnly {
				x := nums[i]
				i++
				e.body = x >> 2
				if x&1 != 0 {
					e.title, e.meta = nums[i], nums[i+1]
					i += 2
				}
				if x&2 != 0 {
					e.heading = nums[i]
					i++
				}
			}
			es = append(es, e)
		}
		out[term] = es
	}
	for path := range files {
		switch {
		case strings.HasPrefix(path, "search/h/"):
			var s string
			readJS(t, files, path, &s)
			for term, p := range splitHanShard(t, s) {
				decode(path, term, p, isTriple(term))
			}
		case strings.HasPrefix(path, "search/f/"), strings.HasPrefix(path, "search/w/") && path != "search/w/keys.js":
			var m map[string]string
			readJS(t, files, path, &m)
			for term, p := range m {
				decode(path, term, p, strings.HasPrefix(path, "search/f/"))
			}
		}
	}
	return out
}

// oddDocs holds text that takes the slow paths of the analyzer.
func oddDocs() []Doc {
	texts := []string{
		"ＷｉＦｉ　密码１２３，ＡＢＣ全角",
		"Café naïve ÉCOLE İstanbul ǅemal",
		"𠀀𠀁𠀂 ext-B 汉字𪚥𪚥 and 〇〇七",
		"emoji 😀电梯😀保洁 ♥ ℃ ①②③ ⅫⅣ",
		"bad\xffutf8 电\xe2梯 \xe2\x80 尾巴",
		"\u2028行\u2029分隔\u0085下一行\u00a0不断",
		strings.Repeat("长", 40) + " " + strings.Repeat("Ab9", 30) + "后",
		"女儿绿色旅行略微 lüe 驴 吕 虐待 nüe",
		"〾⿰⺀⺁ 々 〆 ゝ カタカナ ひらがな 한국어",
		"1.5元/㎡ 17:00—18:00 ５Ｓ管理 A4纸 PDCA循环",
		"",
		"   ",
		"，。！",
		"一",
		"一二",
		"a一b二c三d",
		"dian'ti Don’t ｄｏｎ＇ｔ 'quoted' it's' a''b a'电 电'a '' x' y",
	}
	var docs []Doc
	for i, s := range texts {
		docs = append(docs, Doc{
			URL: fmt.Sprintf("odd/%02d.html", i), Title: s, Kind: []string{"a", "b", ""}[i%3], KindLabel: texts[(i+1)%len(texts)],
			Roles: []string{"保洁员", "", "保洁员", texts[(i+2)%len(texts)]}, Tags: []string{texts[(i+3)%len(texts)], "标签"},
			Summary: texts[(i+4)%len(texts)],
			Sections: []model.Section{
				{Text: s + s},
				{ID: "h", Heading: texts[(i+5)%len(texts)], Text: texts[(i+6)%len(texts)]},
				{ID: "h2", Heading: s, Text: strings.Repeat(s+"电梯保洁。", 5)},
			},
		})
	}
	// Homophones and Latin text with the same letters: one term each.
	docs = append(docs, Doc{URL: "odd/homophones.html", Title: "电梯店体", Summary: "dianti dt dtdt",
		Sections: []model.Section{{ID: "x", Heading: "店体 电梯", Text: "dianti 垫体"}}})
	return docs
}

// TestIndexMatchesTokenize checks the builder's fast analyzer against the
// plain reading of Tokenize and PinyinTokens, term by term.
func TestIndexMatchesTokenize(t *testing.T) {
	for _, tc := range []struct {
		name string
		docs []Doc
	}{
		{"small", smallDocs()},
		{"odd text", oddDocs()},
		{"synthetic", SyntheticDocs(300)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, bodyLen := referencePostings(tc.docs)
			for term, es := range want {
				if v := string([]rune(term)); v != term { // JSON has no invalid UTF-8
					delete(want, term)
					want[v] = es
				}
			}
			// Every shard count sorts postings by sub-shard in its own widths.
			for _, bits := range []int{1, 3, 16} {
				ix, err := Build(tc.docs, Options{ShardBits: bits})
				if err != nil {
					t.Fatal(err)
				}
				got := indexPostings(t, ix.Files())
				for term, es := range want {
					if !reflect.DeepEqual(got[term], es) {
						t.Errorf("ShardBits %d: postings of %q:\n got %v\nwant %v", bits, term, got[term], es)
					}
				}
			}
			ix, err := Build(tc.docs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			files := ix.Files()
			got := indexPostings(t, files)
			for term, es := range want {
				if !reflect.DeepEqual(got[term], es) {
					t.Errorf("postings of %q:\n got %v\nwant %v", term, got[term], es)
				}
			}
			bitmaps := 0
			for term := range got {
				if s, _ := postingsText(t, files, term); s[0] == bitmapMark {
					bitmaps++
				}
				if _, ok := want[term]; !ok {
					t.Errorf("index has term %q, Tokenize does not", term)
				}
			}
			if tc.name == "synthetic" && bitmaps == 0 {
				t.Error("no postings written as a bitmap")
			}
			if st := ix.Stats(); st.Terms != len(want) {
				t.Errorf("Stats().Terms = %d, want %d", st.Terms, len(want))
			}
			var meta metaJSON
			readJS(t, files, "search/meta.js", &meta)
			norms := normsOf(meta)
			for i, n := range bodyLen {
				if got := norms[i]; got != quantizeLen(n) {
					t.Errorf("doc %d: norm %d, want %d (length %d)", i, got, quantizeLen(n), n)
				}
			}
		})
	}
}

// TestTermTableGrows fills a table past its first size.
func TestTermTableGrows(t *testing.T) {
	var tt termTable
	for batch := range 3 {
		tt.reset(10)
		for i := range 5000 {
			key := uint64(i*7919 + batch)
			if n, isNew := tt.add(key); n != uint32(i) || !isNew {
				t.Fatalf("batch %d: add(%d) = %d, %v", batch, key, n, isNew)
			}
		}
		for i := range 5000 {
			if n, isNew := tt.add(uint64(i*7919 + batch)); n != uint32(i) || isNew {
				t.Fatalf("batch %d: second add of %d = %d, %v", batch, i, n, isNew)
			}
		}
	}
}

// TestKeyRoundTrip reads back the keys a range's postings carry, packed
// or not, at the end of the data and inside it.
func TestKeyRoundTrip(t *testing.T) {
	han := []rune{0x3400, 0x9FFF, 0x4E00, 0x33FF, 0xA000, 0x2E80, 0xF900, 0x20000, 0x2A6DF}
	var keys []uint64
	for _, a := range han {
		keys = append(keys, uint64(a))
		for _, b := range han {
			keys = append(keys, hanKey2(a, b))
			for _, c := range han[:4] {
				keys = append(keys, hanKey3(a, b, c), hanKey3(c, a, b))
			}
		}
	}
	keys = append(keys, wordBit, wordBit|1<<32-1,
		wordBit|pinyinBit|1, wordBit|pinyinBit|(1<<60-1), wordBit|initialsBit|'d'<<7|'t', wordBit|initialsBit|(1<<56-1))
	for _, key := range keys {
		word := key&wordBit != 0
		b := appendKey(nil, key)
		for _, pad := range []int{0, 1, 8} {
			data := append(append([]byte(nil), b...), make([]byte, pad)...)
			got, i := readKey(data, 0, word)
			if got != key || i != len(b) {
				t.Errorf("key %#x: wrote % x, read %#x and %d bytes (padding %d)", key, b, got, i, pad)
			}
		}
	}
}

func TestCompareUTF16(t *testing.T) {
	// Sorted by UTF-16 code units: U+FFFD comes after U+1F600, whose first
	// unit is a surrogate, though bytes put it before.
	want := []string{"", "a", "ab", "b", "é", "電", "電a", "😀", "\ufffd", "\ufffdx"}
	got := append([]string(nil), want...)
	for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
		got[i], got[j] = got[j], got[i]
	}
	slices.SortFunc(got, compareUTF16)
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
	for _, want := range [][]string{want, {"", "a", "ab", "b", "dianti", "dt", "é", "電"}} {
		in := slices.Clone(want)
		slices.Reverse(in)
		got := slices.Clone(in)
		rank := sortUTF16(got)
		if !slices.Equal(got, want) {
			t.Errorf("sortUTF16: got %q", got)
		}
		for i, s := range in {
			if got[rank[i]] != s {
				t.Errorf("sortUTF16: rank of %q is %d, where %q is", s, rank[i], got[rank[i]])
			}
		}
	}
}
