package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
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
	// (1 to 16). Zero picks the smallest count, up to 1<<maxAutoShardBits,
	// whose shards average at most ShardBytes.
	ShardBits int
	// ShardBytes is the average shard size that ShardBits=0 aims for.
	// Default 4 KiB: a query loads one shard per term, and beyond its own
	// postings, the rest of the shard is waste.
	ShardBytes int
	// WordShardBytes is the size up to which Latin and pinyin terms, in
	// sorted order, share a shard. Default 16 KiB.
	WordShardBytes int
	// DocFileBytes is the size that a file of documents aims at: each
	// holds as many consecutive documents as fit, at least one. Default
	// 5 KiB: a query loads the file of each result it shows.
	DocFileBytes int
}

// maxAutoShardBits caps the number of Han shards ShardBits=0 picks. A
// query loads about four Han shards and a document file per result shown;
// at 10,000 pages, 4,096 shards and three documents a file keep a
// two-word query near 100 KB in about 7,600 files. Fewer, bigger files
// cost every query: 2,000 files in all would make it 250 KB.
const maxAutoShardBits = 12

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
	if o.DocFileBytes <= 0 {
		o.DocFileBytes = 5 << 10
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
	Docs        int
	Terms       int // distinct terms, filters included
	ShardBits   int
	HashShards  int // files under search/h/
	WordShards  int // files under search/w/, keys.js aside
	Readings    int // pinyin readings of Han pairs, see readings
	DocFiles    int // files under search/d/
	DocsPerFile int
	Files       int // all files
	Bytes       int // all files together
	MetaBytes   int // search/meta.js, which every query loads
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

// normRatio is the base of the logarithmic scale on which each document's
// text length is stored in one character.
const normRatio = 1.19

// Filter terms hold the documents of a kind or role. No query term starts
// with '#', so they cannot meet one.
func kindTerm(kind string) string { return "#k:" + kind }
func roleTerm(role string) string { return "#r:" + role }

// Fields of a document, in the order of their term frequencies.
const (
	fieldTitle = iota
	fieldMeta  // summary, tags, roles and kind label
	fieldHeading
	fieldBody
	numFields
)

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
			errs.Add(diag.New("", 0, diag.T("search: document %q has no URL", d.Title), nil))
		} else if i > 0 && docs[i-1].URL == d.URL && (i < 2 || docs[i-2].URL != d.URL) {
			errs.Addf(d.URL, 0, "search: two or more documents have this URL")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	b := newBuilder(docs, opt)
	b.analyze()
	b.hanShards()
	b.finish()
	return &Index{files: b.files, stats: b.stats}, nil
}

// posting is one term in one document.
type posting struct {
	key uint64 // see wordBit
	doc uint32
	tf  uint32 // term frequencies, see packTF
}

// The term frequencies of a posting: body<<12 | title<<8 | meta<<4 |
// heading, or if one of them does not fit, bigTF and the number of the
// frequencies in the range's big list.
const bigTF = 1 << 31

func packTF(c *[numFields]uint32, big *[][numFields]uint32) uint32 {
	if c[fieldBody] < 1<<19 && c[fieldTitle] < 16 && c[fieldMeta] < 16 && c[fieldHeading] < 16 {
		return c[fieldBody]<<12 | c[fieldTitle]<<8 | c[fieldMeta]<<4 | c[fieldHeading]
	}
	*big = append(*big, *c)
	return bigTF | uint32(len(*big)-1)
}

func unpackTF(tf uint32, big [][numFields]uint32) (c [numFields]uint32) {
	if tf&bigTF != 0 {
		return big[tf&^bigTF]
	}
	c[fieldBody] = tf >> 12
	c[fieldTitle] = tf >> 8 & 15
	c[fieldMeta] = tf >> 4 & 15
	c[fieldHeading] = tf & 15
	return c
}

// A range's postings are bytes, sorted by sub-shard, then document: a
// build holds every posting of the site until the shard files are written,
// and as structs they were most of its memory. Each posting is
//
//	document − range start   one byte: a range has at most maxRangeDocs
//	term                     varint: its number among the terms of its
//	                         sub-shard in the range, in order of first
//	                         sight; at first sight, the key follows (see
//	                         appendKey)
//	frequencies              unless a triple: see appendCounts
//
// about three bytes in all, where a posting struct takes sixteen. Terms
// are numbered per range and sub-shard, not per build, so that the table
// that numbers them stays small, and in cache, however many terms a site
// has.
type docRange struct {
	start, end int
	worker     int      // whose analyzer numbered the words
	data       []byte   // the postings, by sub-shard, then document
	off        []uint32 // sub-shard s is data[off[s]:off[s+1]]
	count      []uint32 // postings by sub-shard
}

// maxRangeDocs bounds the documents of a range, so that a posting's
// document fits in one byte.
const maxRangeDocs = 256

