package frontmatter

import "gopkg.in/yaml.v3"

// FastYAML exposes the fast path to the external tests, which compare it
// with yaml.v3 on the bundled content and on a generated corpus.
func FastYAML(src []byte) (*yaml.Node, bool) { return fastYAML(src) }

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
