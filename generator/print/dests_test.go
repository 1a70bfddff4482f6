package print

import "testing"

func TestPDFName(t *testing.T) {
	for in, want := range map[string]string{"p1": "p1", "#E6#97#A5#E4#BA#A7": "日产", "a#20b": "a b", "bad#zz": "bad#zz", "end#4": "end#4"} {
		if got := pdfName([]byte(in)); got != want {
			t.Errorf("pdfName(%q) = %q, want %q", in, got, want)
		}
	}
}