// builder is one build. The documents are cut into ranges of consecutive
// documents, which the workers analyze (phase 1, analyze) into postings:
// one per document and term, with the term as a number. Each range sorts
// its postings by the term's sub-shard, a fine partition of the Han terms
// by the hash search.js computes, plus one bucket for words. Then the
// workers take the Han shard files (phase 2, hanShards): gather each of its
// sub-shards' postings from every range, in range order and so in document
// order; group them by term; and encode them into the file. One worker
// takes the words first, as one job among the shard files. The filters and
// documents follow (finish). No step depends on which worker did what, so
// the bytes do not either.
type builder struct {
	opt     Options
	docs    []Doc
	workers int
	subBits int // sub-shards: 1<<subBits, and one more for words
	ranges  []docRange
	bodyLen []int
	an      []*analyzer // by worker

	bits   int      // Han shard files: 1<<bits
	shards [][]byte // Han shard files, by shard
	files  map[string][]byte
	stats  Stats

	// The words, sorted, and their postings, from words; written out with
	// the readings once the Han shards are done.
	wordList []string
	wordPost []byte
	wordEnds []int        // wordList[i]'s postings end at wordPost[wordEnds[i]]
	pairs    [][]pairDocs // by worker: the Han pairs of its shards
}

func newBuilder(docs []Doc, opt Options) *builder {
	b := &builder{opt: opt, docs: docs, workers: runtime.GOMAXPROCS(0), subBits: maxAutoShardBits,
		bodyLen: make([]int, len(docs)), files: map[string][]byte{}}
	if opt.ShardBits > 0 {
		b.subBits = opt.ShardBits
	}
	per := min(maxRangeDocs, max(1, len(docs)/(4*b.workers)))
	for s := 0; s < len(docs); s += per {
		b.ranges = append(b.ranges, docRange{start: s, end: min(s+per, len(docs))})
	}
	b.an = make([]*analyzer, b.workers)
	for w := range b.an {
		b.an[w] = newAnalyzer()
	}
	return b
}

