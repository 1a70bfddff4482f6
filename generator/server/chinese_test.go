package server

import (
	"html"
	"strings"
	"testing"
	"unicode"
)

// TestChineseMessages: on a Chinese site the terminal, the page shown
// before the first good build and the overlay say what is wrong in
// Chinese, at the same file and line.
func TestChineseMessages(t *testing.T) {
	t.Setenv("HANDBOOK_LANG", "")
	u, log, fix := serveBroken(t)
	out := log.String()
	for _, want := range []string{"网站有 1 个问题；浏览器会一直显示它们，直到保存改好的文件：", "手册预览已启动（按 Ctrl+C 停止）：" + u} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out)
		}
	}
	const at = "content/pages/page.md:4: "
	chinese := func(where, s string) {
		t.Helper()
		i := strings.Index(s, at)
		if i < 0 {
			t.Fatalf("%s does not name the file and line:\n%s", where, s)
		}
		msg, _, _ := strings.Cut(s[i+len(at):], "\n")
		if !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || strings.Contains(msg, "unknown field") || !strings.Contains(msg, `"sumary"`) {
			t.Errorf("%s: the problem is not in Chinese: %q", where, msg)
		}
	}
	chinese("the terminal", out)
	_, body := get(t, u+"pages/page.html")
	chinese("the page", html.UnescapeString(body))
	ev := subscribe(t, u)
	e := ev.next(t)
	if e.Type != "error" {
		t.Fatalf("first event %+v; want the error", e)
	}
	chinese("the overlay", e.Error)
	fix()
	if e := ev.next(t); e.Type != "reload" {
		t.Fatalf("after the fix: %+v", e)
	}
	if !strings.Contains(log.String(), "已重新生成") {
		t.Errorf("terminal output after the fix:\n%s", log.String())
	}
}
