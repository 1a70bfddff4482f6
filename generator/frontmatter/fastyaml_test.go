package frontmatter_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"handbook/generator/content"
	"handbook/generator/frontmatter"
	"handbook/generator/model"
	"handbook/internal/corpus"
)

// slowYAML is the reference: what parse did before the fast path, the
// top-level node yaml.v3 builds, or nil for an empty document.
func slowYAML(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// diffNode describes the first difference between two trees, or "".
func diffNode(path string, a, b *yaml.Node) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: fast %v, yaml.v3 %v", path, a, b)
		}
		return ""
	}
	type fields struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		HeadComment, LineComment, FootComment string
		Line, Column                          int
		Alias                                 bool
		Len                                   int
		NilContent                            bool
	}
	fa := fields{a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.HeadComment, a.LineComment, a.FootComment, a.Line, a.Column, a.Alias != nil, len(a.Content), a.Content == nil}
	fb := fields{b.Kind, b.Style, b.Tag, b.Value, b.Anchor, b.HeadComment, b.LineComment, b.FootComment, b.Line, b.Column, b.Alias != nil, len(b.Content), b.Content == nil}
	if fa != fb {
		return fmt.Sprintf("%s:\n  fast    %+v\n  yaml.v3 %+v", path, fa, fb)
	}
	for i := range a.Content {
		if d := diffNode(path+"/"+strconv.Itoa(i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// sameAsYAML checks that when the fast path accepts src, yaml.v3 accepts
// it too and builds the same tree, and that when the direct decoder takes
// that tree, it fills a page's front matter as yaml.v3's Node.Decode does.
// It reports whether the fast path accepted, and whether the decoder did.
func sameAsYAML(t testing.TB, src []byte) (parsed, decoded bool) {
	t.Helper()
	fast, ok := frontmatter.FastYAML(src)
	if !ok {
		return false, false
	}
	slow, err := slowYAML(src)
	if err != nil {
		t.Fatalf("fast path accepted what yaml.v3 rejects (%v):\n%s", err, src)
	}
	if d := diffNode("", fast, slow); d != "" {
		t.Fatalf("trees differ at %s\ninput:\n%s", d, src)
	}
	if fast == nil {
		return true, false
	}
	// Both start from the same non-zero value: yaml.v3 keeps what the
	// front matter does not set, and so must the decoder.
	start := model.FrontMatter{Title: "before", Tags: []string{"t"}, Signoff: &model.Signoff{RowCount: 9}}
	a, b := start, start
	a.Signoff, b.Signoff = &model.Signoff{RowCount: 9}, &model.Signoff{RowCount: 9}
	if !frontmatter.DecodeFast(fast, &a) {
		if !reflect.DeepEqual(a, start) {
			t.Fatalf("the decoder declined but changed the value to %+v\ninput:\n%s", a, src)
		}
		return true, false
	}
	if err := slow.Decode(&b); err != nil {
		t.Fatalf("the decoder took what yaml.v3 refuses (%v):\n%s", err, src)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("decoded differently:\n  decoder %+v\n  yaml.v3 %+v\ninput:\n%s", a, b, src)
	}
	return true, true
}

// frontMatters returns the YAML front matter of every Markdown file under
// dir, keyed by path.
func frontMatters(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src, err = content.Normalize(p, src)
		if err != nil {
			return err
		}
		f, fm, _, _, _, err := frontmatter.Split(p, src)
		if err != nil {
			return err
		}
		if f == frontmatter.YAML {
			out[p] = fm
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastYAMLBundled runs the handbook's own pages through both parsers:
// every one must take the fast path and give yaml.v3's tree.
func TestFastYAMLBundled(t *testing.T) {
	fms := frontMatters(t, filepath.Join("..", "..", "content"))
	if len(fms) < 50 {
		t.Fatalf("found only %d pages with YAML front matter", len(fms))
	}
	for p, fm := range fms {
		parsed, decoded := sameAsYAML(t, fm)
		if !parsed {
			t.Errorf("%s: the fast path declined its front matter", p)
		}
		if !decoded {
			t.Errorf("%s: the direct decoder declined its front matter", p)
		}
	}
}

// TestFastYAMLCorpus does the same for a generated site with every kind.
func TestFastYAMLCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Pages: 400, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	fms := frontMatters(t, dir)
	if len(fms) < 400 {
		t.Fatalf("found only %d pages with YAML front matter", len(fms))
	}
	for p, fm := range fms {
		parsed, decoded := sameAsYAML(t, fm)
		if !parsed {
			t.Errorf("%s: the fast path declined its front matter", p)
		}
		if !decoded {
			t.Errorf("%s: the direct decoder declined its front matter", p)
		}
	}
}

// Inputs the fast path must take, each checked against yaml.v3.
var fastAccepts = []string{
	"",
	"\n\n",
	"  \n",
	"title: 电梯\n",
	"title: 电梯",
	"a:\n",
	"a:",
	"a:   \nb: 1\n",
	"a: 1\nb: -2\nc: +3\nd: 0\ne: 1.5\nf: -0.25\ng: 2025-03-01\nh: 2025-3-1\ni: true\nj: False\nk: null\nl: ~\nm: NULL\nn: .inf\no: -.Inf\np: .NaN\n",
	"a: 2025-02-30\nb: 2024-02-29\nc: 2023-02-29\nd: 2025-13-01\n",
	"a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: NO\n",
	"a: 10分钟\nb: 3 次\nc: 08:00\nd: 1:30\ne: 2025 年\nf: -1天\ng: 1e3 倍\n",
	"a: C#\nb: a#b\nc: x:y\nd: http://example.com/a?b=c\ne: a, b\nf: a [b] {c}\ng: 'quoted'\nh: \"dq\"\n",
	"a: \"08:00\"\nb: '#x'\nc: \"\"\nd: ''\ne: \"  spaced  \"\nf: \"it's\"\ng: 'say \"hi\"'\n",
	"true: 1\nnull: 2\nTrue: 3\ny: 4\nNo: 5\n",
	"a: value   \nb:    spaced value  \n",
	"roles: [保洁员, 保洁组长]\ntags: []\nx: [ a , b ]\ny: [a,b,c]\nz: [1, 2.5, true, null, 2025-01-01, \"q\", 'r']\n",
	"a: [-1, a b, it's, x\"y]\n",
	"steps:\n- 一\n- 二\n",
	"steps:\n  - 一\n  - 二\n",
	"steps:\n    - 一\n    - 二\nnext: 1\n",
	"a:\n - x\n",
	"signoff:\n  columns: [日期, 时间, 签名]\n  row_count: 8\n",
	"signoff:\n  columns:\n  - 日期\n  - 时间\n  row_count: 8\nform: weekly\n",
	"lists:\n  - name: 标准\n    applies_to: 室外\n    items: [a, b]\n  - name: 二\n    items:\n    - x\n    - y\n",
	"grades:\n- grade: 优\n  criteria: 好\n- grade: 良\n  criteria: 中\n",
	"a:\n  b:\n    c:\n      d: 1\n  e: 2\nf: 3\n",
	"a:\n- b:\n- c\n",
	"a:\n- b:\n  c: 1\n",
	"a:\n-   b: 1\n    c: 2\n",
	"a:\n- -1\n- [x, y]\n- \"q\"\n- []\n",
	"a:\n\n- x\n\n- y\n\nb: 1\n",
	"a: x\n\n\nb: y\n",
	"a: 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n",
	"key-with-dash: 1\n_under: 2\nA1: 3\n",
	"a: [保洁员, 保洁组长, 保洁队长, 环境管理部部长]\n",
	"a: \u00a0x\n",
	"a: “引号”, ‘单引号’, 全角:冒号 ＃号\n",
	"a: x,y\n",
	"a: \U0001F600\n",
	"a: 123456789012345678\n",
}

// Inputs the fast path must leave to yaml.v3: outside the subset, errors,
// or scalars whose resolution it does not model.
var fastDeclines = []string{
	"# comment\na: 1\n",
	"a: 1 # comment\n",
	"a: 1\n# comment\n",
	"a: [x, y] # comment\n",
	"a: \"x\" # comment\n",
	"a: [x,#y]\n",
	"a:\tb\n",
	"a: b\r\n",
	"\ta: b\n",
	"---\na: b\n",
	"a: b\n---\n",
	"a: b\n...\n",
	"%YAML 1.2\n---\na: b\n",
	"\ufeffa: b\n",
	"a: b\u2028c\n",
	"a: b\u0085c\n",
	"a: b\u2029c\n",
	"a: \u0080\n",
	"a: \u009f\n",
	"a: \ufffe\n",
	"a: \xe4\xb8\n",
	"a: \xed\xa0\x80\n",
	"a: \x01\n",
	"a: \x7f\n",
	"a: \xff\n",
	"a: |\n  text\n",
	"a: >\n  text\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: !tag x\n",
	"a: {b: 1}\n",
	"a: {}\n",
	"a: [b, [c]]\n",
	"a: [b, {c: d}]\n",
	"a: [b: c]\n",
	"a: [b,]\n",
	"a: [b, , c]\n",
	"a: [b\n",
	"a: [b,\n  c]\n",
	"a: [?b]\n",
	"a: [b?c]\n",
	"a: [08:00]\n",
	"a: \"b\\nc\"\n",
	"a: \"b\n  c\"\n",
	"a: 'it''s'\n",
	"a: \"x\"y\n",
	"a: b: c\n",
	"a: b:\n",
	"a: :b\n",
	"a: -\n",
	"a: - b\n",
	"a: ? b\n",
	"a: %x\n",
	"a: @x\n",
	"a: `x`\n",
	"a: <<\n",
	"<<: {a: 1}\n",
	"a: b\nc\n",
	"a: b\n  c\n",
	"a:\n  b\n",
	"a: b\n a: c\n",
	"a: b\na: c\n",
	"a:\n  b: 1\n  b: 2\n",
	"  a: b\n",
	"a:\n  b: 1\n c: 2\n",
	"a:\n  - x\n - y\n",
	"a:\n- x\n  - y\n",
	"a:\n- x\n  y\n",
	"a:\n-\n  b: 1\n",
	"a:\n-\n",
	"a:\n- - x\n",
	"- a\n- b\n",
	"a\n",
	"\"a\": b\n",
	"'a': b\n",
	"a:b\n",
	"1: b\n",
	"电梯: b\n",
	"? a\n: b\n",
	"a: 0777\n",
	"a: 09\n",
	"a: 0x1F\n",
	"a: 0o17\n",
	"a: 0b101\n",
	"a: 1_000\n",
	"a: 1e3\n",
	"a: .5\n",
	"a: 1.\n",
	"a: +.5\n",
	"a: 2025-03-01T10:00:00Z\n",
	"a: 2025-03-01 10:00:00\n",
	"a: 1234567890123456789\n",
	"a: 12345678901234567890\n",
	"a: 1st\n",
	"a: -x\n",
	"a: .x\n",
	"a: ..\n",
}

func TestFastYAMLAccepts(t *testing.T) {
	for _, in := range fastAccepts {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			if parsed, _ := sameAsYAML(t, []byte(in)); !parsed {
				t.Errorf("the fast path declined %q", in)
			}
		})
	}
}

// TestDecodeFast checks which trees the direct decoder takes and which
// it leaves to yaml.v3, and that what it takes it decodes as yaml.v3 does.
func TestDecodeFast(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"title: 电梯\nkind: cleaning\n", true},
		{"title: 30\n", true},         // an int read as text
		{"title: 2024-03-01\n", true}, // a date read as text
		{"title: true\n", true},       // a bool read as text
		{"title: '30'\nweight: 30\n", true},
		{"weight: -5\n", true},
		{"weight: +7\n", true},
		{"weight: abc\n", false}, // yaml.v3 explains
		{"weight: 1.5\n", false},
		{"weight: 123456789012345678\n", true},
		{"draft: true\n", true},
		{"draft: False\n", true},
		{"draft: yes\n", false}, // yaml.v3 reads YAML 1.1 words into a bool
		{"draft: 1\n", false},
		{"title:\ntags:\nsignoff:\n", true}, // null clears lists and pointers only
		{"tags: [a, b]\n", true},
		{"tags: [a, ~]\n", false}, // yaml.v3 drops the null
		{"tags:\n  - a\n  - 3\n", true},
		{"tags: a\n", false},
		{"title: [a]\n", false},
		{"updated: 2024-03-01\n", true},
		{"updated: 2024-3-1\n", false}, // the method refuses it; yaml.v3 words the error
		{"updated: 2024-02-30\n", false},
		{"updated: [1]\n", false},
		{"signoff:\n  columns: [日期, 签名]\n  row_count: 4\n", true},
		{"signoff:\n  row_label: 日期\n  colums: [a]\n", true}, // an unknown key is checkFields' to report
		{"signoff: x\n", false},
		{"signoff:\n  row_count: 5\n  columns: x\n", false}, // declined half-way: the value before stays
		{"lists:\n- name: a\n  items: [x, y]\n- name: b\n", true},
		{"lists:\n- a\n", false},
		{"inspections:\n  - name: 一日一检查\n    who: 组长\n", true},
		{"grades: []\n", true},
		{"unknown: 1\ntitle: x\n", true},
	} {
		parsed, decoded := sameAsYAML(t, []byte(c.in))
		if !parsed {
			t.Errorf("the fast path declined %q", c.in)
		}
		if decoded != c.want {
			t.Errorf("%q: decoder took it: %v, want %v", c.in, decoded, c.want)
		}
	}
}

