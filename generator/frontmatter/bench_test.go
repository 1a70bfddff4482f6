package frontmatter_test

import (
	"path/filepath"
	"sort"
	"testing"

	"handbook/generator/frontmatter"
	"handbook/generator/model"
	"handbook/internal/corpus"
)

// BenchmarkParse parses the YAML front matter of real pages and decodes it
// into a page's fields, one page per op: the bundled handbook and a
// generated corpus, through Parse and Decode (which take the fast paths)
// and through yaml.v3 alone, as they did before.
func BenchmarkParse(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: 500, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	sets := []struct {
		name string
		fms  [][]byte
	}{
		{"bundled", sorted(frontMatters(b, filepath.Join("..", "..", "content")))},
		{"corpus", sorted(frontMatters(b, dir))},
	}
	parsers := []struct {
		name  string
		parse func(fm []byte) (*frontmatter.Doc, error)
	}{
		{"fast", func(fm []byte) (*frontmatter.Doc, error) { return frontmatter.Parse("f.md", frontmatter.YAML, fm, 2) }},
		{"yaml.v3", func(fm []byte) (*frontmatter.Doc, error) { return frontmatter.ParseYAMLv3("f.md", fm, 2) }},
	}
	for _, set := range sets {
		var bytes int
		for _, fm := range set.fms {
			bytes += len(fm)
		}
		for _, p := range parsers {
			b.Run(set.name+"/"+p.name, func(b *testing.B) {
				b.SetBytes(int64(bytes / len(set.fms)))
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					d, err := p.parse(set.fms[i%len(set.fms)])
					if err != nil {
						b.Fatal(err)
					}
					var fm model.FrontMatter
					if err := d.Decode(anyKey, nil, &fm); err != nil { // quizzes' keys too
						b.Fatal(err)
					}
					d.Release()
				}
			})
		}
	}
}

func anyKey(string) bool { return true }

func sorted(m map[string][]byte) [][]byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
