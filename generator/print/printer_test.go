package print

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestNoChromium(t *testing.T) {
	t.Setenv("CHROME_PATH", "")
	t.Setenv("PATH", t.TempDir())
	saved := browsers
	browsers = []string{"/nonexistent/chromium", "chromium", "google-chrome"}
	t.Cleanup(func() { browsers = saved })

	_, err := NewPrinter(context.Background())
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("NewPrinter without a browser: %v, want ErrNoChromium", err)
	}
	for _, want := range []string{"no Chromium found", "apt-get install chromium", "fonts-noto-cjk"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}

	t.Setenv("CHROME_PATH", "/nonexistent/chrome")
	if _, err := FindChromium(); err == nil || !strings.Contains(err.Error(), "CHROME_PATH=/nonexistent/chrome") {
		t.Errorf("a CHROME_PATH that does not exist: %v", err)
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
