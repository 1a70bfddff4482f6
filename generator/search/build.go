package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"handbook/generator/diag"
	"handbook/generator/model"
)

// Doc is one page as the index sees it.
type Doc struct {
	URL       string // page URL relative to the site root, e.g. cleaning/elevator.html
	Title     string
	Kind      string // role, procedure, checklist, …
	KindLabel string // localized label of Kind, e.g. 清洁规程
	Roles     []string
	Tags      []string
	Summary   string
	Sections  []model.Section
}

// Options tune the size of the index files. The zero value is ready to use.
type Options struct {
	// ShardBits sets the number of Han-term postings shards to 1<<ShardBits
	// (1 to 16). Zero picks the smallest count, up to 1<<14, whose shards
	// average at most ShardBytes.
	ShardBits int
	// ShardBytes is the average shard size that ShardBits=0 aims for.
	// Default 4 KiB: a query loads one shard per term, and beyond its own
	// postings, the rest of the shard is waste.
	ShardBytes int
	// WordShardBytes is the size past which a shard of Latin and pinyin
	// terms is split by the next letter. Default 16 KiB.
	WordShardBytes int
}

func (o Options) withDefaults() (Options, error) {
	if o.ShardBits < 0 || o.ShardBits > 16 {
		return o, fmt.Errorf("search: ShardBits %d out of range 0–16", o.ShardBits)
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 4 << 10
	}
	if o.WordShardBytes <= 0 {
		o.WordShardBytes = 16 << 10
	}
	return o, nil
}

// Index is a built search index, ready to be written out.
type Index struct {
	files map[string][]byte
	stats Stats
}

// Stats describes a built index.
type Stats struct {
	Docs       int
	Terms      int // distinct terms, filters included
	ShardBits  int
	HashShards int // files under search/h/
	WordShards int // files under search/w/
	Bytes      int // all files together
	MetaBytes  int // search/meta.js, which every query loads
}

// Stats returns figures about ix.
func (ix *Index) Stats() Stats { return ix.stats }

// Files returns the index as files to write under the site root, keyed by
// slash path, all under search/. The map is new on each call; the contents
// are shared and must not be changed. The same docs and options always give
// the same bytes.
func (ix *Index) Files() map[string][]byte {
	m := make(map[string][]byte, len(ix.files))
	for k, v := range ix.files {
		m[k] = v
	}
	return m
}

// Posting flags, the first number of a postings string.
const (
	flagDocsOnly = 2 // only document numbers follow: a filter
)

// normRatio is the base of the logarithmic scale on which each document's
// text length is stored in one character.
const normRatio = 1.19

// Filter terms hold the documents of a kind or role. No query term starts
// with '#', so they cannot meet one.
func kindTerm(kind string) string { return "#k:" + kind }
func roleTerm(role string) string { return "#r:" + role }

