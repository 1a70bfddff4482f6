package e2e

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

var (
	tagRE   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// pageText returns the visible text of a built page.
func pageText(t *testing.T, rel string) string {
	b, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
	if err != nil {
		t.Errorf("result %s: %v", rel, err)
		return ""
	}
	return spaceRE.ReplaceAllString(html.UnescapeString(tagRE.ReplaceAllString(string(b), " ")), " ")
}

// TestSearchRelevance runs the shared query set and the project's own in
// Chromium: a case passes when the text of one of the top three result
// pages matches its pattern. At least 90% must pass.
func TestSearchRelevance(t *testing.T) {
	var cases []search.Case
	for _, f := range []string{"../../shared/search-queries.tsv", "testdata/search-queries.tsv"} {
		cs, err := search.LoadCases(f)
		if err != nil {
			if os.IsNotExist(err) && strings.Contains(f, "shared") && os.Getenv("CI") != "true" {
				t.Logf("skipping %s: %v", f, err)
				continue
			}
			t.Fatal(err)
		}
		cases = append(cases, cs...)
	}
	ctx := browsertest.New(t)
	searchtest.Open(t, ctx, browsertest.FileURL(t, filepath.Join(siteDir, "search.html")))
	pass := 0
	var failed []string
	for _, c := range cases {
		resp, err := searchtest.Search(ctx, c.Query, searchtest.Options{Limit: 3})
		if err != nil {
			t.Fatalf("%q: %v", c.Query, err)
		}
		ok := false
		for _, u := range resp.URLs() {
			if c.Want.MatchString(pageText(t, u)) {
				ok = true
				break
			}
		}
		if ok {
			pass++
		} else {
			failed = append(failed, fmt.Sprintf("%s:%d: %q: top 3 %v do not match %s", c.File, c.Line, c.Query, resp.URLs(), c.Want))
		}
	}
	rate := float64(pass) / float64(len(cases))
	fmt.Printf("search relevance: %d/%d cases pass (%.1f%%)\n", pass, len(cases), 100*rate)
	for _, f := range failed {
		t.Log(f)
	}
	if rate < 0.9 {
		t.Errorf("relevance %.1f%% is below 90%%", 100*rate)
	}
}

// TestSearchPage checks the search page as a person uses it: ?q= in the
// address, results as an ordered list of links, and hostile or odd queries
// that must leave the page working with no script run.
func TestSearchPage(t *testing.T) {
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	base := browsertest.FileURL(t, filepath.Join(siteDir, "search.html"))
	for _, q := range []string{"", "。,!?", strings.Repeat("电梯", 5000), `<img src=x onerror=alert(1)>`, `"><script>alert(2)</script>`} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		searchtest.Open(t, ctx, base+"?q="+url.QueryEscape(q))
		injected := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('img[src=x], .search-results script, #search-page script').length`)))
		if injected != 0 {
			t.Errorf("query %.30q: injected elements in the page", q)
		}
		// the page still answers a normal query afterwards
		resp, err := searchtest.Search(ctx, "电梯", searchtest.Options{Limit: 3})
		if err != nil || len(resp.Results) == 0 {
			t.Errorf("after query %.30q the search no longer works: %v", q, err)
		}
	}
	if d := dialogs(); len(d) > 0 {
		t.Errorf("a query ran script: dialogs %v", d)
	}
	// A linked search lists its results as <ol class="search-results"> of <li><a href>, in rank order.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"?q="+url.QueryEscape("电梯保洁"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('ol.search-results > li a[href]').length > 0`)); err != nil {
		t.Fatal(err)
	}
	first := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('ol.search-results > li a[href]').getAttribute('href')`)))
	if !strings.Contains(first, "elevator") {
		t.Errorf("first result for 电梯保洁 is %s", first)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`ol.search-results > li a[href]`), chromedp.WaitVisible(`article h1`)); err != nil {
		t.Fatal(err)
	}
	if loc := must[string](t)(chromedp.Run(ctx, chromedp.Location())); !strings.Contains(loc, "elevator") {
		t.Errorf("clicking the first result led to %s", loc)
	}
	// The page marks the terms searched for, in the part the link opens at.
	marked := func() (all []string, inView int) {
		t.Helper()
		type marks struct {
			All    []string `json:"all"`
			InView int      `json:"inView"`
		}
		m := must[marks](t)(chromedp.Run(ctx, chromedp.Evaluate[marks](`(() => {
			const ms = [...document.querySelectorAll('main mark.search-hl')];
			return {all: ms.map(m => m.textContent), inView: ms.filter(m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length};
		})()`)))
		return m.All, m.InView
	}
	all, inView := marked()
	if len(all) < 3 || inView == 0 {
		t.Errorf("电梯保洁: %d terms marked on the page, %d of them in view", len(all), inView)
	}
	for _, m := range all {
		if !strings.Contains("电梯保洁", m) {
			t.Errorf("电梯保洁: the page marks %q", m)
		}
	}
	// A pinyin query marks the Han text it found.
	searchtest.Open(t, ctx, base+"?q=xiaodu")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('ol.search-results > li a[href]').length > 0`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`ol.search-results > li a[href]`), chromedp.WaitVisible(`article h1`)); err != nil {
		t.Fatal(err)
	}
	if all, _ = marked(); len(all) == 0 || !slices.Contains(all, "消毒") {
		t.Errorf("xiaodu: the page marks %q, want 消毒", all)
	}
	// A page opened without the terms marks nothing.
	if err := chromedp.Do(ctx, chromedp.Navigate(browsertest.FileURL(t, filepath.Join(siteDir, "cleaning", "elevator.html")))); err != nil {
		t.Fatal(err)
	}
	if all, _ = marked(); len(all) != 0 {
		t.Errorf("a page opened from a link marks %q", all)
	}
}

