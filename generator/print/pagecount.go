package print

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
)

var (
	pageObj   = regexp.MustCompile(`/Type\s*/Page\b`)
	pagesObj  = regexp.MustCompile(`/Type\s*/Pages\b`)
	countKey  = regexp.MustCompile(`/Count\s+(\d+)`)
	objStream = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	streamKw  = []byte("stream")
)

// PageCount returns the number of pages of a PDF file: the number of page
// objects, also those packed in compressed object streams. When it finds
// none it falls back to the largest /Count of a page tree node. It returns
// 0 for data that is not a PDF with pages.
func PageCount(pdf []byte) int {
	if !bytes.HasPrefix(bytes.TrimLeft(pdf, "\x00\t\r\n "), []byte("%PDF-")) {
		return 0
	}
	texts := [][]byte{pdf}
	texts = append(texts, objectStreams(pdf)...)
	n, max := 0, 0
	for _, t := range texts {
		n += len(pageObj.FindAll(t, -1))
		for _, loc := range pagesObj.FindAllIndex(t, -1) {
			if c := countAfter(t, loc[1]); c > max {
				max = c
			}
		}
	}
	if n == 0 {
		return max
	}
	return n
}

// countAfter returns the /Count in the dictionary that continues at i.
func countAfter(t []byte, i int) int {
	end := bytes.Index(t[i:], []byte(">>"))
	if end < 0 {
		return 0
	}
	// The key may come before /Type too; look in the whole dictionary.
	start := bytes.LastIndex(t[:i], []byte("<<"))
	if start < 0 {
		start = i
	}
	m := countKey.FindSubmatch(t[start : i+end])
	if m == nil {
		return 0
	}
	c, _ := strconv.Atoi(string(m[1]))
	return c
}

// objectStreams returns the inflated contents of the object streams of pdf.
func objectStreams(pdf []byte) [][]byte {
	var out [][]byte
	for _, loc := range objStream.FindAllIndex(pdf, -1) {
		rest := pdf[loc[1]:]
		i := bytes.Index(rest, streamKw)
		if i < 0 {
			continue
		}
		data := rest[i+len(streamKw):]
		data = bytes.TrimLeft(data, "\r\n")
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			continue
		}
		// A truncated stream still yields what it has.
		b, _ := io.ReadAll(io.LimitReader(r, 64<<20))
		out = append(out, b)
	}
	return out
}