// Build indexes docs. Documents are numbered in URL order, so the result
// does not depend on the order of docs. Empty and duplicate URLs are errors,
// reported together as a diag.List.
func Build(docs []Doc, opt Options) (*Index, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	docs = append([]Doc(nil), docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	var errs diag.List
	for i, d := range docs {
		if d.URL == "" {
			errs.Addf("", 0, "search: document %q has no URL", d.Title)
		} else if i > 0 && docs[i-1].URL == d.URL && (i < 2 || docs[i-2].URL != d.URL) {
			errs.Addf(d.URL, 0, "search: two or more documents have this URL")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	b := &builder{opt: opt}
	for p := range b.terms {
		b.terms[p] = map[string]*termPostings{}
	}
	b.index(docs)
	return b.finish(docs)
}

type termPostings struct {
	term    string
	flags   int
	lastDoc int
	buf     []byte
}

type builder struct {
	opt     Options
	terms   [termParts]map[string]*termPostings // by termPart
	bodyLen []int
}

// Terms are split into parts by a hash of their bytes, so that the
// postings of a batch of documents are appended by several goroutines.
const termParts = 16

func termPart(term string) uint8 {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h = (h ^ uint32(term[i])) * 16777619
	}
	return uint8(h % termParts)
}

// docTerm is what one document contributes to one term: its entry,
// buf[off:end] of its docResult, without the document number.
type docTerm struct {
	term     string
	off, end int32
	part     uint8
}

type docResult struct {
	terms   []docTerm
	buf     []byte
	bodyLen int
}

// index tokenizes documents in parallel batches and appends their postings
// in document order.
func (b *builder) index(docs []Doc) {
	const batch = 256
	workers := runtime.GOMAXPROCS(0)
	res := make([]docResult, batch)
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					res[i-start] = analyze(&docs[i])
				}
			}()
		}
		for i := start; i < end; i++ {
			next <- i
		}
		close(next)
		wg.Wait()
		for w := range workers {
			wg.Go(func() {
				for p := w; p < termParts; p += workers {
					for i := start; i < end; i++ {
						r := &res[i-start]
						for _, dt := range r.terms {
							if int(dt.part) == p {
								b.add(dt.term, 0, i, r.buf[dt.off:dt.end])
							}
						}
					}
				}
			})
		}
		wg.Wait()
		for i := start; i < end; i++ {
			b.bodyLen = append(b.bodyLen, res[i-start].bodyLen)
			res[i-start] = docResult{}
		}
	}
	for i, d := range docs {
		b.add(kindTerm(d.Kind), flagDocsOnly, i, nil)
		seen := map[string]bool{}
		for _, r := range d.Roles {
			if r != "" && !seen[r] {
				seen[r] = true
				b.add(roleTerm(r), flagDocsOnly, i, nil)
			}
		}
	}
}

// add appends doc's entry for term. Calls for terms of one part must not
// run concurrently.
func (b *builder) add(term string, flags, doc int, enc []byte) {
	m := b.terms[termPart(term)]
	tp := m[term]
	if tp == nil {
		tp = &termPostings{term: strings.Clone(term), flags: flags, lastDoc: -1} // term may point into a whole page
		tp.buf = appendVLQ(tp.buf, flags)
		m[tp.term] = tp
	}
	tp.buf = appendVLQ(tp.buf, doc-tp.lastDoc-1)
	tp.buf = append(tp.buf, enc...)
	tp.lastDoc = doc
}

// Fields of a document, in the order of their term frequencies.
const (
	fieldTitle = iota
	fieldMeta  // summary, tags, roles and kind label
	fieldHeading
	fieldBody
	numFields
)

// analyze counts the terms of one document per field and encodes each
// term's entry: x = body<<2 | 1 if title or meta | 2 if headings, then the
// title and meta counts if bit 1 is set, then the heading count if bit 2 is.
// A term found only in the body, fewer than eight times, takes one
// character.
func analyze(d *Doc) docResult {
	idx := make(map[string]int32, 1024)
	var counts [][numFields]int
	var order []string
	count := func(field int, t Token) {
		j, ok := idx[t.Text]
		if !ok {
			j = int32(len(counts))
			idx[t.Text] = j
			counts = append(counts, [numFields]int{})
			order = append(order, t.Text)
		}
		counts[j][field]++
	}
	addText := func(field int, s string, withPinyin bool) int {
		n := tokens(s, func(t Token) { count(field, t) })
		if withPinyin {
			for _, t := range PinyinTokens(s) {
				count(field, t)
			}
		}
		return n
	}
	addText(fieldTitle, d.Title, true)
	addText(fieldMeta, metaText(d), false)
	out := docResult{terms: make([]docTerm, 0, len(order))}
	for _, s := range d.Sections {
		addText(fieldHeading, s.Heading, true)
		out.bodyLen += addText(fieldBody, s.Text, false)
	}

	for j, term := range order {
		c := &counts[j]
		x := c[fieldBody] << 2
		if c[fieldTitle]+c[fieldMeta] > 0 {
			x |= 1
		}
		if c[fieldHeading] > 0 {
			x |= 2
		}
		off := len(out.buf)
		out.buf = appendVLQ(out.buf, x)
		if x&1 != 0 {
			out.buf = appendVLQ(appendVLQ(out.buf, c[fieldTitle]), c[fieldMeta])
		}
		if x&2 != 0 {
			out.buf = appendVLQ(out.buf, c[fieldHeading])
		}
		out.terms = append(out.terms, docTerm{term: term, off: int32(off), end: int32(len(out.buf)), part: termPart(term)})
	}
	return out
}

