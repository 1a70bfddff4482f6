package print

import (
	"context"
	"strings"
	"testing"
)

// TestNoChromium: without a browser, NewPrinter says what to install.
func TestNoChromium(t *testing.T) {
	t.Setenv("CHROME_PATH", "/nonexistent/chrome")
	if _, err := NewPrinter(context.Background()); err == nil || !strings.Contains(err.Error(), "CHROME_PATH=/nonexistent/chrome") {
		t.Errorf("NewPrinter with a CHROME_PATH that does not exist: %v", err)
	}
	for _, want := range []string{"no Chromium found", "apt-get install chromium", "fonts-noto-cjk"} {
		if !strings.Contains(ErrNoChromium.Error(), want) {
			t.Errorf("%q does not say %q", ErrNoChromium, want)
		}
	}
}

func TestFooterEscapesTitle(t *testing.T) {
	f := footer(`<b>A & B</b>`)
	if strings.Contains(f, "<b>") || !strings.Contains(f, "&lt;b&gt;A &amp; B&lt;/b&gt;") {
		t.Errorf("title not escaped: %s", f)
	}
	for _, want := range []string{`class="pageNumber"`, `class="totalPages"`, "font-size:"} {
		if !strings.Contains(f, want) {
			t.Errorf("footer lacks %s", want)
		}
	}
}
