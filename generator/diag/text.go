package diag

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
)

// Text is a message an author reads, kept as its English format and
// arguments so that it can be written in the site's language: String
// writes it in English, In in the language asked for. An argument that is
// itself a Text is written in the same language, so a message can be
// built from parts.
type Text struct {
	Format string
	Args   []any
}

// T returns the message format with args.
func T(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String writes t in English.
func (t Text) String() string { return t.In(English) }

// In writes t in lang (English or Chinese; see Lang). A format without a
// Chinese translation is written in English.
func (t Text) In(lang string) string {
	format := t.Format
	if lang != English {
		if zh, ok := Chinese(format); ok {
			format = zh
		}
	}
	args, copied := t.Args, false
	for i, a := range args {
		if sub, ok := a.(Text); ok {
			if !copied {
				args, copied = append([]any(nil), t.Args...), true
			}
			args[i] = sub.In(lang)
		}
	}
	if len(args) == 0 && !strings.Contains(format, "%") {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// The languages of messages.
const (
	English = "en"
	Zh      = "zh-CN"
)

// Lang is the language of messages for a site whose language setting is
// site: English for en, Chinese otherwise. HANDBOOK_LANG in the
// environment (en or zh-CN), if set, wins.
func Lang(site string) string {
	if env := os.Getenv("HANDBOOK_LANG"); env != "" {
		site = env
	}
	if strings.HasPrefix(strings.ToLower(site), "en") {
		return English
	}
	return Zh
}

var (
	catalogMu sync.RWMutex
	catalog   = map[string]string{}
)

// Register adds Chinese translations of message formats, keyed by the
// English format exactly as the code writes it. Each package registers its
// own messages from an init func. A format registered twice with two
// translations is a bug, and panics.
func Register(zh map[string]string) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	for en, t := range zh {
		if old, ok := catalog[en]; ok && old != t {
			panic(fmt.Sprintf("diag: %q has two translations: %q and %q", en, old, t))
		}
		catalog[en] = t
	}
}

// Chinese returns the Chinese translation of an English format.
func Chinese(format string) (string, bool) {
	catalogMu.RLock()
	defer catalogMu.RUnlock()
	t, ok := catalog[format]
	return t, ok
}

// Catalog returns a copy of every registered translation, for tests.
func Catalog() map[string]string {
	catalogMu.RLock()
	defer catalogMu.RUnlock()
	m := make(map[string]string, len(catalog))
	for k, v := range catalog {
		m[k] = v
	}
	return m
}

// Localized is an error that can be written in another language.
type Localized interface {
	error
	In(lang string) string
}

// In writes err in lang: a List one problem a line, an Error or any other
// Localized error by its In, any other error as it is.
func In(err error, lang string) string {
	var list List
	if errors.As(err, &list) {
		return list.In(lang)
	}
	var l Localized
	if errors.As(err, &l) {
		return l.In(lang)
	}
	return err.Error()
}

// In writes the problems of l in lang, one a line.
func (l List) In(lang string) string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.In(lang)
	}
	return strings.Join(lines, "\n")
}

// And joins items as "a, b and c", in the language the Text is written in.
func And(items []string) Text {
	if len(items) < 2 {
		return T("%s", strings.Join(items, ""))
	}
	return T("%s and %s", Commas(items[:len(items)-1]), items[len(items)-1])
}

// Or joins items as "a, b or c", in the language the Text is written in.
func Or(items []string) Text {
	if len(items) < 2 {
		return T("%s", strings.Join(items, ""))
	}
	return T("%s or %s", Commas(items[:len(items)-1]), items[len(items)-1])
}

// Commas joins items with the list comma of the language: "a, b" or
// "a、b".
func Commas(items []string) Text {
	if len(items) == 0 {
		return T("%s", "")
	}
	t := T("%s", items[0])
	for _, it := range items[1:] {
		t = T("%s, %s", t, it)
	}
	return t
}