// parallel calls fn(w, i) for i in [0, n) on the builder's workers; w is
// the worker.
func (b *builder) parallel(n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(b.workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}

// analyze is phase 1.
func (b *builder) analyze() {
	// A worker collects a range's postings in document order, sorts them by
	// sub-shard, then writes them as bytes.
	type scratch struct {
		ps     []posting // doc is the document in the range, and the sub-shard above it
		sorted []posting
		big    [][numFields]uint32
		terms  termTable // of one sub-shard
		buf    []byte
	}
	sc := make([]scratch, b.workers)
	wordBucket := b.wordBucket()
	buckets := wordBucket + 1
	shift := 32 - b.subBits
	b.parallel(len(b.ranges), func(w, r int) {
		a, s, rg := b.an[w], &sc[w], &b.ranges[r]
		rg.worker = w
		rg.count = make([]uint32, buckets)
		s.ps, s.big = s.ps[:0], s.big[:0]
		for d := rg.start; d < rg.end; d++ {
			b.bodyLen[d] = a.doc(&b.docs[d])
			doc := uint32(d - rg.start)
			for n, key := range a.terms.keys {
				sub := uint32(wordBucket)
				if key&wordBit == 0 {
					sub = a.hashes[n] >> shift
				}
				p := posting{key: key, doc: doc | sub<<8}
				if !isTripleKey(key) { // triples keep only the document
					p.tf = packTF(&a.counts[n], &s.big)
				}
				s.ps = append(s.ps, p)
				rg.count[sub]++
			}
		}
		// Sort by sub-shard, keeping document order.
		next := make([]uint32, buckets+1)
		for i := 1; i <= buckets; i++ {
			next[i] = next[i-1] + rg.count[i-1]
		}
		if cap(s.sorted) < len(s.ps) {
			s.sorted = make([]posting, len(s.ps))
		}
		s.sorted = s.sorted[:len(s.ps)]
		for _, p := range s.ps {
			sub := p.doc >> 8
			s.sorted[next[sub]] = p
			next[sub]++
		}
		// Write each sub-shard's postings.
		rg.off = make([]uint32, buckets+1)
		s.buf = s.buf[:0]
		start := 0
		for sub, n := range rg.count {
			ps := s.sorted[start : start+int(n)]
			start += int(n)
			s.terms.reset(len(ps))
			for i := range ps {
				p := &ps[i]
				id, isNew := s.terms.add(p.key)
				if id < 0x80 {
					s.buf = append(s.buf, byte(p.doc), byte(id))
				} else {
					s.buf = binary.AppendUvarint(append(s.buf, byte(p.doc)), uint64(id))
				}
				if isNew {
					s.buf = appendKey(s.buf, p.key)
				}
				if !isTripleKey(p.key) {
					if p.tf&bigTF == 0 && p.tf&0xFF0 == 0 { // body and maybe headings only: the usual case
						s.buf = appendPackedCounts(s.buf, p.tf)
					} else {
						c := unpackTF(p.tf, s.big)
						s.buf = appendCounts(s.buf, &c)
					}
				}
			}
			rg.off[sub+1] = uint32(len(s.buf))
		}
		rg.data = append([]byte(nil), s.buf...)
	})
}

// appendKey writes a term's key in a range's postings. A Han term of
// characters from U+3400 to U+9FFF, nearly all of them, is its count, 1 to
// 3, in the low two bits and the hanCode of each character, first lowest,
// in three, four or six bytes: a triple's key as a varint takes nine, and
// half the postings of a range carry their key. Other Han terms are a zero
// byte, then the key as a varint. A word's key is a varint of its number
// or codes, shifted over its kind: 0 word, 1 pinyin, 2 initials.
func appendKey(b []byte, key uint64) []byte {
	if key&wordBit != 0 {
		v := key & (initialsBit - 1) << 2
		switch {
		case key&pinyinBit != 0:
			v |= 1
		case key&initialsBit != 0:
			v |= 2
		}
		return binary.AppendUvarint(b, v)
	}
	// The characters, first to last, less U+3400: one out of the range
	// wraps around to a large number.
	const m, span = 1<<21 - 1, 0x9FFF - 0x3400 + 1
	c0, c1, c2 := key>>42-0x3400, key>>21&m-0x3400, key&m-0x3400
	var v uint64
	n := 0
	switch {
	case key>>42 != 0:
		if c0 < span && c1 < span && c2 < span {
			v, n = 3|(c0+1)<<2|(c1+1)<<17|(c2+1)<<32, 3
		}
	case key>>21 != 0:
		if c1 < span && c2 < span {
			v, n = 2|(c1+1)<<2|(c2+1)<<17, 2
		}
	default:
		if c2 < span {
			v, n = 1|(c2+1)<<2, 1
		}
	}
	if n == 0 {
		return binary.AppendUvarint(append(b, 0), key)
	}
	size := len(b) + keyBytes[n]
	return binary.LittleEndian.AppendUint64(b, v)[:size]
}

// keyBytes is the size of a Han key of 1 to 3 characters as appendKey
// packs it.
var keyBytes = [4]int{0, 3, 4, 6}

// readKey reads the key appendKey wrote at data[i] and returns it and the
// index past it.
func readKey(data []byte, i int, word bool) (uint64, int) {
	if word {
		v, n := binary.Uvarint(data[i:])
		key := v>>2 | wordBit
		switch v & 3 {
		case 1:
			key |= pinyinBit
		case 2:
			key |= initialsBit
		}
		return key, i + n
	}
	n := int(data[i] & 3)
	if n == 0 {
		v, size := binary.Uvarint(data[i+1:])
		return v, i + 1 + size
	}
	size := keyBytes[n]
	var v uint64
	if i+8 <= len(data) {
		v = binary.LittleEndian.Uint64(data[i:])
	} else {
		for _, c := range slices.Backward(data[i : i+size]) {
			v = v<<8 | uint64(c)
		}
	}
	key := uint64(0)
	for k := range n {
		key = key<<21 | (v>>(2+15*k)&(1<<15-1) + 0x3400 - 1)
	}
	return key, i + size
}

// appendCounts writes the term frequencies of a posting as varints: x =
// body<<2 | 2 if title or meta | 1 if headings, then the title and meta
// frequencies if bit 2 is set, then the heading frequency if bit 1 is.
func appendCounts(b []byte, c *[numFields]uint32) []byte {
	x := uint64(c[fieldBody]) << 2
	if c[fieldTitle]|c[fieldMeta] != 0 {
		x |= 2
	}
	if c[fieldHeading] != 0 {
		x |= 1
	}
	b = binary.AppendUvarint(b, x)
	if x&2 != 0 {
		b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(c[fieldTitle])), uint64(c[fieldMeta]))
	}
	if x&1 != 0 {
		b = binary.AppendUvarint(b, uint64(c[fieldHeading]))
	}
	return b
}

// appendPackedCounts is appendCounts of a packTF value without title or
// meta frequencies.
func appendPackedCounts(b []byte, tf uint32) []byte {
	x := tf >> 12 << 2
	if tf&15 != 0 {
		x |= 1
	}
	if x < 0x80 {
		b = append(b, byte(x))
	} else {
		b = binary.AppendUvarint(b, uint64(x))
	}
	if x&1 != 0 {
		b = binary.AppendUvarint(b, uint64(tf&15))
	}
	return b
}

// uvarint reads the varint at data[i] and returns it and the index past it.
func uvarint(data []byte, i int) (uint32, int) {
	if c := data[i]; c < 0x80 {
		return uint32(c), i + 1
	}
	v, n := binary.Uvarint(data[i:])
	return uint32(v), i + n
}

