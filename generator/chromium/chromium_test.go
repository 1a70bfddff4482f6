package chromium

import (
	"errors"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	t.Setenv("CHROME_PATH", "")
	t.Setenv("PATH", t.TempDir())
	saved := browsers
	browsers = []string{"/nonexistent/chromium", "chromium", "google-chrome"}
	t.Cleanup(func() { browsers = saved })

	_, err := Find()
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find without a browser: %v, want ErrNotFound", err)
	}
	for _, want := range []string{"no Chromium found", "apt-get install chromium", "fonts-noto-cjk"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}

	t.Setenv("CHROME_PATH", "/nonexistent/chrome")
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "CHROME_PATH=/nonexistent/chrome") {
		t.Errorf("a CHROME_PATH that does not exist: %v", err)
	}

	t.Setenv("CHROME_PATH", "sh") // any program on the way: the variable wins
	t.Setenv("PATH", "/bin:/usr/bin")
	if p, err := Find(); err != nil || p != "sh" {
		t.Errorf("Find with CHROME_PATH=sh: %q, %v", p, err)
	}
}
