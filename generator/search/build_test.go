package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"handbook/generator/model"
)

// readJS returns the data of an index file, checking its wrapper.
func readJS(t testing.TB, files map[string][]byte, path string, v any) {
	t.Helper()
	b, ok := files[path]
	if !ok {
		t.Fatalf("no file %s", path)
	}
	name := strings.TrimSuffix(strings.TrimPrefix(path, "search/"), ".js")
	prefix := fmt.Sprintf("HBSearch.add(%q,", name)
	if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(");\n")) {
		t.Fatalf("%s is not a HBSearch.add(%q, …) script: %.60s", path, name, b)
	}
	if err := json.Unmarshal(b[len(prefix):len(b)-3], v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

type metaJSON struct {
	N     int               `json:"n"`
	HB    int               `json:"hb"`
	Norms string            `json:"norms"`
	Avg   float64           `json:"avg"`
	Kinds map[string]string `json:"kinds"`
}

func smallDocs() []Doc {
	return []Doc{
		{URL: "b.html", Title: "电梯保洁", Kind: "cleaning", KindLabel: "清洁规程", Roles: []string{"保洁员"},
			Sections: []model.Section{
				{Text: "每日擦拭轿厢。"},
				{ID: "steps", Heading: "步骤", Text: "先电梯保洁，再检查按钮。电梯保洁要及时。"},
			}},
		{URL: "a.html", Title: "前台礼仪", Kind: "etiquette", KindLabel: "礼仪规范", Roles: []string{"前台接待", "客户顾问"},
			Summary: "接待客户的 WiFi 密码", Sections: []model.Section{{Text: "微笑问候。"}}},
	}
}

func TestBuildLayout(t *testing.T) {
	ix, err := Build(smallDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	if meta.N != 2 || len(meta.Norms) != 2 || meta.HB < 1 {
		t.Errorf("meta = %+v", meta)
	}
	if meta.Kinds["cleaning"] != "清洁规程" {
		t.Errorf("kind labels = %v", meta.Kinds)
	}
	// Documents are numbered in URL order.
	var d0 docJSON
	readJS(t, files, "search/d/0.js", &d0)
	if d0.URL != "a.html" || d0.Title != "前台礼仪" {
		t.Errorf("doc 0 = %+v", d0)
	}
	for path := range files {
		if !strings.HasPrefix(path, "search/") || !strings.HasSuffix(path, ".js") {
			t.Errorf("file outside search/ or not a script: %s", path)
		}
	}
	st := ix.Stats()
	if st.Docs != 2 || st.Bytes == 0 || st.HashShards == 0 || st.WordShards == 0 {
		t.Errorf("stats = %+v", st)
	}
}

// postingsOf decodes the postings of term from the files.
func postingsOf(t *testing.T, files map[string][]byte, term string) []int {
	t.Helper()
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	path := fmt.Sprintf("search/h/%0*x.js", (meta.HB+3)/4, hashShard(term, meta.HB))
	if isWordTerm(term) {
		var keys []string
		readJS(t, files, "search/w/keys.js", &keys)
		best := -1
		for i, k := range keys {
			if strings.HasPrefix(term, k) && (best < 0 || len(k) > len(keys[best])) {
				best = i
			}
		}
		path = fmt.Sprintf("search/w/%d.js", best)
	}
	var shard map[string]string
	readJS(t, files, path, &shard)
	s, ok := shard[term]
	if !ok {
		t.Fatalf("term %q not in %s", term, path)
	}
	nums, ok := decodeVLQ(s)
	if !ok {
		t.Fatalf("bad postings %q", s)
	}
	return nums
}

func TestPostingsFormat(t *testing.T) {
	ix, err := Build(smallDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	tests := []struct {
		term string
		want []int
	}{
		// flags 0; doc 1 (stored as the gap less one); body tf 2 << 2 | 1
		// for title or meta; title tf 1, meta tf 0.
		{"电梯", []int{0, 1, 2<<2 | 1, 1, 0}},
		{"梯", []int{0, 1, 2<<2 | 1, 1, 0}},
		{"电梯保", []int{0, 1, 2<<2 | 1, 1, 0}},
		{"梯保洁", []int{0, 1, 2<<2 | 1, 1, 0}},
		{"擦拭", []int{0, 1, 1 << 2}},
		// the meta field of doc 0: its summary.
		{"wifi", []int{0, 0, 1, 0, 1}},
		{"客户", []int{0, 0, 1, 0, 2}}, // summary and roles
		// pinyin of the title, and of the heading 步骤: 2 for headings.
		{"diantibaojie", []int{0, 1, 1, 1, 0}},
		{"bz", []int{0, 1, 2, 1}},
		// filters: flags=docs only, then document numbers.
		{kindTerm("cleaning"), []int{2, 1}},
		{roleTerm("客户顾问"), []int{2, 0}},
	}
	for _, tt := range tests {
		if got := postingsOf(t, files, tt.term); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("postings of %q = %v, want %v", tt.term, got, tt.want)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	docs := SyntheticDocs(300)
	a, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := append([]Doc(nil), docs...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b, err := Build(rev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fa, fb := a.Files(), b.Files()
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for k, v := range fa {
		if !bytes.Equal(v, fb[k]) {
			t.Errorf("%s differs between builds", k)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
		opt  Options
		want string
	}{
		{"duplicate URL", []Doc{{URL: "a.html"}, {URL: "a.html"}}, Options{}, "a.html: search: two or more documents have this URL"},
		{"empty URL", []Doc{{Title: "无名"}}, Options{}, `document "无名" has no URL`},
		{"shard bits", nil, Options{ShardBits: 17}, "ShardBits 17 out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.docs, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	ix, err := Build(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var meta metaJSON
	var keys []string
	readJS(t, ix.Files(), "search/meta.js", &meta)
	readJS(t, ix.Files(), "search/w/keys.js", &keys)
	if meta.N != 0 || keys == nil {
		t.Errorf("meta = %+v, keys = %v", meta, keys)
	}
}

func TestPartitionWords(t *testing.T) {
	terms := []string{"a", "ab", "abc", "abd", "b", "ba", "bb", "c"}
	size := func(string) int { return 10 }
	tests := []struct {
		limit int
		want  string
	}{
		{1000, `"":[a ab abc abd b ba bb c]`},
		{40, `"a":[a ab abc abd] "b":[b ba bb] "c":[c]`},
		{30, `"a":[a] "ab":[ab abc abd] "b":[b ba bb] "c":[c]`},
		{25, `"a":[a] "ab":[ab] "abc":[abc] "abd":[abd] "b":[b] "ba":[ba] "bb":[bb] "c":[c]`},
	}
	for _, tt := range tests {
		keys, groups := partitionWords(terms, size, tt.limit)
		var parts []string
		for i, k := range keys {
			parts = append(parts, fmt.Sprintf("%q:%v", k, groups[i]))
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("limit %d:\n got %s\nwant %s", tt.limit, got, tt.want)
		}
		if !sort.StringsAreSorted(keys) {
			t.Errorf("keys not sorted: %q", keys)
		}
	}
}

// queryFiles lists the files search.js loads for query q, except documents:
// the meta file; the shard of each pair covering a Han run (or of the
// character of a one-character run) and of each triple of Han text not
// broken by punctuation or words; and for words, the word keys and shards.
func queryFiles(t testing.TB, files map[string][]byte, q string) []string {
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	need := map[string]bool{"search/meta.js": true}
	hashFile := func(term string) {
		need[fmt.Sprintf("search/h/%0*x.js", (meta.HB+3)/4, hashShard(term, meta.HB))] = true
	}
	var run, seq []rune
	endRun := func() {
		if len(run) == 1 {
			hashFile(string(run))
		}
		for o := 0; o+1 < len(run); o += 2 {
			hashFile(string(run[o : o+2]))
		}
		if len(run) > 2 && len(run)%2 == 1 {
			hashFile(string(run[len(run)-2:]))
		}
		run = run[:0]
	}
	endSeq := func() {
		endRun()
		for o := 0; o+2 < len(seq); o++ {
			hashFile(string(seq[o : o+3]))
		}
		seq = seq[:0]
	}
	for _, r := range q {
		r = Fold(r)
		switch {
		case isHan(r):
			run, seq = append(run, r), append(seq, r)
		case r == ' ':
			endRun()
		default:
			endSeq()
		}
	}
	endSeq()
	var keys []string
	for _, tk := range Tokenize(q) {
		if tk.Kind != Word {
			continue
		}
		if keys == nil {
			readJS(t, files, "search/w/keys.js", &keys)
			need["search/w/keys.js"] = true
		}
		best, ext := -1, []int{}
		for i, k := range keys {
			if strings.HasPrefix(tk.Text, k) {
				if best < 0 || len(k) > len(keys[best]) {
					best = i
				}
			} else if strings.HasPrefix(k, tk.Text) {
				ext = append(ext, i)
			}
		}
		if best >= 0 {
			need[fmt.Sprintf("search/w/%d.js", best)] = true
		}
		if len(ext) <= 8 {
			for _, i := range ext {
				need[fmt.Sprintf("search/w/%d.js", i)] = true
			}
		}
	}
	var out []string
	for f := range need {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// TestScale10k builds 10,000 synthetic pages and reports what typical
// queries load. It fails if a two-word Chinese query with its top eight
// documents would load more than 120 KB, well under Pagefind's ~190 KB.
func TestScale10k(t *testing.T) {
	if testing.Short() {
		t.Skip("10k-page build in -short mode")
	}
	ix, err := Build(SyntheticDocs(10000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	st := ix.Stats()
	docBytes, docs := 0, 0
	for k, v := range files {
		if strings.HasPrefix(k, "search/d/") {
			docBytes += len(v)
			docs++
		}
	}
	avgDoc := docBytes / docs
	t.Logf("10k pages: %d files, %.1f MB in all; %d terms; %d hash shards (bits %d), %d word shards; meta %d B; average document file %d B",
		len(files), float64(st.Bytes)/1e6, st.Terms, st.HashShards, st.ShardBits, st.WordShards, st.MetaBytes, avgDoc)
	for _, q := range []string{"电梯 保洁", "垃圾 消毒", "客户 投诉", "地毯 吸尘", "保洁 清洁", "电梯保洁", "dianti", "wifi 密码"} {
		total := 0
		var parts []string
		for _, f := range queryFiles(t, files, q) {
			total += len(files[f])
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(f, "search/"), len(files[f])))
		}
		withDocs := total + 8*avgDoc
		t.Logf("%-10s index %6d B + 8 documents ≈ %6d B  (%s)", q, total, withDocs, strings.Join(parts, ", "))
		if utf8.RuneCountInString(q) == 5 && strings.Contains(q, " ") && withDocs > 120_000 {
			t.Errorf("%q would load %d B, over 120 KB", q, withDocs)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := SyntheticDocs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var bytes int
			for b.Loop() {
				ix, err := Build(docs, Options{})
				if err != nil {
					b.Fatal(err)
				}
				bytes = ix.Stats().Bytes
			}
			b.ReportMetric(float64(bytes)/1e6, "MB")
		})
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "电梯", `#r:"引号"\反斜杠`, "tab\there\x01", "\u2028\u2029", "bad\xffutf8"} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%q: %s: %v", s, b, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Errorf("%q round-trips to %q", s, got)
		}
		if bytes.ContainsAny(b, "\u2028\u2029") {
			t.Errorf("%q: line separators left raw: %s", s, b)
		}
	}
}