// hit is a posting once its term is known: the document and, unless a
// triple, the frequencies (see packTF).
type hit struct {
	doc, tf uint32
}

// grouper gathers the postings of one bucket from all ranges and groups
// them by term. A range numbers its terms, so a term is looked up once per
// range that has it, not once per posting.
type grouper struct {
	terms  termTable // the bucket's terms, numbered in order of first sight
	local  []uint32  // term of each of a range's numbers, tripleTerm if a triple
	ix     []uint32  // term of es[i]
	es     []hit     // in range, then document order
	end    []uint32  // by term: the end of its postings in sorted
	sorted []hit     // es by term, then document
	big    [][numFields]uint32
}

const tripleTerm = 1 << 31

// gather reads the postings of bucket from every range. In the word bucket
// a word's number is the analyzer's that read it, so the key of a word
// gets the worker's number above its own.
func (g *grouper) gather(b *builder, bucket int, hint int) {
	word := bucket == b.wordBucket()
	g.terms.reset(hint)
	g.es, g.ix, g.end, g.big = g.es[:0], g.ix[:0], g.end[:0], g.big[:0]
	for r := range b.ranges {
		rg := &b.ranges[r]
		g.local = g.local[:0]
		data, end := rg.data, int(rg.off[bucket+1]) // readKey may read past end
		for i := int(rg.off[bucket]); i < end; {
			e := hit{doc: uint32(rg.start) + uint32(data[i])}
			var n uint32
			n, i = uvarint(data, i+1)
			if int(n) == len(g.local) {
				var key uint64
				key, i = readKey(data, i, word)
				if word && key&(pinyinBit|initialsBit) == 0 {
					key |= uint64(rg.worker) << 32
				}
				t, isNew := g.terms.add(key)
				if isNew {
					g.end = append(g.end, 0)
				}
				if isTripleKey(key) {
					t |= tripleTerm
				}
				g.local = append(g.local, t)
			}
			t := g.local[n]
			if t&tripleTerm == 0 {
				var x uint32
				x, i = uvarint(data, i)
				if x&3 == 0 && x < 1<<21 { // body only, and it fits: the usual case
					e.tf = x >> 2 << 12
				} else {
					var c [numFields]uint32
					c[fieldBody] = x >> 2
					if x&2 != 0 {
						c[fieldTitle], i = uvarint(data, i)
						c[fieldMeta], i = uvarint(data, i)
					}
					if x&1 != 0 {
						c[fieldHeading], i = uvarint(data, i)
					}
					e.tf = packTF(&c, &g.big)
				}
			}
			t &^= tripleTerm
			g.end[t]++
			g.ix = append(g.ix, t)
			g.es = append(g.es, e)
		}
	}
	sum := uint32(0)
	for t, c := range g.end {
		g.end[t] = sum
		sum += c
	}
	if cap(g.sorted) < len(g.es) {
		g.sorted = make([]hit, len(g.es))
	}
	g.sorted = g.sorted[:len(g.es)]
	for i, t := range g.ix {
		g.sorted[g.end[t]] = g.es[i]
		g.end[t]++
	}
}

// postings of term n, in document order.
func (g *grouper) postingsOf(n int) []hit {
	start := uint32(0)
	if n > 0 {
		start = g.end[n-1]
	}
	return g.sorted[start:g.end[n]]
}

// appendPostings writes the postings of a term, ps, in document order, of
// ndocs documents in all. Per document: the gap from the last one less one,
// then unless docsOnly, its frequencies (see appendTF). Or, if shorter:
// bitmapMark, a bitmap of the documents, six to a digit, then the
// frequencies of each.
func appendPostings(out []byte, ps []hit, big [][numFields]uint32, docsOnly bool, ndocs int) []byte {
	start := len(out)
	next, gaps := uint32(0), 0
	for i := range ps {
		p := &ps[i]
		n := len(out)
		out = appendNum(out, p.doc-next)
		gaps += len(out) - n
		next = p.doc + 1
		if !docsOnly {
			out = appendTF(out, p, big)
		}
	}
	size := len(out) - start
	if 1+(ndocs+5)/6+size-gaps >= size {
		return out
	}
	out = append(out[:start], bitmapMark)
	bits := len(out)
	out = append(out, make([]byte, (ndocs+5)/6)...)
	for i := range ps {
		out[bits+int(ps[i].doc/6)] |= 1 << (ps[i].doc % 6)
	}
	for k := bits; k < len(out); k++ {
		out[k] = numAlphabet[out[k]]
	}
	if !docsOnly {
		for i := range ps {
			out = appendTF(out, &ps[i], big)
		}
	}
	return out
}

