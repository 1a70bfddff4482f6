package print_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/browsertest"
	"handbook/generator/print"
	"handbook/generator/site"
)

// TestStepNumbersKeepTheirGap prints a checklist of eleven steps and reads
// where the printed numbers and texts stand: every step's text starts the
// same distance after its number, 10. and 11. as much as 9., so that the
// two-digit steps do not crowd their text.
func TestStepNumbersKeepTheirGap(t *testing.T) {
	p := newPrinter(t)
	src := t.TempDir()
	var steps strings.Builder
	for i := 1; i <= 11; i++ {
		fmt.Fprintf(&steps, "- 第%d步擦拭洗手盘\n", i)
	}
	files := map[string]string{
		"handbook.toml":            "title = \"测试手册\"\n",
		"content/roles/cleaner.md": "---\ntitle: 保洁员\nkind: role\n---\n\n保洁员的岗位职责。\n",
		"content/checklists/eleven.md": "---\ntitle: 十一步检查表\nkind: checklist\nroles: [保洁员]\nsteps:\n" + steps.String() +
			"signoff:\n  columns: [日期, 签名]\n  row_count: 3\n---\n",
	}
	for name, body := range files {
		file := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	pdf, err := p.PDF(context.Background(), browsertest.FileURL(t, filepath.Join(dest, "checklists", "eleven.html")), print.Options{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "eleven.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(print.Tool(t, "pdftotext", "poppler-utils"), "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Words []struct {
			XMin float64 `xml:"xMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"body>doc>page>word"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	gaps := map[int]float64{}
	for i, w := range doc.Words[:len(doc.Words)-1] {
		var n int
		if _, err := fmt.Sscanf(w.Text, "%d.", &n); err != nil || w.Text != fmt.Sprintf("%d.", n) {
			continue
		}
		if next := doc.Words[i+1]; strings.HasPrefix(next.Text, fmt.Sprintf("第%d步", n)) {
			gaps[n] = next.XMin - w.XMax
		}
	}
	if len(gaps) != 11 {
		t.Fatalf("found %d of the 11 numbered steps in the PDF: %v", len(gaps), gaps)
	}
	lo, hi := gaps[1], gaps[1]
	for _, g := range gaps {
		lo, hi = min(lo, g), max(hi, g)
	}
	if lo < 4 || hi-lo > 1 {
		t.Errorf("the gap between a step's number and its text runs from %.1f to %.1f pt, want the same of at least 4 pt for each: %v", lo, hi, gaps)
	}
}
