package search

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Numbers are written in the printable ASCII characters that need no
// escaping in a JavaScript or JSON string: '!' to '}' without '"' and '\'.
// The first numBase of them are final digits, the other numCarry carry on:
// a number is written low digit first, each but the last a carrying digit
// of base numCarry. Numbers below 46 take one character, below 2,070 two
// and below 93,150 three. No digit is a Han character, which is what lets a
// postings shard run keys and postings together with no separator; '~' is
// no digit either, and marks postings written as a bitmap.
const (
	numBase    = 46
	numCarry   = 45
	numDigits  = numBase + numCarry
	bitmapMark = '~'
)

var numAlphabet = func() (a [numDigits]byte) {
	n := 0
	for c := byte('!'); c < bitmapMark; c++ {
		if c != '"' && c != '\\' {
			a[n] = c
			n++
		}
	}
	return a
}()

var numValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i, c := range numAlphabet {
		v[c] = int8(i)
	}
	return v
}()

func appendNum(b []byte, v uint32) []byte {
	for v >= numBase {
		b = append(b, numAlphabet[numBase+v%numCarry])
		v /= numCarry
	}
	return append(b, numAlphabet[v])
}

// decodeNums reads the numbers of s; for tests and tools.
func decodeNums(s string) ([]int, bool) {
	var out []int
	v, mul := 0, 1
	for i := 0; i < len(s); i++ {
		d := int(numValue[s[i]])
		switch {
		case d < 0:
			return nil, false
		case d >= numBase:
			v += (d - numBase) * mul
			mul *= numCarry
		default:
			out = append(out, v+d*mul)
			v, mul = 0, 1
		}
	}
	return out, mul == 1
}

// termHash is 32-bit FNV-1a over the UTF-16 code units of s, the units
// JavaScript strings are made of, so search.js computes it with charCodeAt.
func termHash(s string) uint32 {
	h := uint32(2166136261)
	for _, u := range utf16.Encode([]rune(s)) {
		h ^= uint32(u)
		h *= 16777619
	}
	return h
}

// hashShard is the postings shard of a Han or filter term.
func hashShard(term string, bits int) uint32 {
	return termHash(term) >> (32 - bits)
}

// appendJSONString appends s as a JSON string that is also a valid
// JavaScript string literal: invalid UTF-8 becomes U+FFFD, and the line
// separators U+2028 and U+2029 are escaped. Runs of bytes that need nothing
// are copied whole, which is most of a Chinese page.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if 0xE3 <= c && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three bytes, U+3000–U+CFFF, valid and no line separator: the
			// Han characters of most text.
			i += 3
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != '\u2028' && r != '\u2029' && (r != utf8.RuneError || n > 1) {
				i += n
				continue
			}
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, `\u202`...)
				b = append(b, hex[r&15])
			}
			i += n
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		if c < 0x20 {
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		} else {
			b = append(b, '\\', c)
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