// appendTF writes the frequencies of a posting as x = body<<2 | 1 if title
// or meta | 2 if headings, then the title and meta frequencies if bit 1 is
// set, then the heading frequency if bit 2 is.
func appendTF(out []byte, p *hit, big [][numFields]uint32) []byte {
	if p.tf&bigTF == 0 && p.tf&0xFF0 == 0 { // body and maybe headings only: the usual case
		x := p.tf>>12<<2 | min(p.tf&15, 1)<<1
		out = appendNum(out, x)
		if x&2 != 0 {
			out = appendNum(out, p.tf&15)
		}
		return out
	}
	c := unpackTF(p.tf, big)
	x := c[fieldBody] << 2
	if c[fieldTitle]+c[fieldMeta] > 0 {
		x |= 1
	}
	if c[fieldHeading] > 0 {
		x |= 2
	}
	out = appendNum(out, x)
	if x&1 != 0 {
		out = appendNum(appendNum(out, c[fieldTitle]), c[fieldMeta])
	}
	if x&2 != 0 {
		out = appendNum(out, c[fieldHeading])
	}
	return out
}

func (b *builder) wordBucket() int { return 1 << b.subBits }

// bytesPerPosting is about what a Han posting takes in a shard file, its
// share of the term's key included; ShardBits=0 counts shards by it.
const bytesPerPosting = 4

// hanShards is phase 2. It picks the number of Han shard files, then
// writes each: its sub-shards' terms, grouped and encoded. The words are
// the first job of the same workers: they are the longest, and left on one
// core at the end they would keep the other one idle. The workers note
// each Han pair and its pages; the word shards are written last, with the
// readings of those pairs.
func (b *builder) hanShards() {
	postings := make([]int, 1<<b.subBits) // by sub-shard
	total := 0
	for s := range postings {
		for r := range b.ranges {
			postings[s] += int(b.ranges[r].count[s])
		}
		total += postings[s]
	}
	b.bits = b.opt.ShardBits
	if b.bits == 0 {
		b.bits = 1
		for b.bits < b.subBits && total*bytesPerPosting>>b.bits > b.opt.ShardBytes {
			b.bits++
		}
	}
	per := 1 << (b.subBits - b.bits)
	width := (b.bits + 3) / 4
	b.shards = make([][]byte, 1<<b.bits)
	terms := make([]int, b.workers)
	bufs := make([][]byte, b.workers)
	b.pairs = make([][]pairDocs, b.workers)
	gs := make([]grouper, b.workers)
	b.parallel(1+len(b.shards), func(w, j int) {
		if j == 0 {
			b.words()
			return
		}
		f := j - 1
		size := 0
		for _, n := range postings[f*per : (f+1)*per] {
			size += n
		}
		if size == 0 {
			return
		}
		name := fmt.Sprintf("h/%0*x", width, f)
		// The file is written into the worker's buffer, then copied: all
		// shards are held until the index is written, and a buffer sized
		// from the postings would hold twice the bytes of the file.
		out := bufs[w][:0]
		out = append(out, `HBSearch.add("`...)
		out = append(out, name...)
		out = append(out, `","`...)
		g := &gs[w]
		for sub := f * per; sub < (f+1)*per; sub++ {
			g.gather(b, sub, postings[sub]/4) // postings per term: about 7 for Han text
			for n, key := range g.terms.keys {
				ps := g.postingsOf(n)
				out = appendHanKey(out, key)
				out = appendPostings(out, ps, g.big, isTripleKey(key), len(b.docs))
				if isPairKey(key) {
					b.pairs[w] = append(b.pairs[w], pairDocs{key, uint32(len(ps))})
				}
			}
			terms[w] += len(g.terms.keys)
		}
		out = append(out, "\");\n"...)
		b.shards[f] = bytes.Clone(out)
		bufs[w] = out
	})
	for _, n := range terms {
		b.stats.Terms += n
	}
	b.writeWords(b.readings())
}

func (b *builder) finish() {
	b.stats.ShardBits = b.bits
	b.hashFiles()
	// The postings are written: let the collector have them while the
	// documents are.
	for r := range b.ranges {
		b.ranges[r].data = nil
	}
	b.filters(b.bits)
	b.docFiles()
	b.meta(b.bits)

	b.stats.Docs = len(b.docs)
	b.stats.Files = len(b.files)
	for _, f := range b.files {
		b.stats.Bytes += len(f)
	}
	b.stats.MetaBytes = len(b.files["search/meta.js"])
}

// A Han shard file is
//
//	HBSearch.add("h/1a2","电梯A.B保洁C…");
//
// one string of terms, each its Han characters followed by its postings.
// Digits are ASCII and keys Han, so each key ends where its postings start.
// The postings of a triple hold documents only: they tell where a phrase
// occurs, and search.js does not score them.
func (b *builder) hashFiles() {
	width := (b.bits + 3) / 4
	for f, out := range b.shards {
		if out != nil {
			b.files[fmt.Sprintf("search/h/%0*x.js", width, f)] = out
			b.stats.HashShards++
		}
	}
}

