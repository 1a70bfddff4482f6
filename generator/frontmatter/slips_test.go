package frontmatter_test

import (
	"testing"

	"handbook/generator/frontmatter"
)

// TestSlipsInWholeFiles: a config file is read with the same eye for
// slips as front matter, but its comments are the config's own notes,
// not text of a page, and pass.
func TestSlipsInWholeFiles(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"comment after a value", "title: 手册 # 封面上的名字\nlanguage: zh-CN\n", ""},
		{"tab", "title: 手册\n\tlanguage: zh-CN\n", "handbook.yaml:2: malformed YAML: this line is indented with a tab: indent with spaces, not tabs"},
		{"full-width colon", "title: 手册\nlanguage：zh-CN\n", `handbook.yaml:2: malformed YAML: "language：zh-CN" has a full-width colon "：" after the key: write an ASCII colon and a space instead, as in "language: zh-CN"`},
		{"full-width colon, the only line", "title：手册\n", `handbook.yaml:1: malformed YAML: "title：手册" has a full-width colon "：" after the key: write an ASCII colon and a space instead, as in "title: 手册"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := frontmatter.ParseFile("handbook.yaml", frontmatter.YAML, []byte(tc.src))
			if got := errString(err); got != tc.want {
				t.Errorf("got:\n  %s\nwant:\n  %s", got, tc.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
