package print

import (
	"bytes"
	"regexp"
	"strconv"
)

var (
	objStart = regexp.MustCompile(`(?m)^(\d+) 0 obj\b`)
	destsRef = regexp.MustCompile(`/Dests\s+(\d+)\s+0\s+R`)
	pagesRef = regexp.MustCompile(`/Pages\s+(\d+)\s+0\s+R`)
	kidsKey  = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	refRE    = regexp.MustCompile(`(\d+)\s+0\s+R`)
	destRE   = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R`)
)

// DestPages returns the page, from 1, that each named destination of a PDF
// points at: the anchors that a document's own links lead to, by the ID
// of their element. Chromium writes them in a /Dests dictionary of the
// catalog, and its objects uncompressed: a PDF written otherwise yields
// an empty map.
func DestPages(pdf []byte) map[string]int {
	objs := map[int][]byte{} // each object's dictionary: up to its stream or end
	locs := objStart.FindAllSubmatchIndex(pdf, -1)
	for i, l := range locs {
		end := len(pdf)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := pdf[l[1]:end]
		if j := bytes.Index(body, []byte("stream")); j >= 0 {
			body = body[:j]
		}
		n, _ := strconv.Atoi(string(pdf[l[2]:l[3]]))
		objs[n] = body
	}
	out := map[string]int{}
	var catalog []byte
	for _, o := range objs {
		if bytes.Contains(o, []byte("/Type /Catalog")) || bytes.Contains(o, []byte("/Type/Catalog")) {
			catalog = o
			break
		}
	}
	dm, pm := destsRef.FindSubmatch(catalog), pagesRef.FindSubmatch(catalog)
	if dm == nil || pm == nil {
		return out
	}
	// The pages in order: the leaves of the page tree, left to right.
	number := map[int]int{}
	var walk func(n, depth int)
	walk = func(n, depth int) {
		o, ok := objs[n]
		if !ok || depth > 64 {
			return
		}
		if k := kidsKey.FindSubmatch(o); k != nil && bytes.Contains(o, []byte("/Pages")) {
			for _, r := range refRE.FindAllSubmatch(k[1], -1) {
				kid, _ := strconv.Atoi(string(r[1]))
				walk(kid, depth+1)
			}
			return
		}
		if _, seen := number[n]; !seen {
			number[n] = len(number) + 1
		}
	}
	root, _ := strconv.Atoi(string(pm[1]))
	walk(root, 0)
	dn, _ := strconv.Atoi(string(dm[1]))
	for _, m := range destRE.FindAllSubmatch(objs[dn], -1) {
		ref, _ := strconv.Atoi(string(m[2]))
		if p, ok := number[ref]; ok {
			out[pdfName(m[1])] = p
		}
	}
	return out
}

// pdfName decodes the #xx escapes of a PDF name.
func pdfName(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
