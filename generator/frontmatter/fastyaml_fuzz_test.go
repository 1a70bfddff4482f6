package frontmatter_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"handbook/generator/frontmatter"
)

// FuzzFastYAML checks the one promise the fast path makes: whenever it
// accepts front matter, yaml.v3 accepts it too and builds the same tree.
// It is seeded with the front matter of FuzzFrontMatter's corpus, the
// bundled pages and the accept and decline tables.
func FuzzFastYAML(f *testing.F) {
	for _, s := range fastAccepts {
		f.Add([]byte(s))
	}
	for _, s := range fastDeclines {
		f.Add([]byte(s))
	}
	for _, src := range fuzzCorpus(f, filepath.Join("testdata", "fuzz", "FuzzFrontMatter")) {
		f.Add(src)
		if _, fm, _, _, _, err := frontmatter.Split("f.md", src); err == nil && fm != nil {
			f.Add(fm)
		}
	}
	for _, fm := range frontMatters(f, filepath.Join("..", "..", "content")) {
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAML(t, src)
	})
}

// fuzzCorpus reads the []byte inputs of a directory of go test fuzz v1
// files.
func fuzzCorpus(tb testing.TB, dir string) [][]byte {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			q, ok := strings.CutPrefix(string(line), "[]byte(")
			if !ok {
				continue
			}
			s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
			if err != nil {
				tb.Fatalf("%s: %v", e.Name(), err)
			}
			out = append(out, []byte(s))
		}
	}
	if len(out) == 0 {
		tb.Fatalf("no inputs in %s", dir)
	}
	return out
}

// yamlTokens are the pieces FuzzFastYAMLTokens builds front matter from:
// the lines of the subset and the near misses around its edges, and keys
// of a page's front matter for the decoder.
var yamlTokens = []string{
	"\n", "\n", "\n", " ", "  ", "    ", "- ", "-", ":", ": ", ",", ", ", "[", "]", "\"", "'",
	"title", "a", "b", "items", "weight", "draft", "tags", "updated", "signoff", "row_count", "columns",
	"lists", "name", "true", "null", "y", "k-1", "_",
	"x", "电梯", "保洁 员", "1", "-1", "+1", "0", "01", "1.5", "-0.5", "1e3", ".5", "1_000", "0x1F",
	"2025-03-01", "2025-2-30", "2024-02-29", "2025-03-01 10:00:00", "12345678901234567890",
	"True", "FALSE", "~", "NULL", ".inf", "-.Inf", ".NaN", "yes", "no", "on", "<<",
	"\"q\"", "'s'", "\"\"", "''", "[a, b]", "[]", "[1,2]", "[ x ]", "{a: 1}", "{}",
	"a#b", " #c", "#", "x:y", "08:00", "?", "&a", "*a", "!!str", "!", "|", ">", "%", "@", "`",
	"\t", "\\", "\\n", "'it''s'", "\u00a0", "\u3000", "…", "“x”", "---", "...", "\ufeff", "\r",
}

// FuzzFastYAMLTokens is FuzzFastYAML with inputs assembled from
// yamlTokens, one token per input byte, so that most inputs look like
// front matter and many of them take the fast path.
func FuzzFastYAMLTokens(f *testing.F) {
	for _, s := range []string{
		"\x10\x02\x18\x00\x11\x02\x2c\x00",
		"\x12\x08\x00\x05\x06\x19\x00\x05\x06\x1a\x00",
		"\x12\x08\x00\x04\x06\x10\x09\x18\x00\x04\x04\x11\x09\x1c\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		var b strings.Builder
		for _, c := range prog {
			b.WriteString(yamlTokens[int(c)%len(yamlTokens)])
		}
		sameAsYAML(t, []byte(b.String()))
	})
}
