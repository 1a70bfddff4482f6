// Package coverage checks that the built handbook still says what the
// source documents say: every key fact in facts.tsv (a phrase or number, as
// the source writes it) must appear in the text of its page.
package coverage

import (
	"bufio"
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/site"
)

var (
	tags   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	spaces = regexp.MustCompile(`\s+`)
)

// pageText returns the visible text of a built page, whitespace collapsed.
func pageText(b []byte) string {
	s := tags.ReplaceAllString(string(b), "")
	return spaces.ReplaceAllString(html.UnescapeString(s), " ")
}

func TestKeyFactsAppearInTheBuiltSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Source: "../..", Dest: dest}); err != nil {
		t.Fatalf("building the bundled handbook: %v", err)
	}
	f, err := os.Open("facts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	texts := map[string]string{}
	sc := bufio.NewScanner(f)
	n, line := 0, 0
	for sc.Scan() {
		line++
		if strings.HasPrefix(sc.Text(), "#") || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		fact, file, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Errorf("facts.tsv:%d: want fact<TAB>file", line)
			continue
		}
		url := content.URLOf(file)
		txt, ok := texts[url]
		if !ok {
			b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(url)))
			if err != nil {
				t.Errorf("facts.tsv:%d: %s has no page: %v", line, file, err)
				continue
			}
			txt = pageText(b)
			texts[url] = txt
		}
		n++
		if !strings.Contains(txt, spaces.ReplaceAllString(fact, " ")) {
			t.Errorf("facts.tsv:%d: %q is missing from %s (content/%s)", line, fact, url, file)
		}
	}
	if n < 120 {
		t.Errorf("only %d facts; the list should cover all five documents", n)
	}
	t.Logf("%d facts checked in %d pages", n, len(texts))
}
