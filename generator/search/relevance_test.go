package search_test

import (
	"strings"
	"testing"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

func TestParseCases(t *testing.T) {
	src := "# comment\n\n电梯保洁\t^cleaning/elevator\\.html\ndianti\t电梯\nbad line\nq\t(\n"
	cases, err := search.ParseCases("cases.tsv", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "cases.tsv:5: want query<TAB>regexp") ||
		!strings.Contains(err.Error(), "cases.tsv:6: bad regexp") {
		t.Errorf("err = %v", err)
	}
	if len(cases) != 2 || cases[0].Query != "电梯保洁" || cases[0].Line != 3 || cases[1].Rank([]string{"a", "b/电梯.html"}) != 2 {
		t.Errorf("cases = %+v", cases)
	}
	if cases[0].Rank([]string{"cleaning/elevator.htm"}) != 0 {
		t.Error("Rank matched a URL it should not")
	}
}

// TestRelevanceHarness runs testdata/relevance.tsv against the small test
// site, so the harness itself is tested.
func TestRelevanceHarness(t *testing.T) {
	cases, err := search.LoadCases("testdata/relevance.tsv")
	if err != nil {
		t.Fatal(err)
	}
	ctx, _, _ := openSite(t, testDocs(), "")
	searchtest.CheckCases(t, ctx, cases, 3)
}