// words writes the Latin and pinyin terms: sorted, then cut into shards of
// up to WordShardBytes, each a JSON object of term → postings, and
// search/w/keys.js, the first term of each shard. The terms a prefix finds
// are in the shard where the prefix would be and the ones after it whose
// first term starts with the prefix.
func (b *builder) words() {
	var g grouper
	n := 0
	for r := range b.ranges {
		n += int(b.ranges[r].count[b.wordBucket()])
	}
	g.gather(b, b.wordBucket(), n/8) // a table of the words, not the postings: it stays in cache longer

	// The text of each word: from the analyzers' lists, and of each
	// distinct pinyin key. word[t] is the number of term t's text in list.
	number := make(map[string]uint32, len(g.terms.keys))
	var list []string
	addText := func(s string) uint32 {
		i, ok := number[s]
		if !ok {
			i = uint32(len(list))
			number[s] = i
			list = append(list, s)
		}
		return i
	}
	ofWord := make([][]uint32, len(b.an)) // by analyzer, then its word number
	for w, a := range b.an {
		ofWord[w] = make([]uint32, len(a.wordOf))
		for n, s := range a.wordOf {
			ofWord[w][n] = addText(s)
		}
	}
	word := make([]uint32, len(g.terms.keys))
	for t, key := range g.terms.keys {
		if key&(pinyinBit|initialsBit) != 0 {
			word[t] = addText(b.an[0].pinyinText(key))
		} else {
			word[t] = ofWord[key>>32&(1<<29-1)][uint32(key)]
		}
	}
	// Number them in sorted order.
	rank := sortUTF16(list)
	for t := range word {
		word[t] = rank[word[t]]
	}

	// Order the postings by word. Keys with the same text are one word:
	// their postings are put in document order, and those of one document
	// are one posting.
	start := make([]uint32, len(list)+1)
	nkeys := make([]uint32, len(list)) // keys of each word
	for t, i := range word {
		start[i+1] += uint32(len(g.postingsOf(t)))
		nkeys[i]++
	}
	for i := range list {
		start[i+1] += start[i]
	}
	sorted := make([]hit, len(g.es))
	next := append([]uint32(nil), start[:len(list)]...)
	for t, i := range word {
		next[i] += uint32(copy(sorted[next[i]:], g.postingsOf(t)))
	}
	b.stats.Terms += len(list)
	for i := range list {
		ps := sorted[start[i]:start[i+1]]
		if nkeys[i] == 1 {
			continue
		}
		slices.SortStableFunc(ps, func(x, y hit) int { return cmp.Compare(x.doc, y.doc) })
		n := 0
		for k := range ps {
			if n > 0 && ps[k].doc == ps[n-1].doc {
				c, d := unpackTF(ps[n-1].tf, g.big), unpackTF(ps[k].tf, g.big)
				for f := range c {
					c[f] += d[f]
				}
				ps[n-1].tf = packTF(&c, &g.big)
				continue
			}
			ps[n] = ps[k]
			n++
		}
		next[i] = start[i] + uint32(n)
	}

	ends := make([]int, len(list))
	var post []byte
	for i := range list {
		post = appendPostings(post, sorted[start[i]:next[i]], g.big, false, len(b.docs))
		ends[i] = len(post)
	}
	b.wordList, b.wordPost, b.wordEnds = list, post, ends
}

