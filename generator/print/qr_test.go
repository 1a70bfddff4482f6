package print

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// zbarimg returns the path of zbarimg, skipping t when it is missing
// (failing under CI=true, where a missing tool must not pass as a skip).
func zbarimg(t *testing.T) string {
	t.Helper()
	return tool(t, "zbarimg", "zbar-tools")
}

func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found; CI=true requires it (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s not found: install %s to run this test", name, pkg)
	}
	return p
}

// decodeQR runs zbarimg on an image file and returns the text it reads.
func decodeQR(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command(zbarimg(t), "--raw", "-q", file).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: %v (no QR code found?)", file, err)
	}
	return strings.TrimRight(string(out), "\n")
}

var (
	viewBoxRe = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathRe    = regexp.MustCompile(`<path [^>]*d="([^"]*)"`)
	rectRe    = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// rasterise draws the SVG that QRSVG makes, at scale pixels a module.
func rasterise(t *testing.T, svg string, scale int) image.Image {
	t.Helper()
	vb := viewBoxRe.FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("no viewBox in %.80s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	d := pathRe.FindStringSubmatch(svg)
	if d == nil {
		t.Fatal("no path in the SVG")
	}
	for rest := d[1]; rest != ""; {
		m := rectRe.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("unexpected path data at %.30q", rest)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		for py := y * scale; py < (y+1)*scale; py++ {
			for px := x * scale; px < (x+w)*scale; px++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
		rest = rest[len(m[0]):]
	}
	return img
}

func TestQRSVGRoundTrip(t *testing.T) {
	for _, text := range []string{
		"https://intranet.example.com/handbook/checklists/washroom.html",
		"https://intranet.example.com/handbook/checklists/elevator-periodic.html?print=1",
		"https://example.org/%E6%B4%97%E6%89%8B%E9%97%B4.html",
		"https://intranet.example.com/a/very/long/path/" + strings.Repeat("section/", 20) + "page.html",
	} {
		t.Run(text[len(text)-20:], func(t *testing.T) {
			svg, err := QRSVG(text)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "qr.png")
			f, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, rasterise(t, string(svg), 8)); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if got := decodeQR(t, file); got != text {
				t.Errorf("decoded %q, want %q", got, text)
			}
		})
	}
}

func TestQRSVGMarkup(t *testing.T) {
	svg, err := QRSVG(`https://example.com/?a=1&b="2"`)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"`, `shape-rendering="crispEdges"`, `role="img"`,
		`aria-label="QR: https://example.com/?a=1&amp;b=&#34;2&#34;"`, `fill="#000"`, `background:#fff`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s:\n%.300s", want, s)
		}
	}
	if n := strings.Count(s, "<path"); n != 1 {
		t.Errorf("%d paths, want 1", n)
	}
	// Version 3 at level M holds this URL: 29 modules and 4 on each side.
	vb := viewBoxRe.FindStringSubmatch(s)
	if vb == nil || vb[1] != vb[2] || vb[1] != fmt.Sprint(29+2*quietZone) {
		t.Errorf("viewBox %v, want a square of %d", vb, 29+2*quietZone)
	}
	// The quiet zone is blank: no square starts in it.
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)`).FindAllStringSubmatch(s, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if x < quietZone || y < quietZone || y >= 29+quietZone {
			t.Fatalf("module at %d,%d lies in the quiet zone", x, y)
		}
	}
}

func TestQRSVGTooLong(t *testing.T) {
	if _, err := QRSVG(strings.Repeat("x", 5000)); err == nil {
		t.Error("a text longer than a QR code holds gave no error")
	}
}
