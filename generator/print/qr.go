package print

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"handbook/generator/diag"
)

// quietZone is the blank margin around a QR code, in modules. The standard
// asks for four; readers fail more often with less, especially when the code
// is printed next to a table border.
const quietZone = 4

// QRSVG returns a QR code of text as an inline SVG element. The code uses
// error-correction level M, which survives a crease or a smudge on a posted
// sheet. The SVG is one path of unit squares in a viewBox measured in
// modules, so it prints sharp at any size; its white background is part of
// the element, so it scans on a dark page too. Its size comes from CSS: give
// it a width and a height.
func QRSVG(text string) (template.HTML, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", diag.New("", 0, diag.T("QR code of %q: %v", text, err), err)
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	n := len(bm)
	size := strconv.Itoa(n + 2*quietZone)
	var b strings.Builder
	b.Grow(n * n)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 ` + size + " " + size +
		`" shape-rendering="crispEdges" style="background:#fff" role="img" aria-label="QR: ` + html.EscapeString(text) + `"><path fill="#000" d="`)
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			// One rectangle per run of dark modules keeps the path short.
			w := strconv.Itoa(x - start)
			b.WriteString("M" + strconv.Itoa(start+quietZone) + " " + strconv.Itoa(y+quietZone) + "h" + w + "v1h-" + w + "z")
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