// writeWords writes the words and the readings, merged in sorted order,
// into shards of about WordShardBytes, w/<n>.js, each
//
//	HBSearch.add("w/<n>", {word: postings, …}, {reading: pairs, …})
//
// without the second object if the shard has no readings; and w/keys.js,
// the first key of each shard, then the syllables of the readings.
func (b *builder) writeWords(rd readings) {
	postOf := func(i int) []byte {
		if i == 0 {
			return b.wordPost[:b.wordEnds[0]]
		}
		return b.wordPost[b.wordEnds[i-1]:b.wordEnds[i]]
	}
	// One entry per key: a word, a reading, or both.
	type entry struct {
		key      string
		word, rd int // in b.wordList and rd.keys; -1 if none
		size     int
	}
	list := b.wordList
	var es []entry
	for i, j := 0, 0; i < len(list) || j < len(rd.keys); {
		e := entry{word: -1, rd: -1}
		c := 0
		switch {
		case i == len(list):
			c = 1
		case j == len(rd.keys):
			c = -1
		default:
			c = compareUTF16(list[i], rd.keys[j])
		}
		if c <= 0 {
			e.key, e.word = list[i], i
			e.size += len(list[i]) + len(postOf(i)) + 6
			i++
		}
		if c >= 0 {
			e.key, e.rd = rd.keys[j], j
			e.size += len(rd.keys[j]) + len(rd.pairs[j]) + 6
			j++
		}
		es = append(es, e)
	}
	keys := []string{}
	for i := 0; i < len(es); {
		j, size, reads := i, 0, false
		for j < len(es) && (j == i || size+es[j].size <= b.opt.WordShardBytes) {
			size += es[j].size
			reads = reads || es[j].rd >= 0
			j++
		}
		name := "w/" + strconv.Itoa(len(keys))
		out := make([]byte, 0, size+len(name)+24)
		out = append(out, `HBSearch.add("`...)
		out = append(out, name...)
		out = append(out, `",`...)
		// object writes the entries that have a value as a JSON object.
		object := func(value func(out []byte, e entry) ([]byte, bool)) {
			out = append(out, '{')
			n := len(out)
			for _, e := range es[i:j] {
				m := len(out)
				if len(out) > n {
					out = append(out, ',')
				}
				out = append(appendJSONString(out, e.key), ':')
				var ok bool
				if out, ok = value(out, e); !ok {
					out = out[:m]
				}
			}
			out = append(out, '}')
		}
		object(func(out []byte, e entry) ([]byte, bool) {
			if e.word < 0 {
				return out, false
			}
			return append(append(append(out, '"'), postOf(e.word)...), '"'), true
		})
		if reads {
			out = append(out, ',')
			object(func(out []byte, e entry) ([]byte, bool) {
				if e.rd < 0 {
					return out, false
				}
				return appendJSONString(out, rd.pairs[e.rd]), true
			})
		}
		out = append(out, ");\n"...)
		b.files["search/"+name+".js"] = out
		keys = append(keys, es[i].key)
		i = j
	}
	b.stats.WordShards = len(keys)
	b.stats.Readings = len(rd.keys)
	if len(rd.keys) == 0 {
		b.files["search/w/keys.js"] = jsFile("w/keys", keys)
		return
	}
	f := jsFile("w/keys", keys)
	f = append(f[:len(f)-len(");\n")], ',')
	f = appendJSONString(f, strings.Join(rd.syllables, " "))
	b.files["search/w/keys.js"] = append(f, ");\n"...)
}