// metaText is the text of the meta field. The separators are punctuation,
// so that no pair or triple runs from one item into the next.
func metaText(d *Doc) string {
	parts := []string{d.Summary}
	parts = append(parts, d.Tags...)
	parts = append(parts, d.Roles...)
	parts = append(parts, d.KindLabel)
	return strings.Join(parts, " | ")
}

func (b *builder) finish(docs []Doc) (*Index, error) {
	opt := b.opt
	files := map[string][]byte{}

	// Split terms into Han and filter terms, shared by hash, and word terms,
	// shared by prefix.
	var hashTerms, wordTerms []*termPostings
	total, nterms := 0, 0
	for _, m := range b.terms {
		nterms += len(m)
		for term, tp := range m {
			if isWordTerm(term) {
				wordTerms = append(wordTerms, tp)
			} else {
				hashTerms = append(hashTerms, tp)
				total += len(term) + len(tp.buf) + 6
			}
		}
	}
	sortTerms(wordTerms)

	bits := opt.ShardBits
	if bits == 0 {
		bits = 1
		for bits < 14 && total/(1<<bits) > opt.ShardBytes {
			bits++
		}
	}
	hashWidth := (bits + 3) / 4
	shards := map[uint32][]*termPostings{}
	for _, tp := range hashTerms {
		s := hashShard(tp.term, bits)
		shards[s] = append(shards[s], tp)
	}
	for s, terms := range shards {
		sortTerms(terms)
		name := fmt.Sprintf("h/%0*x", hashWidth, s)
		files["search/"+name+".js"] = b.shardFile(name, terms)
	}

	words := map[string]*termPostings{}
	wordList := make([]string, len(wordTerms))
	for i, tp := range wordTerms {
		words[tp.term] = tp
		wordList[i] = tp.term
	}
	keys, groups := partitionWords(wordList, func(t string) int {
		return len(t) + len(words[t].buf) + 6
	}, opt.WordShardBytes)
	for i, terms := range groups {
		name := "w/" + strconv.Itoa(i)
		tps := make([]*termPostings, len(terms))
		for j, t := range terms {
			tps[j] = words[t]
		}
		files["search/"+name+".js"] = b.shardFile(name, tps)
	}
	// The keys are a file of their own, loaded only for queries with words.
	if keys == nil {
		keys = []string{}
	}
	files["search/w/keys.js"] = jsFile("w/keys", keys)

	kinds := map[string]string{}
	for _, d := range docs {
		if _, ok := kinds[d.Kind]; !ok || kinds[d.Kind] == "" {
			kinds[d.Kind] = d.KindLabel
		}
	}
	for i := range docs {
		files["search/d/"+strconv.Itoa(i)+".js"] = docFile(i, &docs[i])
	}

	norms := make([]byte, len(b.bodyLen))
	sum := 0
	for i, n := range b.bodyLen {
		sum += n
		norms[i] = vlqAlphabet[quantizeLen(n)]
	}
	avg := 0.0
	if len(docs) > 0 {
		avg = float64(sum) / float64(len(docs))
	}
	meta := map[string]any{
		"v":     1,
		"n":     len(docs),
		"hb":    bits,
		"nr":    normRatio,
		"norms": string(norms),
		"avg":   math.Round(avg*10) / 10,
		"kinds": kinds,
	}
	files["search/meta.js"] = jsFile("meta", meta)

	ix := &Index{files: files}
	ix.stats = Stats{
		Docs:       len(docs),
		Terms:      nterms,
		ShardBits:  bits,
		HashShards: len(shards),
		WordShards: len(groups),
		MetaBytes:  len(files["search/meta.js"]),
	}
	for _, f := range files {
		ix.stats.Bytes += len(f)
	}
	return ix, nil
}

