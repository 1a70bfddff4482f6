package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"handbook/generator/scaffold"
)

// TestChineseMessages runs the command as a Chinese site's authors do:
// the problems, the count and the summary are in Chinese; a site whose
// language is en gets them in English; HANDBOOK_LANG overrides both.
func TestChineseMessages(t *testing.T) {
	t.Setenv("HANDBOOK_LANG", "")
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")

	// A good build: the summary's labels line up, a Chinese character
	// taking two columns.
	code, stdout, stderr := cli(t, "build", "-s", dir, "-d", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"页数", "HTML 页面", "生成完毕，用时", "用浏览器打开"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	var cols []int
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "  ") && strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "-") {
			cols = append(cols, width(line))
		}
	}
	for _, c := range cols {
		if c != cols[0] {
			t.Errorf("summary rows are %v columns wide, not all alike:\n%s", cols, stdout)
			break
		}
	}

	// A page without a title.
	page := filepath.Join(dir, "content", "untitled.md")
	if err := os.WriteFile(page, []byte("---\nkind: page\n---\n正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = cli(t, "build", "-s", dir, "-d", out)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || len(lines) != 2 || lines[1] != "共 1 个问题，没有写入任何文件。" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	msg, ok := strings.CutPrefix(lines[0], "content/untitled.md:1: ")
	if !ok || !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || strings.Contains(msg, "missing") || !strings.Contains(msg, "title:") {
		t.Errorf("the problem is not in Chinese, or not at its line: %q", lines[0])
	}
	code, _, stderr = cli(t, "check", "-s", dir)
	if code != 1 || !strings.HasSuffix(stderr, "\n共 1 个问题。\n") {
		t.Errorf("check: exit %d, stderr:\n%s", code, stderr)
	}

	// HANDBOOK_LANG=en, then a site in English.
	t.Setenv("HANDBOOK_LANG", "en")
	if _, _, stderr = cli(t, "build", "-s", dir, "-d", out); !strings.HasSuffix(stderr, "1 problem(s) found; nothing was written.\n") {
		t.Errorf("HANDBOOK_LANG=en: stderr:\n%s", stderr)
	}
	t.Setenv("HANDBOOK_LANG", "")
	if err := os.WriteFile(filepath.Join(dir, "handbook.toml"), []byte("title = \"Handbook\"\nlanguage = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, stderr = cli(t, "build", "-s", dir, "-d", out); !strings.HasSuffix(stderr, "1 problem(s) found; nothing was written.\n") || !strings.Contains(stderr, "missing title") {
		t.Errorf("a site in English: stderr:\n%s", stderr)
	}
}

// TestUsageErrors: a command line the command cannot take is answered in
// the site's language, with where the help is.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args   []string
		zh, en string
	}{
		{[]string{"biuld"}, "错误：handbook 没有 \"biuld\" 这个命令：是不是要写 build？（命令列表见 `handbook --help`）", "error: unknown command \"biuld\" for handbook: did you mean build? (see `handbook --help`)"},
		{[]string{"build", "--sourc", "x"}, "错误：没有 --sourc 这个选项（选项列表见 --help）", "error: unknown flag --sourc (see --help for the flags)"},
		{[]string{"build", "-x"}, "错误：没有 -x 这个选项（选项列表见 --help）", "error: unknown flag -x (see --help for the flags)"},
		{[]string{"build", "--source"}, "错误：选项 --source 后面要写一个值，例如 --source 值", "error: flag --source needs a value, as in --source VALUE"},
		{[]string{"quiz", "import"}, "错误：这个命令要 1 个参数，现在有 0 个（用法见 --help）", "error: takes 1 argument(s), got 0 (see --help)"},
		{[]string{"serve", "--port", "abc"}, "错误：\"abc\" 不是 -p, --port 可用的值：", "error: \"abc\" is not a valid value for -p, --port: "},
	} {
		for _, lang := range []string{"", "en"} {
			t.Setenv("HANDBOOK_LANG", lang)
			want := c.zh
			if lang == "en" {
				want = c.en
			}
			code, _, stderr := cli(t, c.args...)
			if code != 1 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("%v (HANDBOOK_LANG=%q): exit %d, stderr %q, want %q", c.args, lang, code, stderr, want)
			}
		}
	}
}

// TestHelpInChinese: --help and the help command describe the commands
// and their flags in the site's language.
func TestHelpInChinese(t *testing.T) {
	for _, c := range []struct {
		lang string
		args []string
		want []string
	}{
		{"", []string{"--help"}, []string{"用法：\n  handbook [命令]", "  build       把网站生成到输出文件夹", "运行 \"handbook [命令] --help\""}},
		{"", []string{"serve", "--help"}, []string{"用法：\n  handbook serve [选项]", "监听的端口（默认 1313）", "serve 的帮助", "包括标为 draft: true 的草稿页面"}},
		{"", []string{"help", "new"}, []string{"handbook new KIND PATH 按 KIND 类型的模板写出 content/PATH（类型：checklist, cleaning,"}},
		{"en", []string{"serve", "--help"}, []string{"Usage:\n  handbook serve [flags]", "port to listen on (default 1313)", "help for serve"}},
		{"en", []string{"help", "new"}, []string{"from the archetype of KIND (checklist, cleaning,"}},
	} {
		t.Setenv("HANDBOOK_LANG", c.lang)
		code, stdout, stderr := cli(t, c.args...)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(stdout, w) {
				t.Errorf("%v (HANDBOOK_LANG=%q): exit %d, lacks %q:\n%s%s", c.args, c.lang, code, w, stdout, stderr)
			}
		}
		if c.lang == "" && strings.Contains(stdout, "%!") {
			t.Errorf("%v: a verb without its argument:\n%s", c.args, stdout)
		}
	}
}