// filters writes the kind and role terms, documents only, into files
// f/<shard>.js named by the hash shard of the term, as JSON objects.
func (b *builder) filters(bits int) {
	docs := map[string][]uint32{}
	var terms []string
	add := func(t string, d int) {
		if _, ok := docs[t]; !ok {
			terms = append(terms, t)
		}
		docs[t] = append(docs[t], uint32(d))
	}
	for i, d := range b.docs {
		add(kindTerm(d.Kind), i)
		for j, r := range d.Roles {
			if r != "" && !contains(d.Roles[:j], r) {
				add(roleTerm(r), i)
			}
		}
	}
	sort.Strings(terms)
	b.stats.Terms += len(terms)
	width := (bits + 3) / 4
	byFile := map[string][]string{}
	var names []string
	for _, t := range terms {
		name := fmt.Sprintf("f/%0*x", width, hashShard(t, bits))
		if byFile[name] == nil {
			names = append(names, name)
		}
		byFile[name] = append(byFile[name], t)
	}
	for _, name := range names {
		out := []byte(`HBSearch.add("` + name + `",{`)
		for i, t := range byFile[name] {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, t)
			out = append(out, ':', '"')
			next := uint32(0)
			for _, d := range docs[t] {
				out = appendNum(out, d-next)
				next = d + 1
			}
			out = append(out, '"')
		}
		b.files["search/"+name+".js"] = append(out, "});\n"...)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// docFiles writes the documents, DocsPerFile consecutive ones to a file,
// d/<n>.js with the documents from n×DocsPerFile on, each an array
//
//	[url, title, kind, summary, id, heading, text, id, heading, text, …]
//
// with one id, heading and text per section.
func (b *builder) docFiles() {
	if len(b.docs) == 0 {
		return
	}
	size := 0
	for i := range b.docs {
		size += docSize(&b.docs[i])
	}
	per := min(len(b.docs), max(1, b.opt.DocFileBytes*len(b.docs)/size))
	b.stats.DocsPerFile = per
	n := (len(b.docs) + per - 1) / per
	b.stats.DocFiles = n
	out := make([][]byte, n)
	b.parallel(n, func(_, f int) {
		docs := b.docs[f*per : min((f+1)*per, len(b.docs))]
		size := 32
		for i := range docs {
			size += docSize(&docs[i])
		}
		name := "d/" + strconv.Itoa(f)
		buf := make([]byte, 0, size+size/8)
		buf = append(buf, `HBSearch.add("`...)
		buf = append(buf, name...)
		buf = append(buf, `",[`...)
		for i := range docs {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendDoc(buf, &docs[i])
		}
		out[f] = append(buf, "]);\n"...)
	})
	for f, buf := range out {
		b.files["search/d/"+strconv.Itoa(f)+".js"] = buf
	}
}

// docSize is about the size of a document's record.
func docSize(d *Doc) int {
	n := len(d.URL) + len(d.Title) + len(d.Kind) + len(d.Summary) + 12
	for _, s := range d.Sections {
		n += len(s.ID) + len(s.Heading) + len(s.Text) + 9
	}
	return n
}

func appendDoc(b []byte, d *Doc) []byte {
	b = append(b, '[')
	b = appendJSONString(b, d.URL)
	for _, s := range []string{d.Title, d.Kind, d.Summary} {
		b = appendJSONString(append(b, ','), s)
	}
	for _, s := range d.Sections {
		b = appendJSONString(append(b, ','), s.ID)
		b = appendJSONString(append(b, ','), s.Heading)
		b = appendJSONString(append(b, ','), s.Text)
	}
	return append(b, ']')
}

func (b *builder) meta(bits int) {
	kinds := map[string]string{}
	for _, d := range b.docs {
		if _, ok := kinds[d.Kind]; !ok || kinds[d.Kind] == "" {
			kinds[d.Kind] = d.KindLabel
		}
	}
	norms := make([]byte, len(b.bodyLen))
	sum := 0
	for i, n := range b.bodyLen {
		sum += n
		norms[i] = numAlphabet[quantizeLen(n)]
	}
	avg := 0.0
	if len(b.docs) > 0 {
		avg = float64(sum) / float64(len(b.docs))
	}
	b.files["search/meta.js"] = jsFile("meta", map[string]any{
		"v":     2,
		"id":    b.contentID(),
		"n":     len(b.docs),
		"hb":    bits,
		"dk":    max(1, b.stats.DocsPerFile),
		"nr":    normRatio,
		"norms": string(norms),
		"avg":   math.Round(avg*10) / 10,
		"kinds": kinds,
	})
}

// contentID names the contents of the other files of the index: search.js
// asks for each with ?v=<id> (and for meta.js, always afresh), so that a
// browser never takes files of two builds from its cache and mixes their
// document numbers. CRC-32C over the files in name order: a few
// milliseconds for a large site, and enough to tell builds apart.
func (b *builder) contentID() string {
	names := make([]string, 0, len(b.files))
	for n := range b.files {
		if n != "search/meta.js" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(b.files[n])
	}
	return fmt.Sprintf("%08x", h.Sum32())
}

// quantizeLen maps a length to 0–63 on a scale of ratio normRatio; search.js
// reads it back as normRatio^q − 1.
func quantizeLen(n int) int {
	q := int(math.Round(math.Log(float64(n)+1) / math.Log(normRatio)))
	return min(q, 63)
}

// compareUTF16 orders strings as JavaScript does, by UTF-16 code units,
// then by bytes. Byte order is the same but where a character from U+E000
// to U+FFFF meets one past U+FFFF.
func compareUTF16(a, b string) int {
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	if k < len(a) && k < len(b) && (a[k] >= 0xEE || b[k] >= 0xEE) {
		// A lead byte: both strings have a character starting at k.
		ra, _ := utf8.DecodeRuneInString(a[k:])
		rb, _ := utf8.DecodeRuneInString(b[k:])
		if c := cmp.Compare(utf16Key(ra), utf16Key(rb)); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

// sortUTF16 sorts ss by compareUTF16 and returns where each string went:
// ss[rank[i]] is the string that was ss[i]. Strings with no byte from 0xEE
// on, most words and all pinyin, are in that order by bytes already, which
// sorts faster.
func sortUTF16(ss []string) (rank []uint32) {
	type item struct {
		s string
		i uint32
	}
	items := make([]item, len(ss))
	high := false // a byte from 0xEE on
	for i, s := range ss {
		items[i] = item{s, uint32(i)}
		for k := 0; k < len(s) && !high; k++ {
			high = s[k] >= 0xEE
		}
	}
	compare := strings.Compare
	if high {
		compare = compareUTF16
	}
	slices.SortFunc(items, func(a, b item) int { return compare(a.s, b.s) })
	rank = make([]uint32, len(ss))
	for k, it := range items {
		ss[k] = it.s
		rank[it.i] = uint32(k)
	}
	return rank
}

// utf16Key is the code units of r, first one high.
func utf16Key(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	hi, lo := utf16.EncodeRune(r)
	return uint32(hi)<<16 | uint32(lo)
}

// isWordTerm tells a Latin or pinyin term from a Han or filter term.
func isWordTerm(t string) bool {
	if t == "" || t[0] == '#' {
		return false
	}
	for _, r := range t {
		return !isHan(r)
	}
	return false
}

// jsFile wraps v as a script that hands it to search.js. Index files are
// scripts rather than JSON so that pages opened from file:// can load them.
func jsFile(name string, v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(`HBSearch.add("` + name + `",`)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // digits include <, > and &; U+2028 and U+2029 stay escaped
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers, slices and maps are passed
	}
	buf.Truncate(buf.Len() - 1) // the encoder's newline
	buf.WriteString(");\n")
	return buf.Bytes()
}
