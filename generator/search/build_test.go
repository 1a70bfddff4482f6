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

// readJS reads the data of an index file into vs, its arguments after the
// name in order, checking its wrapper. An argument the file leaves out
// leaves its v as it was.
func readJS(t testing.TB, files map[string][]byte, path string, vs ...any) {
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
	var args []json.RawMessage
	if err := json.Unmarshal(append(append([]byte("["), b[len(prefix):len(b)-3]...), ']'), &args); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i, v := range vs[:min(len(vs), len(args))] { // the last may be left out
		if err := json.Unmarshal(args[i], v); err != nil {
			t.Fatalf("%s, argument %d: %v", path, i+2, err)
		}
	}
}

type metaJSON struct {
	N     int               `json:"n"`
	HB    int               `json:"hb"`
	DK    int               `json:"dk"`
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
	if meta.N != 2 || len(normsOf(meta)) != 2 || meta.HB < 1 {
		t.Errorf("meta = %+v", meta)
	}
	if meta.Kinds["cleaning"] != "清洁规程" {
		t.Errorf("kind labels = %v", meta.Kinds)
	}
	// Documents are numbered in URL order.
	var chunk [][]string
	readJS(t, files, "search/d/0.js", &chunk)
	want := [][]string{
		{"a.html", "前台礼仪", "etiquette", "接待客户的 WiFi 密码", "", "", "微笑问候。"},
		{"b.html", "电梯保洁", "cleaning", "", "", "", "每日擦拭轿厢。", "steps", "步骤", "先电梯保洁，再检查按钮。电梯保洁要及时。"},
	}
	if meta.DK != 2 || !reflect.DeepEqual(chunk, want) {
		t.Errorf("docs per file %d, file 0 = %q", meta.DK, chunk)
	}
	for path := range files {
		if !strings.HasPrefix(path, "search/") || !strings.HasSuffix(path, ".js") {
			t.Errorf("file outside search/ or not a script: %s", path)
		}
	}
	st := ix.Stats()
	if st.Docs != 2 || st.Bytes == 0 || st.HashShards == 0 || st.WordShards == 0 || st.DocFiles != 1 || st.Files != len(files) {
		t.Errorf("stats = %+v", st)
	}
}

// normsOf decodes the quantized body lengths of meta.
func normsOf(meta metaJSON) []int {
	var out []int
	for i := range meta.Norms {
		out = append(out, int(numValue[meta.Norms[i]]))
	}
	return out
}

// postingsOf decodes the postings of term from the files, as numbers in
// the gap form: a bitmap is turned into gaps.
func postingsOf(t *testing.T, files map[string][]byte, term string) []int {
	t.Helper()
	s, path := postingsText(t, files, term)
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	nums, ok := gapForm(s, meta.N, strings.HasPrefix(term, "#") || !isWordTerm(term) && utf8.RuneCountInString(term) == 3)
	if !ok {
		t.Fatalf("bad postings %q of %q in %s", s, term, path)
	}
	return nums
}

// gapForm decodes postings s of a site of n documents into the numbers of
// their gap form.
func gapForm(s string, n int, docsOnly bool) ([]int, bool) {
	if s == "" || s[0] != bitmapMark {
		return decodeNums(s)
	}
	bits := (n + 5) / 6
	if len(s) < 1+bits {
		return nil, false
	}
	var docs []int
	for k := 0; k < bits; k++ {
		v := numValue[s[1+k]]
		if v < 0 || v > 63 {
			return nil, false
		}
		for j := 0; j < 6; j++ {
			if v>>j&1 != 0 {
				docs = append(docs, 6*k+j)
			}
		}
	}
	vals, ok := decodeNums(s[1+bits:])
	if !ok {
		return nil, false
	}
	var out []int
	last := -1
	for _, d := range docs {
		out = append(out, d-last-1)
		last = d
		if docsOnly {
			continue
		}
		if len(vals) == 0 {
			return nil, false
		}
		x := vals[0]
		n := 1 + 2*(x&1) + (x>>1)&1
		if len(vals) < n {
			return nil, false
		}
		out = append(out, vals[:n]...)
		vals = vals[n:]
	}
	return out, len(vals) == 0
}