func TestFastYAMLDeclines(t *testing.T) {
	for _, in := range fastDeclines {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			if _, ok := frontmatter.FastYAML([]byte(in)); ok {
				t.Errorf("the fast path accepted %q", in)
			}
		})
	}
}

// TestFastYAMLDepth checks that nesting deeper than front matter needs is
// left to yaml.v3, and that what is accepted still matches it.
func TestFastYAMLDepth(t *testing.T) {
	nest := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		b.WriteString(strings.Repeat(" ", n) + "v: 1\n")
		return []byte(b.String())
	}
	if parsed, _ := sameAsYAML(t, nest(20)); !parsed {
		t.Errorf("the fast path declined 20 nested mappings")
	}
	if _, ok := frontmatter.FastYAML(nest(40)); ok {
		t.Errorf("the fast path accepted 40 nested mappings")
	}
}

// TestParseSameAsYAMLv3 checks what callers see: keys, lookups, decoded
// values and the messages of type errors are the same whether Parse takes
// the fast path or yaml.v3 parses alone.
func TestParseSameAsYAMLv3(t *testing.T) {
	inputs := [][]byte{}
	for _, fm := range frontMatters(t, filepath.Join("..", "..", "content")) {
		inputs = append(inputs, fm)
	}
	for _, s := range append(fastAccepts,
		"title: x\nweight: abc\n",
		"title: x\nroles: 保洁员\n",
		"title: x\nupdated: 2025-02-30\n",
		"title: x\nupdated: [1]\n",
		"signoff:\n  columns: x\n  row_count: y\n",
		"signoff:\n  colums: [a]\n",
		"title: x\ntitel: y\n",
		"lists:\n- name: a\n  aplies_to: b\n",
	) {
		inputs = append(inputs, []byte(s))
	}
	for _, fm := range inputs {
		if _, ok := frontmatter.FastYAML(fm); !ok {
			t.Fatalf("the fast path declined %q", fm)
		}
		fast, err1 := frontmatter.Parse(file, frontmatter.YAML, fm, 2)
		slow, err2 := frontmatter.ParseYAMLv3(file, fm, 2)
		if fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Fatalf("%q: Parse error %v, yaml.v3 %v", fm, err1, err2)
		}
		if err1 != nil {
			continue
		}
		if !reflect.DeepEqual(fast.Keys(), slow.Keys()) {
			t.Errorf("%q: keys %v, yaml.v3 %v", fm, fast.Keys(), slow.Keys())
		}
		for _, k := range []string{"title", "kind", "weight", "updated"} {
			v1, l1 := fast.Lookup(k)
			v2, l2 := slow.Lookup(k)
			if v1 != v2 || l1 != l2 {
				t.Errorf("%q: Lookup(%s) %q %d, yaml.v3 %q %d", fm, k, v1, l1, v2, l2)
			}
		}
		allowed := func(k string) bool { return model.AllowedField(model.KindChecklist, k) }
		for _, allow := range []func(string) bool{nil, allowed} {
			var a, b model.FrontMatter
			err1, err2 := fast.Decode(allow, nil, &a), slow.Decode(allow, nil, &b)
			if fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Errorf("%q: Decode error %v, yaml.v3 %v", fm, err1, err2)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%q: decoded %+v, yaml.v3 %+v", fm, a, b)
			}
		}
	}
}

