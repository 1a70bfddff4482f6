package search

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strings"

	"handbook/generator/diag"
)

// Case is one relevance check: a query and a pattern that the URL of a top
// result must match, such as `^cleaning/elevator\.html`.
type Case struct {
	Query string
	Want  *regexp.Regexp
	File  string
	Line  int
}

// LoadCases reads relevance cases from a file of lines "query<TAB>regexp".
// Blank lines and lines starting with # are skipped. All bad lines are
// reported together.
func LoadCases(path string) ([]Case, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseCases(path, src)
}

// ParseCases parses the text of a cases file; name is used in errors.
func ParseCases(name string, src []byte) ([]Case, error) {
	var cases []Case
	var errs diag.List
	sc := bufio.NewScanner(bytes.NewReader(src))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		query, pattern, ok := strings.Cut(text, "\t")
		query, pattern = strings.TrimSpace(query), strings.TrimSpace(pattern)
		if !ok || query == "" || pattern == "" {
			errs.Addf(name, line, "want query<TAB>regexp, got %q", text)
			continue
		}
		re, err := regexp.Compile(pattern)
		if err != nil {
			errs.Add(&diag.Error{File: name, Line: line, Msg: "bad regexp: " + err.Error(), Err: err})
			continue
		}
		cases = append(cases, Case{Query: query, Want: re, File: name, Line: line})
	}
	if err := sc.Err(); err != nil {
		errs.Add(&diag.Error{File: name, Msg: err.Error(), Err: err})
	}
	return cases, errs.Err()
}

// Rank returns the 1-based rank of the first of urls that c.Want matches,
// or 0 if none does.
func (c Case) Rank(urls []string) int {
	for i, u := range urls {
		if c.Want.MatchString(u) {
			return i + 1
		}
	}
	return 0
}