// postingsText finds the postings of term and the file they are in.
func postingsText(t testing.TB, files map[string][]byte, term string) (string, string) {
	t.Helper()
	var meta metaJSON
	readJS(t, files, "search/meta.js", &meta)
	shard := fmt.Sprintf("%0*x.js", (meta.HB+3)/4, hashShard(term, meta.HB))
	var path string
	switch {
	case strings.HasPrefix(term, "#"):
		path = "search/f/" + shard
	case isWordTerm(term):
		var keys []string
		readJS(t, files, "search/w/keys.js", &keys)
		path = fmt.Sprintf("search/w/%d.js", max(0, sort.SearchStrings(keys, term+"\x00")-1))
	default:
		path = "search/h/" + shard
		var s string
		readJS(t, files, path, &s)
		terms := splitHanShard(t, s)
		p, ok := terms[term]
		if !ok {
			t.Fatalf("term %q not in %s", term, path)
		}
		return p, path
	}
	var m map[string]string
	readJS(t, files, path, &m)
	p, ok := m[term]
	if !ok {
		t.Fatalf("term %q not in %s", term, path)
	}
	return p, path
}

// splitHanShard reads a Han shard: terms of Han characters, each followed
// by its postings in ASCII digits.
func splitHanShard(t testing.TB, s string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for s != "" {
		k := strings.IndexFunc(s, func(r rune) bool { return r < utf8.RuneSelf })
		p := strings.IndexFunc(s[max(k, 0):], func(r rune) bool { return r >= utf8.RuneSelf })
		if k <= 0 {
			t.Fatalf("shard does not start with a term: %.40q", s)
		}
		if p < 0 {
			p = len(s) - k
		}
		term := s[:k]
		if _, dup := out[term]; dup {
			t.Fatalf("term %q twice in a shard", term)
		}
		out[term] = s[k : k+p]
		s = s[k+p:]
	}
	return out
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
		// doc 1 (stored as the gap less one); body tf 2 << 2 | 1 for
		// title or meta; title tf 1, meta tf 0.
		{"电梯", []int{1, 2<<2 | 1, 1, 0}},
		{"梯", []int{1, 2<<2 | 1, 1, 0}},
		// triples: documents only.
		{"电梯保", []int{1}},
		{"梯保洁", []int{1}},
		{"擦拭", []int{1, 1 << 2}},
		// the meta field of doc 0: its summary.
		{"wifi", []int{0, 1, 0, 1}},
		{"客户", []int{0, 1, 0, 2}}, // summary and roles
		// pinyin of the title, and of the heading 步骤: 2 for headings.
		{"diantibaojie", []int{1, 1, 1, 0}},
		{"bz", []int{1, 2, 1}},
		// filters: documents only.
		{kindTerm("cleaning"), []int{1}},
		{roleTerm("客户顾问"), []int{0}},
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

// wordShards lists the word shards search.js loads for the query word w:
// the one where w would be, and those after it whose first term starts
// with w, unless there are more than eight of them.
func wordShards(keys []string, w string) []int {
	lo := sort.SearchStrings(keys, w+"\x00") // keys up to w
	if len(keys) == 0 {
		return nil
	}
	out := []int{max(lo-1, 0)}
	ext := 0
	for lo+ext < len(keys) && strings.HasPrefix(keys[lo+ext], w) {
		ext++
	}
	for j := 0; ext <= 8 && j < ext; j++ {
		if lo+j != out[0] {
			out = append(out, lo+j)
		}
	}
	return out
}

// TestWordShards checks that a query word finds every term and reading it
// starts, in the shards search.js loads, when they are cut into many
// shards.
func TestWordShards(t *testing.T) {
	docs := SyntheticDocs(200)
	ix, err := Build(docs, Options{WordShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	var keys []string
	readJS(t, files, "search/w/keys.js", &keys)
	if len(keys) < 20 || !sort.StringsAreSorted(keys) {
		t.Fatalf("%d keys, sorted %v", len(keys), sort.StringsAreSorted(keys))
	}
	shards := make([]map[string]string, len(keys)) // words and readings
	var all, wordList []string
	readings := 0
	for i := range keys {
		var words, rds map[string]string
		readJS(t, files, fmt.Sprintf("search/w/%d.js", i), &words, &rds)
		readings += len(rds)
		for term := range words {
			wordList = append(wordList, term)
		}
		shards[i] = words
		for term, v := range rds {
			shards[i][term] += v
		}
		for term := range shards[i] {
			all = append(all, term)
		}
		if _, ok := shards[i][keys[i]]; !ok {
			t.Errorf("shard %d does not hold its key %q", i, keys[i])
		}
	}
	if readings == 0 {
		t.Fatal("no readings")
	}
	sort.Strings(all)
	for _, w := range []string{"d", "di", "dian", "dianti", "bj", "baojie", "wifi", "w", "zzz", "0", "a4", "~"} {
		found := map[string]bool{}
		loaded := wordShards(keys, w)
		for _, i := range loaded {
			for term := range shards[i] {
				if strings.HasPrefix(term, w) {
					found[term] = true
				}
			}
		}
		if len(loaded) == 1 {
			// Only where w would be: that must hold w if any shard does.
			for _, term := range all {
				if term == w && !found[w] {
					t.Errorf("%q: not in the shard loaded for it", w)
				}
			}
			continue
		}
		for _, term := range all {
			if strings.HasPrefix(term, w) && !found[term] {
				t.Errorf("%q: %q not in the shards loaded, %v", w, term, loaded)
			}
		}
	}
	sort.Strings(wordList)
	if got := postingsOf(t, files, wordList[len(wordList)/2]); len(got) < 2 {
		t.Errorf("postings of %q = %v", wordList[len(wordList)/2], got)
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
		for _, i := range wordShards(keys, tk.Text) {
			need[fmt.Sprintf("search/w/%d.js", i)] = true
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
	t.Logf("10k pages: %d files, %.1f MB in all; %d terms; %d hash shards (bits %d), %d word shards, %d document files of %d; meta %d B; average document file %d B",
		len(files), float64(st.Bytes)/1e6, st.Terms, st.HashShards, st.ShardBits, st.WordShards, st.DocFiles, st.DocsPerFile, st.MetaBytes, avgDoc)
	for _, q := range []string{"电梯 保洁", "垃圾 消毒", "客户 投诉", "地毯 吸尘", "保洁 清洁", "电梯保洁", "dianti", "wifi 密码"} {
		total := 0
		var parts []string
		for _, f := range queryFiles(t, files, q) {
			total += len(files[f])
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(f, "search/"), len(files[f])))
		}
		withDocs := total + 8*avgDoc
		t.Logf("%-10s index %6d B + 8 document files ≈ %6d B  (%s)", q, total, withDocs, strings.Join(parts, ", "))
		if utf8.RuneCountInString(q) == 5 && strings.Contains(q, " ") && withDocs > 120_000 {
			t.Errorf("%q would load %d B, over 120 KB", q, withDocs)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := SyntheticDocs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkBuild(b, docs) })
	}
}

// BenchmarkBuild10k builds the 10,000 synthetic pages of TestScale10k. Its
// cpu-ns/op is the CPU time of a build on all cores together, garbage
// collection included, which on a shared machine says more than ns/op.
func BenchmarkBuild10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10k pages in -short mode")
	}
	benchmarkBuild(b, SyntheticDocs(10000))
}

func benchmarkBuild(b *testing.B, docs []Doc) {
	b.ReportAllocs()
	var st Stats
	cpu := cpuTime()
	for b.Loop() {
		ix, err := Build(docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		st = ix.Stats()
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(st.Bytes)/1e6, "MB")
	b.ReportMetric(float64(st.Files), "files")
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "电梯", `#r:"引号"\反斜杠`, "tab\there\x01", "\u2028\u2029", "bad\xffutf8",
		"电梯\u2028保洁", "€ – “引号” \ufffd", "\xe2\x80", "尾\xe2", "\U0001F600𠀀"} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%q: %s: %v", s, b, err)
			continue
		}
		if want := string([]rune(s)); got != want { // U+FFFD for each bad byte
			t.Errorf("%q round-trips to %q", s, got)
		}
		if bytes.ContainsAny(b, "\u2028\u2029") {
			t.Errorf("%q: line separators left raw: %s", s, b)
		}
	}
}
