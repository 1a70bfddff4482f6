// Package search builds the site's full-text index and describes the format
// that themes/default/static/search.js reads.
//
// The index is a set of small JavaScript files under search/ in the built
// site. Each calls HBSearch.add(name, data); search.js loads them by
// inserting script elements, so search works from a web server and from
// pages opened as files, with no fetch or XMLHttpRequest.
//
//	search/meta.js     always loaded: document count, shard layout,
//	                   one length character per document, kind labels
//	search/h/<hex>.js  postings of Han and filter terms, sharded by hash
//	search/w/keys.js   prefixes of the word shards, loaded for queries with words
//	search/w/<n>.js    postings of Latin words and pinyin, sharded by prefix
//	search/d/<n>.js    one document: URL, title, kind, roles, section texts;
//	                   loaded only for the results on screen
//
// A query loads meta.js, one shard per term and one file per result shown,
// and nothing else, so the bytes a query costs grow with the terms and
// results it touches, not with the site.
//
// Terms (see Tokenize and PinyinTokens): every Han character, pair and
// triple of adjacent Han characters; lowercased words of letters and digits;
// the full pinyin and initials of title and heading text. Full-width ASCII
// is folded and punctuation dropped by a rule search.js mirrors exactly.
//
// A query matches by the characters or the pairs that cover each Han run,
// and by prefix for words (so dianti and dt find 电梯); its triples tell
// whether it occurs in a page as a phrase, without storing positions.
// Postings hold, per document, the term frequency in four fields: title,
// meta (summary, tags, roles, kind label), headings and body. Scoring, a
// BM25F over those fields times a bonus for the phrase, runs in search.js
// only: this package writes what it needs and does not score. The section
// a result links to, and its snippet, are chosen in the page from the
// document file's text.
//
// Guarantees: Build does not modify its input; the same documents, in any
// order, and options give byte-identical files; an Index is immutable and
// safe for concurrent use. search.js puts index and query text into the page
// only as text nodes, never as markup.
package search
