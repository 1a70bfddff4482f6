package search

import "unicode/utf16"

// The postings of a term are one string of unsigned integers, each written
// in base-64 digits of five value bits and one continuation bit, low bits
// first (the VLQ of source maps, without a sign bit). Numbers below 32 take
// one character. The alphabet needs no escaping in a JSON string.
const vlqAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func appendVLQ(b []byte, v int) []byte {
	if v < 0 {
		panic("search: negative VLQ value")
	}
	for {
		d := v & 31
		v >>= 5
		if v == 0 {
			return append(b, vlqAlphabet[d])
		}
		b = append(b, vlqAlphabet[d|32])
	}
}

// decodeVLQ reads the numbers of s; for tests and tools.
func decodeVLQ(s string) ([]int, bool) {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := indexByte(vlqAlphabet, s[i])
		if d < 0 {
			return nil, false
		}
		v |= (d & 31) << shift
		if d&32 == 0 {
			out = append(out, v)
			v, shift = 0, 0
		} else {
			shift += 5
		}
	}
	return out, shift == 0
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
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
