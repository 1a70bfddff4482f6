// Package search builds the site's full-text index and describes the format
// that themes/default/static/search.js reads.
//
// The index is a set of small JavaScript files under search/ in the built
// site. Each calls HBSearch.add(name, data); search.js loads them by
// inserting script elements, so search works from a web server and from
// pages opened as files, with no fetch or XMLHttpRequest.
//
//	search/meta.js     always loaded: document count, shard layout,
//	                   one length digit per document, kind labels
//	search/h/<hex>.js  postings of Han terms, sharded by hash
//	search/f/<hex>.js  documents of kind and role filters, by the same hash
//	search/w/keys.js   first key of each word shard, then the syllables of
//	                   the readings; loaded for queries with words
//	search/w/<n>.js    postings of Latin words and pinyin, and the readings
//	                   of Han pairs (see readings), in sorted ranges
//	search/d/<n>.js    documents n×dk to n×dk+dk−1: URL, title, kind,
//	                   summary, section texts; loaded for the results on screen
//
// A query loads meta.js, one shard per term and one document file per
// result shown, and nothing else, so the bytes a query costs grow with the
// terms and results it touches, not with the site. Shards and document
// files are sized against the number of files a build writes: at 10,000
// pages about 4,096 Han shards and three documents a file (see Options).
//
// Terms (see Tokenize and PinyinTokens): every Han character, pair and
// triple of adjacent Han characters; lowercased words of letters and digits,
// which an apostrophe inside joins (dian'ti, as input methods show pinyin
// being typed, is dianti); the full pinyin and initials of title and
// heading text. Full-width ASCII is folded and punctuation dropped by a
// rule search.js mirrors exactly.
//
// A query matches by the characters or the pairs that cover each Han run,
// and by prefix for words (so dianti and dt find 电梯); its triples tell
// whether it occurs in a page as a phrase, without storing positions. A
// word that cuts into pinyin syllables is read as the Han pairs its
// readings name, so xiaodu finds 消毒 in a page's text as 消毒 does.
// Postings hold, per document, the term frequency in four fields: title,
// meta (summary, tags, roles, kind label), headings and body; those of
// triples and filters hold documents only. Scoring, a BM25F over those
// fields times a bonus for the phrase, runs in search.js only: this package
// writes what it needs and does not score. The section a result links to,
// and its snippet, are chosen in the page from the document's text.
//
// Numbers are written in printable ASCII digits (see appendNum). A Han
// shard is one string: each term's characters, then its postings, with no
// separator, since digits are never Han. Postings are gap-coded document
// numbers with the frequencies of each, or for terms in many documents a
// bitmap of the documents, then the frequencies (see appendPostings).
//
// Build runs on all cores: terms are keyed by integers, counted per
// document in a reused hash table, partitioned by shard and encoded per
// shard into the file's buffer (see builder).
//
// Guarantees: Build does not modify its input; the same documents, in any
// order, and options give byte-identical files, however many cores build
// them; an Index is immutable and safe for concurrent use. search.js puts
// index and query text into the page only as text nodes, never as markup.
package search
