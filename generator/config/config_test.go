package config

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/diag"
)

func TestLoadProblems(t *testing.T) {
	for _, tc := range []struct{ name, file, src, want string }{
		{"malformed toml", "handbook.toml", "title = \"员工手册\nlanguage = \"zh-CN\"\n", "handbook.toml:1: malformed TOML: strings cannot contain newlines"},
		{"malformed yaml", "handbook.yaml", "title: 手册\n language: en\n", "handbook.yaml:2: malformed YAML: "},
		{"not a mapping", "handbook.yaml", "- title\n", "handbook.yaml:1: the file must be key: value pairs"},
		{"unknown key", "handbook.toml", "title = \"手册\"\nlanguag = \"en\"\n", `handbook.toml:2: unknown field "languag": did you mean "language"?`},
		{"wrong type", "handbook.yaml", "drill_seed: abc\n", `handbook.yaml:1: drill_seed must be a whole number, not "abc"`},
		{"bad value", "handbook.toml", "paper = \"A5\"\n", `handbook.toml: paper "A5" is not supported: use A4 or Letter`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{tc.file: {Data: []byte(tc.src)}})
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("error %T %v is not a diag.List", err, err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %v\nwant %s…", err, tc.want)
			}
			if strings.Contains(err.Error(), "front matter") {
				t.Errorf("a config file is not front matter: %v", err)
			}
		})
	}
}

// FuzzConfig reads arbitrary config files: no panic, and every problem is
// a diag.Error naming the file at a line inside it.
func FuzzConfig(f *testing.F) {
	f.Add("handbook.toml", []byte("title = \"手册\"\nlanguage = \"en\"\nbase_url = \"https://e.x/h\"\n"))
	f.Add("handbook.yaml", []byte("title: 手册\npaper: letter\nunsafe_html: true\ndrill_seed: 7\n"))
	f.Add("handbook.yml", []byte("theme: \"\"\ncontent_dir: docs\n"))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		switch name {
		case "handbook.toml", "handbook.yaml", "handbook.yml":
		default:
			return
		}
		c, err := Load(fstest.MapFS{name: {Data: src}})
		if err == nil {
			if c.Paper != "A4" && c.Paper != "Letter" || c.Theme == "" {
				t.Fatalf("accepted %+v", c)
			}
			return
		}
		var l diag.List
		if !errors.As(err, &l) {
			t.Fatalf("error %T %v is not a diag.List", err, err)
		}
		// Lines as an editor shows them: CR, LF and CRLF each end one.
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for _, e := range l {
			if e.File != name || e.Line < 0 || e.Line > lines {
				t.Fatalf("problem at %s:%d of a %d-line %s: %v", e.File, e.Line, lines, name, e)
			}
		}
	})
}

func TestLoadReadsFilesAsEditorsSaveThem(t *testing.T) {
	for name, src := range map[string]string{
		"BOM and CRLF": "\ufefftitle = \"手册\"\r\nlanguage = \"en\"\r\n",
		"CR":           "title = \"手册\"\rlanguage = \"en\"\r",
	} {
		c, err := Load(fstest.MapFS{"handbook.toml": {Data: []byte(src)}})
		if err != nil || c.Title != "手册" || c.Language != "en" {
			t.Errorf("%s: %+v, %v", name, c, err)
		}
	}
	_, err := Load(fstest.MapFS{"handbook.toml": {Data: []byte("title = \"\xca\xd6\xb2\xe1\"\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), "handbook.toml:1: file is GBK/GB18030-encoded, not UTF-8: convert it with `iconv") {
		t.Errorf("GBK config: %v", err)
	}
}