// quantizeLen maps a length to 0–63 on a scale of ratio normRatio; search.js
// reads it back as normRatio^q − 1.
func quantizeLen(n int) int {
	q := int(math.Round(math.Log(float64(n)+1) / math.Log(normRatio)))
	return min(q, 63)
}

func sortTerms(ts []*termPostings) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].term < ts[j].term })
}

func isWordTerm(t string) bool {
	if t == "" || t[0] == '#' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return !isHan(r)
}

// shardFile writes the postings of sorted terms as a JSON object, by hand:
// it is the bulk of the index, and the strings need little escaping.
func (b *builder) shardFile(name string, terms []*termPostings) []byte {
	size := 0
	for _, tp := range terms {
		size += len(tp.term) + len(tp.buf) + 6
	}
	out := make([]byte, 0, size+len(name)+20)
	out = append(out, "HBSearch.add("...)
	out = appendJSONString(out, name)
	out = append(out, ",{"...)
	for i, tp := range terms {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSONString(out, tp.term)
		out = append(out, ':', '"')
		out = append(out, tp.buf...) // VLQ digits need no escaping
		out = append(out, '"')
	}
	return append(out, "});\n"...)
}

// appendJSONString appends s as a JSON string that is also a valid
// JavaScript string literal.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// jsFile wraps v as a script that hands it to search.js. Index files are
// scripts rather than JSON so that pages opened from file:// can load them.
func jsFile(name string, v any) []byte {
	var buf bytes.Buffer
	buf.WriteString("HBSearch.add(")
	nameJSON, _ := json.Marshal(name)
	buf.Write(nameJSON)
	buf.WriteByte(',')
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers, slices and maps are passed
	}
	buf.Truncate(buf.Len() - 1) // the encoder's newline
	buf.WriteString(");\n")
	return buf.Bytes()
}

type docJSON struct {
	URL      string      `json:"u"`
	Title    string      `json:"t"`
	Kind     string      `json:"k"`
	Roles    []string    `json:"r,omitempty"`
	Summary  string      `json:"s,omitempty"`
	Sections [][3]string `json:"x"` // id, heading, text
}

func docFile(i int, d *Doc) []byte {
	dj := docJSON{URL: d.URL, Title: d.Title, Kind: d.Kind, Roles: d.Roles, Summary: d.Summary,
		Sections: make([][3]string, len(d.Sections))}
	for j, s := range d.Sections {
		dj.Sections[j] = [3]string{s.ID, s.Heading, s.Text}
	}
	return jsFile("d/"+strconv.Itoa(i), dj)
}

// partitionWords splits sorted terms into shards by prefix. A prefix whose
// terms together exceed limit bytes is split by the next rune; the terms
// equal to the prefix itself then keep a shard of their own under it. Each
// term lives in the shard of the longest key that is a prefix of it. Keys
// come back sorted, and groups[i] holds the terms of keys[i].
func partitionWords(terms []string, size func(string) int, limit int) (keys []string, groups [][]string) {
	var split func(prefix string, depth int, terms []string)
	split = func(prefix string, depth int, terms []string) {
		total := 0
		for _, t := range terms {
			total += size(t)
		}
		if total <= limit || depth > MaxWordLen {
			keys = append(keys, prefix)
			groups = append(groups, terms)
			return
		}
		var self []string
		rest := terms[:0:0]
		for _, t := range terms {
			if utf8.RuneCountInString(t) == depth {
				self = append(self, t)
			} else {
				rest = append(rest, t)
			}
		}
		if len(self) > 0 {
			keys = append(keys, prefix)
			groups = append(groups, self)
		}
		for i := 0; i < len(rest); {
			child := prefix + string([]rune(rest[i])[depth])
			j := i
			for j < len(rest) && strings.HasPrefix(rest[j], child) {
				j++
			}
			split(child, depth+1, rest[i:j])
			i = j
		}
	}
	if len(terms) > 0 {
		split("", 0, terms)
	}
	return keys, groups
}
