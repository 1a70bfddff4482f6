package theme

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// newerThanBaseline are CSS and script features that the Chromium of
// older office and in-app browsers lacks: 360 Secure Browser 13 and the
// WeChat browser of some phones run Chromium 86. With each, the version
// that brought it.
var newerThanBaseline = []struct {
	re    *regexp.Regexp
	since string
}{
	{regexp.MustCompile(`:has\(`), "Chromium 105"},
	{regexp.MustCompile(`color-mix\(`), "Chromium 111"},
	{regexp.MustCompile(`(^|[;{\s])inset\s*:`), "Chromium 87"},
	{regexp.MustCompile(`:(is|where)\(`), "Chromium 88"},
	{regexp.MustCompile(`aspect-ratio\s*:`), "Chromium 88"},
	{regexp.MustCompile(`\d(dvh|svh|lvh)\b`), "Chromium 108"},
	{regexp.MustCompile(`@container\b`), "Chromium 105"},
	{regexp.MustCompile(`\.at\(`), "Chromium 92"},
	{regexp.MustCompile(`structuredClone\(|Object\.hasOwn\(|\.findLast(Index)?\(|\.to(Sorted|Reversed|Spliced)\(`), "Chromium 93 to 110"},
}

// degradesWell are the uses of such features that are known to leave the
// page working where they are missing, with why.
var degradesWell = map[string]string{
	"quiz.css: .quiz-choice:has(input:focus-visible) { outline: 3px solid var(--q-accent); outline-offset: 2px; }":                       "the input keeps its own focus ring",
	"quiz.css: .quiz-choice:has(input:disabled) { cursor: default; }":                                                                    "only the cursor",
	"quiz.css: .quiz-feedback.quiz-correct { border-color: var(--q-ok); background: color-mix(in srgb, var(--q-ok) 10%, transparent); }": "the border keeps the colour",
	"quiz.css: .quiz-feedback.quiz-wrong { border-color: var(--q-bad); background: color-mix(in srgb, var(--q-bad) 8%, transparent); }":  "the border keeps the colour",
}

// TestOlderBrowsers: the theme's CSS and scripts use nothing newer than
// Chromium 86 that the pages need: a presenter that fills the screen, the
// chosen answer marked, the search. A new use of a newer feature fails
// here until it has a fallback, or is shown to leave the page working
// and is added to degradesWell.
func TestOlderBrowsers(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default", "static")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) < 5 {
		t.Fatalf("theme files: %v %v", files, err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if ext := filepath.Ext(f); ext != ".css" && ext != ".js" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			code := strings.TrimSpace(line)
			if strings.HasPrefix(code, "//") || strings.HasPrefix(code, "/*") || strings.HasPrefix(code, "*") {
				continue
			}
			for _, feat := range newerThanBaseline {
				if !feat.re.MatchString(code) {
					continue
				}
				key := filepath.Base(f) + ": " + code
				if degradesWell[key] != "" {
					seen[key] = true
					continue
				}
				t.Errorf("%s:%d uses %q (%s): give it a fallback for Chromium 86, or add it to degradesWell with why the page still works:\n%s", filepath.Base(f), n+1, feat.re.FindString(code), feat.since, code)
			}
		}
	}
	for key := range degradesWell {
		if !seen[key] {
			t.Errorf("degradesWell lists a line the theme no longer has: %s", key)
		}
	}
}