// TestParseTOML checks that TOML front matter still goes to the TOML
// decoder alone.
func TestParseTOML(t *testing.T) {
	fm := []byte("title = \"电梯\"\nkind = \"cleaning\"\nweight = 3\nupdated = 2024-03-01\ntools = [\"毛巾\"]\n\n[signoff]\ncolumns = [\"日期\"]\nrow_count = 4\n")
	d, err := frontmatter.Parse(file, frontmatter.TOML, fm, 2)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range d.Keys() {
		names = append(names, fmt.Sprintf("%s:%d", k.Name, k.Line))
	}
	if got, want := strings.Join(names, " "), "title:2 kind:3 weight:4 updated:5 tools:6 signoff:8"; got != want {
		t.Errorf("keys %s, want %s", got, want)
	}
	if v, line := d.Lookup("weight"); v != "3" || line != 4 {
		t.Errorf("Lookup(weight) = %q, %d", v, line)
	}
	var out model.FrontMatter
	if err := d.Decode(nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	if out.Title != "电梯" || out.Weight != 3 || len(out.Tools) != 1 || out.Signoff == nil || out.Signoff.RowCount != 4 {
		t.Errorf("decoded %+v", out)
	}
}

// TestReleaseReuse parses front matter into the memory another page's
// tree was released from: nothing of the first tree, such as a flow
// sequence's style or a quoted scalar's, may show in the second, and what
// was decoded from the first must stay as it was.
func TestReleaseReuse(t *testing.T) {
	pairs := [][2]string{
		{"tags: [a, b]\ntitle: 'x'\n", "tags:\n  - a\n  - b\ntitle: x\n"},
		{"signoff:\n  columns: [日期]\nsteps: [\"1\", '2']\n", "signoff:\nsteps: [1, 2]\n"},
		{"lists:\n- name: a\n  items: [x]\n", "lists: []\nitems: [\"y\"]\n"},
	}
	for _, pr := range pairs {
		for range 3 {
			first, release := frontmatter.FastYAMLPooled([]byte(pr[0]))
			var a model.FrontMatter
			if err := first.Decode(&a); err != nil {
				t.Fatal(err)
			}
			before := fmt.Sprintf("%+v", a)
			release()
			second, release := frontmatter.FastYAMLPooled([]byte(pr[1]))
			slow, err := slowYAML([]byte(pr[1]))
			if err != nil {
				t.Fatal(err)
			}
			if d := diffNode("", second, slow); d != "" {
				t.Fatalf("%q parsed after %q: %s", pr[1], pr[0], d)
			}
			release()
			if after := fmt.Sprintf("%+v", a); after != before {
				t.Fatalf("decoded %q changed after release: %s, was %s", pr[0], after, before)
			}
		}
	}
}