var idRE = regexp.MustCompile(`\sid="([^"]*)"`)

// TestSearchResultsLandOnTheirSection: every result that links to a part of
// a page links to an anchor the page has, so that the reader lands on it
// and not at the top; a glossary term found links to the term itself, not
// to the top of the list.
func TestSearchResultsLandOnTheirSection(t *testing.T) {
	cases, err := search.LoadCases("testdata/search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"日产日清", "单源", "步骤", "质量标准", "频率", "区域", "标准用语", "禁忌", "工具", "电梯", "消毒", "投诉"}
	for _, c := range cases {
		queries = append(queries, c.Query)
	}
	ids := map[string]map[string]bool{}
	idsOf := func(rel string) map[string]bool {
		if m, ok := ids[rel]; ok {
			return m
		}
		m := map[string]bool{}
		b, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("result %s: %v", rel, err)
		}
		for _, x := range idRE.FindAllStringSubmatch(string(b), -1) {
			m[html.UnescapeString(x[1])] = true
		}
		ids[rel] = m
		return m
	}
	ctx := browsertest.New(t)
	searchtest.Open(t, ctx, browsertest.FileURL(t, filepath.Join(siteDir, "search.html")))
	anchors := 0
	for _, q := range queries {
		resp, err := searchtest.Search(ctx, q, searchtest.Options{Limit: 10})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		for _, r := range resp.Results {
			page, frag, ok := strings.Cut(r.URL, "#")
			if !ok {
				continue
			}
			anchors++
			id, err := url.PathUnescape(frag)
			if err != nil || !idsOf(page)[id] {
				t.Errorf("%q: result %s: %s has no element with id %q", q, r.URL, page, id)
			}
		}
	}
	if anchors < 50 {
		t.Errorf("only %d results link to a part of a page", anchors)
	}
	for q, want := range map[string]string{"日产日清": "glossary.html#" + url.PathEscape("日产日清"), "单源": "glossary.html#" + url.PathEscape("单源")} {
		resp, err := searchtest.Search(ctx, q, searchtest.Options{Limit: 10})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		got := ""
		for _, r := range resp.Results {
			if strings.HasPrefix(r.URL, "glossary.html") {
				got = r.URL
			}
		}
		if got != want {
			t.Errorf("%q: the glossary's result links to %q, want %s", q, got, want)
		}
	}
}
