package diag

import "testing"

func init() {
	Register(map[string]string{
		"broken link %q: %s": "失效的链接 %q：%s",
		"%s does not exist":  "%s 不存在",
		"rename %s to %s":    "把 %[2]s 改名为 %[1]s",
	})
}

// TestTextIn: a message is written in English or Chinese, the parts it is
// built from in the same language, arguments in the order each language
// wants; a format without Chinese stays English, and English is the
// error's own text.
func TestTextIn(t *testing.T) {
	msg := T("broken link %q: %s", "x.md", T("%s does not exist", "content/x.md"))
	for _, c := range []struct{ lang, want string }{
		{English, `broken link "x.md": content/x.md does not exist`},
		{Zh, `失效的链接 "x.md"：content/x.md 不存在`},
	} {
		if got := msg.In(c.lang); got != c.want {
			t.Errorf("In(%s) = %q, want %q", c.lang, got, c.want)
		}
	}
	if got := T("rename %s to %s", "a.md", "b.md").In(Zh); got != "把 b.md 改名为 a.md" {
		t.Errorf("reordered: %q", got)
	}
	if got := T("no translation %d", 3).In(Zh); got != "no translation 3" {
		t.Errorf("untranslated: %q", got)
	}
	e := Errorf("content/a.md", 4, "broken link %q: %s", "x.md", T("%s does not exist", "content/x.md"))
	if e.Error() != `content/a.md:4: broken link "x.md": content/x.md does not exist` || e.In(Zh) != `content/a.md:4: 失效的链接 "x.md"：content/x.md 不存在` {
		t.Errorf("Error() = %q, In(Zh) = %q", e.Error(), e.In(Zh))
	}
	if got := (&Error{File: "a.md", Msg: "plain"}).In(Zh); got != "a.md: plain" {
		t.Errorf("an Error without a Text: %q", got)
	}
}

func TestAndOr(t *testing.T) {
	for _, c := range []struct {
		items   []string
		and, zh string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", "a"},
		{[]string{"a", "b"}, "a and b", "a 和 b"},
		{[]string{"a", "b", "c"}, "a, b and c", "a、b 和 c"},
	} {
		if got := And(c.items); got.String() != c.and || got.In(Zh) != c.zh {
			t.Errorf("And(%q) = %q / %q, want %q / %q", c.items, got.String(), got.In(Zh), c.and, c.zh)
		}
	}
	if got := Or([]string{"x.md", "y.md"}).In(Zh); got != "x.md 或 y.md" {
		t.Errorf("Or: %q", got)
	}
}

func TestLang(t *testing.T) {
	t.Setenv("HANDBOOK_LANG", "")
	if Lang("zh-CN") != Zh || Lang("en") != English || Lang("") != Zh {
		t.Error("Lang does not follow the site")
	}
	t.Setenv("HANDBOOK_LANG", "en")
	if Lang("zh-CN") != English {
		t.Error("HANDBOOK_LANG=en does not win")
	}
}
