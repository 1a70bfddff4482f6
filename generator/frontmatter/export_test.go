package frontmatter

import (
	"reflect"

	"gopkg.in/yaml.v3"
)

// FastYAML exposes the fast path to the external tests, which compare it
// with yaml.v3 on the bundled content and on a generated corpus.
func FastYAML(src []byte) (*yaml.Node, bool) { return fastYAML(src, new(slab)) }

// ParseYAMLv3 is Parse for YAML with the fast path left out, the baseline
// of BenchmarkParse.
func ParseYAMLv3(file string, fm []byte, fmLine int) (*Doc, error) {
	d := &Doc{file: file, f: YAML, fm: fm, fmLine: fmLine}
	root, err := d.parseYAMLv3()
	if err != nil {
		return nil, err
	}
	return d.setRoot(root)
}

// DecodeFast exposes the direct decoder of fastYAML's trees, which the
// tests compare with yaml.v3's Node.Decode.
func DecodeFast(n *yaml.Node, out any) bool { return decodeFast(n, reflect.ValueOf(out).Elem()) }

// FastYAMLPooled is fastYAML with pooled memory, as Parse uses it, and the
// func that hands the memory back, as Doc.Release does.
func FastYAMLPooled(src []byte) (*yaml.Node, func()) {
	sl := slabs.Get().(*slab)
	n, ok := fastYAML(src, sl)
	if !ok {
		panic("the fast path declined")
	}
	return n, sl.put
}
