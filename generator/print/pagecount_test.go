package print

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// minimalPDF writes an uncompressed PDF with n pages.
func minimalPDF(n int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 3+i))
	}
	fmt.Fprintf(&b, "2 0 obj << /Type /Pages /Kids [%s] /Count %d >> endobj\n", strings.Join(kids, " "), n)
	for i := range n {
		fmt.Fprintf(&b, "%d 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n", 3+i)
	}
	b.WriteString("trailer << /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// objStmPDF packs n page objects into a compressed object stream, as
// PDF 1.5 writers do.
func objStmPDF(n int) []byte {
	var objs bytes.Buffer
	for i := range n {
		fmt.Fprintf(&objs, "<< /Type /Page /Parent 2 0 R >>\n")
		_ = i
	}
	fmt.Fprintf(&objs, "<< /Type /Pages /Count %d >>\n", n)
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(objs.Bytes())
	w.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-1.5\n5 0 obj\n<< /Type /ObjStm /N %d /First 0 /Filter /FlateDecode /Length %d >>\nstream\n", n+1, z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n%%EOF\n")
	return b.Bytes()
}

func TestPageCount(t *testing.T) {
	for _, tc := range []struct {
		name string
		pdf  []byte
		want int
	}{
		{"one page", minimalPDF(1), 1},
		{"three pages", minimalPDF(3), 3},
		{"object stream", objStmPDF(4), 4},
		{"only a page tree count", []byte("%PDF-1.7\n<< /Count 7 /Type /Pages /Kids [] >>"), 7},
		{"not a PDF", []byte("<html>/Type /Page</html>"), 0},
		{"empty", nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PageCount(tc.pdf); got != tc.want {
				t.Errorf("PageCount = %d, want %d", got, tc.want)
			}
		})
	}
}
