package search

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

func toks(ts []Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s@%d", t.Text, t.Pos)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"one han", "梯", "梯@0"},
		{"han characters, pairs and triples", "电梯保洁", "电@0 电梯@0 电梯保@0 梯@1 梯保@1 梯保洁@1 保@2 保洁@2 洁@3"},
		{"latin lowercased", "Hello WORLD", "hello@0 world@1"},
		{"full-width folded", "ＷｉＦｉ　密码１２３", "wifi@0 密@1 密码@1 码@2 123@3"},
		{"full-width punctuation is punctuation", "电梯！保洁", "电@0 电梯@0 梯@1 保@3 保洁@3 洁@4"},
		{"punctuation breaks pairs and leaves one gap", "电梯，——保洁", "电@0 电梯@0 梯@1 保@3 保洁@3 洁@4"},
		{"space breaks pairs, leaves no gap", "电梯 保洁", "电@0 电梯@0 梯@1 保@2 保洁@2 洁@3"},
		{"only punctuation", "！？。、<>&\"'", ""},
		{"digits and han", "5S管理", "5s@0 管@1 管理@1 理@2"},
		{"time", "17:00前", "17@0 00@2 前@3"},
		{"markup is text", "<img src=x onerror=alert(1)>", "img@0 src@1 x@3 onerror@4 alert@6 1@8"},
		{"accented letters", "Café", "café@0"},
		{"an apostrophe inside a word joins it", "dian'ti DON’T ａ＇ｂ", "dianti@0 dont@1 ab@2"},
		{"an apostrophe elsewhere is punctuation", "'ok' a'' b 电'梯 x'电 5'", "ok@0 a@2 b@4 电@5 梯@7 x@8 电@10 5@11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := toks(Tokenize(tt.in)); got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeLongWord(t *testing.T) {
	ts := Tokenize(strings.Repeat("a", 100) + " b")
	if len(ts) != 2 || len([]rune(ts[0].Text)) != MaxWordLen || ts[1].Text != "b" {
		t.Errorf("got %s", toks(ts))
	}
}

func TestTokenKinds(t *testing.T) {
	ts := Tokenize("电梯间 go")
	want := []TokenKind{HanChar, HanPair, HanTriple, HanChar, HanPair, HanChar, Word}
	for i, tk := range ts {
		if tk.Kind != want[i] {
			t.Errorf("token %d %q kind %v, want %v", i, tk.Text, tk.Kind, want[i])
		}
	}
}

func TestPinyinTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"电梯", "dianti@0 dt@0"},
		{"梯", "ti@0"},
		{"电梯保洁", "diantibaojie@0 dtbj@0 tibaojie@1 tbj@1 baojie@2 bj@2"},
		{"大堂电梯保洁规程", "datangdianti@0 dtdtbjgc@0 tangdiantibao@1 tdtbjgc@1 diantibaojie@2 dtbjgc@2 " +
			"tibaojiegui@3 tbjgc@3 baojieguicheng@4 bjgc@4 jieguicheng@5 jgc@5 guicheng@6 gc@6"},
		{"绿化", "lvhua@0 lh@0"},
		{"WiFi 电梯", "dianti@1 dt@1"},
		{"电梯，保洁", "dianti@0 dt@0 baojie@3 bj@3"},
		{"no han", ""},
	}
	for _, tt := range tests {
		if got := toks(PinyinTokens(tt.in)); got != tt.want {
			t.Errorf("PinyinTokens(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// Queries dianti and dt reach 电梯 through prefix matching of these terms.
func TestPinyinPrefixes(t *testing.T) {
	terms := PinyinTokens("电梯保洁规程")
	for _, q := range []string{"dianti", "dt", "baojie", "bj", "dtbjgc"} {
		found := false
		for _, tk := range terms {
			found = found || strings.HasPrefix(tk.Text, q)
		}
		if !found {
			t.Errorf("no pinyin term of 电梯保洁规程 starts with %q", q)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[rune]rune{'Ａ': 'a', 'ｚ': 'z', '０': '0', '！': '!', '～': '~', '　': ' ', 'A': 'a', '电': '电', '。': '。'} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNums(t *testing.T) {
	nums := []int{0, 1, 45, 46, 47, 2069, 2070, 93149, 93150, 1 << 20, 123456789, math.MaxUint32}
	var b []byte
	for _, n := range nums {
		b = appendNum(b, uint32(n))
	}
	if string(b[:5]) != "!#OQ#" {
		t.Errorf("small numbers encode as %q", b[:5])
	}
	if bytes.ContainsAny(b, "\"\\ ~") || bytes.ContainsFunc(b, func(r rune) bool { return r < '!' || r > '~' }) {
		t.Errorf("digits outside printable ASCII or needing escapes: %q", b)
	}
	got, ok := decodeNums(string(b))
	if !ok || fmt.Sprint(got) != fmt.Sprint(nums) {
		t.Errorf("round trip: %v, %v", got, ok)
	}
	if _, ok := decodeNums("Q"); ok {
		t.Error("a carrying digit at the end decoded")
	}
}

// The same values are checked in the browser against search.js.
func TestTermHash(t *testing.T) {
	for s, want := range map[string]uint32{"": 2166136261, "a": 0xe40c292c, "电梯": termHash("电梯")} {
		if got := termHash(s); got != want {
			t.Errorf("termHash(%q) = %#x, want %#x", s, got, want)
		}
	}
	if hashShard("电梯", 8) != termHash("电梯")>>24 {
		t.Error("hashShard does not take the top bits")
	}
}
