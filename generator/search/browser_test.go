package search_test

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browsertest"
	"handbook/generator/model"
	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

// pageBody is the markup the theme puts on every page, plus the search
// page fragment.
const pageBody = `
<form class="site-search" role="search" action="index.html" method="get">
  <input type="search" name="q" id="site-search-input" placeholder="搜索手册" autocomplete="off" aria-label="搜索">
</form>
<div id="site-search-dropdown" hidden></div>
<p><input id="other-input"></p>
<div id="search-page" data-kinds='{"cleaning":"清洁规程","etiquette":"礼仪规范"}' data-roles='["保洁员","前台接待"]'>
  <form><input id="search-page-input" name="q"><select id="search-kind"></select><select id="search-role"></select></form>
  <p id="search-status" aria-live="polite"></p>
  <ol class="search-results"></ol>
</div>`

func sec(id, heading, text string) model.Section {
	return model.Section{ID: id, Heading: heading, Text: text}
}

func testDocs() []search.Doc {
	cleaning := func(url, title string, roles []string, secs ...model.Section) search.Doc {
		return search.Doc{URL: url, Title: title, Kind: "cleaning", KindLabel: "清洁规程", Roles: roles, Sections: secs}
	}
	return []search.Doc{
		cleaning("cleaning/adjacent.html", "设备维护", []string{"保洁员"},
			sec("", "", "每天进行电梯保洁工作，保持整洁。")),
		cleaning("cleaning/scattered.html", "设备维护记录", []string{"保洁员"},
			sec("", "", "电梯每天运行，电梯按钮要擦。大堂需要保洁，保洁要及时。")),
		cleaning("cleaning/title.html", "消毒规程", []string{"保洁组长"},
			sec("", "", "按要求执行，做好记录。")),
		cleaning("cleaning/body.html", "日常工作", []string{"保洁组长"},
			sec("", "", "按要求消毒，做好记录。")),
		cleaning("cleaning/elevator.html", "电梯安全", nil,
			sec("", "", "乘坐时注意安全。")),
		cleaning("cleaning/steps.html", "地面清洁", []string{"保洁员"},
			sec("", "", "概述内容。"),
			sec("tools", "工具", "拖把和抹布。"),
			sec("steps", "清洁步骤", "先除尘再拖地，地面无水渍。")),
		{URL: "etiquette/wifi.html", Title: "前台礼仪", Kind: "etiquette", KindLabel: "礼仪规范",
			Roles: []string{"前台接待"}, Summary: "告诉访客 WiFi 密码。",
			Sections: []model.Section{sec("", "", "微笑问候，双手递物。")}},
		{URL: "etiquette/markup.html", Title: "标记示例", Kind: "etiquette", KindLabel: "礼仪规范",
			Sections: []model.Section{sec("", "", `原文<b>粗体</b><img src=x onerror=alert(2)>结束`)}},
		// A quiz that says it more often than the page it asks about.
		{URL: "quizzes/sill.html", Title: "窗台保养", Kind: "quiz", KindLabel: "测验",
			Sections: []model.Section{sec("", "窗台多久擦拭?", "窗台擦拭,窗台擦拭。")}},
		{URL: "zone/sill.html", Title: "窗台保养", Kind: "cleaning", KindLabel: "清洁规程",
			Sections: []model.Section{sec("", "", "每天窗台擦拭。")}},
	}
}

// openSite builds the test site, opens it and starts recording dialogs.
func openSite(t *testing.T, docs []search.Doc, query string) (context.Context, string, func() []string) {
	t.Helper()
	dir := searchtest.Site(t, docs, search.Options{}, pageBody)
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	dialogs := browsertest.Dialogs(t, ctx)
	searchtest.Open(t, ctx, browsertest.FileURL(t, filepath.Join(dir, "index.html"))+query)
	return ctx, dir, dialogs
}

func TestBrowserSearch(t *testing.T) {
	ctx, _, dialogs := openSite(t, testDocs(), "")

	tests := []struct {
		name  string
		query string
		opt   searchtest.Options
		want  []string // URLs, in order, of the first results
		only  bool     // want is the whole result list
	}{
		{name: "phrase beats scattered", query: "电梯保洁", want: []string{"cleaning/adjacent.html", "cleaning/scattered.html"}},
		{name: "two words read as a phrase", query: "电梯 保洁", want: []string{"cleaning/adjacent.html", "cleaning/scattered.html"}},
		{name: "title beats body", query: "消毒", want: []string{"cleaning/title.html", "cleaning/body.html"}, only: true},
		{name: "pinyin", query: "dianti", want: []string{"cleaning/elevator.html", "cleaning/scattered.html", "cleaning/adjacent.html"}, only: true},
		{name: "pinyin initials", query: "dt", want: []string{"cleaning/elevator.html"}, only: true},
		{name: "pinyin prefix", query: "dian", want: []string{"cleaning/elevator.html"}, only: true},
		// Pinyin of a page's text, not only of its titles, as the Han query.
		{name: "pinyin of text", query: "xiaodu", want: []string{"cleaning/title.html", "cleaning/body.html"}, only: true},
		{name: "pinyin of text cut short", query: "xiaod", want: []string{"cleaning/title.html", "cleaning/body.html"}, only: true},
		{name: "pinyin of two words", query: "dianti baojie", want: []string{"cleaning/adjacent.html", "cleaning/scattered.html"}},
		{name: "pinyin of a phrase", query: "diantibaojie", want: []string{"cleaning/adjacent.html", "cleaning/scattered.html"}},
		{name: "pinyin of text and a filter", query: "jilu", opt: searchtest.Options{Role: "保洁组长"},
			want: []string{"cleaning/body.html", "cleaning/title.html"}, only: true},
		{name: "latin word", query: "WiFi", want: []string{"etiquette/wifi.html"}, only: true},
		{name: "latin prefix", query: "wif", want: []string{"etiquette/wifi.html"}, only: true},
		{name: "full-width", query: "ＷＩＦＩ　密码", want: []string{"etiquette/wifi.html"}, only: true},
		{name: "single character", query: "拖", want: []string{"cleaning/steps.html"}, only: true},
		{name: "kind filter", query: "要求", opt: searchtest.Options{Kind: "cleaning"},
			want: []string{"cleaning/body.html", "cleaning/title.html"}, only: true},
		{name: "kind filter excludes", query: "微笑", opt: searchtest.Options{Kind: "cleaning"}, only: true},
		{name: "role filter", query: "记录", opt: searchtest.Options{Role: "保洁组长"},
			want: []string{"cleaning/body.html", "cleaning/title.html"}, only: true},
		{name: "role and kind", query: "电梯", opt: searchtest.Options{Kind: "cleaning", Role: "保洁员"},
			want: []string{"cleaning/scattered.html", "cleaning/adjacent.html"}, only: true},
		{name: "all words beat a strong partial match", query: "电梯 记录", want: []string{"cleaning/scattered.html"}},
		{name: "a page beats a quiz with the same words", query: "窗台擦拭", want: []string{"zone/sill.html", "quizzes/sill.html"}, only: true},
		{name: "empty", query: "", only: true},
		{name: "only punctuation", query: "，。！？<>&;'\"", only: true},
		{name: "no match", query: "飞机", only: true},
		{name: "injection", query: `<img src=x onerror=alert(1)>`},
		{name: "long query", query: strings.Repeat("电梯保洁", 2500)},
		{name: "long pinyin", query: strings.Repeat("diantibaojie ", 400)},
		{name: "one syllable many times", query: strings.Repeat("a", 40) + " " + strings.Repeat("zhuang", 20)},
		{name: "pinyin and Han", query: "xiaodu 记录", want: []string{"cleaning/title.html", "cleaning/body.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := searchtest.Search(ctx, tt.query, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := resp.URLs()
			if tt.only && !slices.Equal(got, tt.want) || !tt.only && (len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want)) {
				t.Errorf("%q: got %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	if d := dialogs(); len(d) > 0 {
		t.Errorf("a query opened dialogs: %q", d)
	}
}

// TestBrowserPinyinHomophones: of the pairs a pinyin word reads, the one
// the site uses most comes first, as an input method offers it; the others
// are still found.
func TestBrowserPinyinHomophones(t *testing.T) {
	var docs []search.Doc
	for i := range 6 {
		docs = append(docs, textPage(fmt.Sprintf("use/%d.html", i), "按规定使用清洁剂。"))
	}
	docs = append(docs, textPage("apply/0.html", "本规定适用于病房,也适用于走廊。"))
	ctx, _, _ := openSite(t, docs, "")
	resp, err := searchtest.Search(ctx, "shiyong", searchtest.Options{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := resp.URLs()
	if len(got) != 7 || got[len(got)-1] != "apply/0.html" {
		t.Errorf("shiyong: %v, want the six pages with 使用, then apply/0.html with 适用", got)
	}
}

// TestBrowserPinyinRareReading: a pair that reads as typed only by a rare
// reading of a character comes after the pairs that read so the usual way,
// however many pages have it; where no pair reads so the usual way, it is
// found as any other.
func TestBrowserPinyinRareReading(t *testing.T) {
	docs := []search.Doc{textPage("mop.html", "拖布的头最好能卸下以便消毒。")}
	for i := range 5 {
		docs = append(docs, textPage(fmt.Sprintf("other/%d.html", i), "遇到问题请联系其他部门。"))
	}
	docs = append(docs, textPage("length.html", "记录管道长度。"))
	searchEach(t, docs, map[string][]string{
		"tuobu":   {"mop.html", "other/0.html", "other/1.html", "other/2.html", "other/3.html", "other/4.html"},
		"changdu": {"length.html"},
	})
}

// textPage is a page of one untitled section of text.
func textPage(url, text string) search.Doc {
	return search.Doc{URL: url, Title: "说明", Kind: "page", Sections: []model.Section{sec("", "", text)}}
}

// searchEach opens a site of docs and checks that each query finds
// exactly its pages, in order.
func searchEach(t *testing.T, docs []search.Doc, want map[string][]string) {
	t.Helper()
	ctx, _, _ := openSite(t, docs, "")
	for q, w := range want {
		resp, err := searchtest.Search(ctx, q, searchtest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.URLs(); !slices.Equal(got, w) {
			t.Errorf("%s: %v, want %v", q, got, w)
		}
	}
}

// TestBrowserFuzzyPinyin: a pair of syllables the site has no reading for
// is looked up as its sounds-alike (z and zh, n and l, an and ang …), as
// input methods' fuzzy pinyin does; a reading the site has is taken as it
// is.
func TestBrowserFuzzyPinyin(t *testing.T) {
	searchEach(t, []search.Doc{
		textPage("a.html", "保洁员要专业,服务要专业。"),
		textPage("b.html", "垃圾桶是蓝色的,盖子也是蓝色的。"),
		textPage("c.html", "门口有灯光,走廊也有灯光。"),
		textPage("d.html", "要有耐心,再有耐心。"),
	}, map[string][]string{
		"zhuanye": {"a.html"}, "zuanye": {"a.html"}, "zuangye": {"a.html"},
		"nanse": {"b.html"}, "lanse": {"b.html"},
		"denguang": {"c.html"}, "dengguan": {"c.html"},
		"naixin": {"d.html"}, "laixing": {"d.html"},
		"zuanyi": nil,
	})
}

// TestBrowserPinyinApostrophe: an apostrophe typed between syllables, as
// input methods take it, ends a syllable: xi'an is 西安, and xian, one
// syllable where the site has 先, is not read as it.
func TestBrowserPinyinApostrophe(t *testing.T) {
	searchEach(t, []search.Doc{
		textPage("a.html", "西安分公司,西安办事处。"),
		textPage("b.html", "方案一,方案二。"),
		textPage("c.html", "先做后说,先做再看。"),
	}, map[string][]string{"xi'an": {"a.html"}, "xi’an": {"a.html"}, "xian": nil, "fang'an": {"b.html"}, "fangan": {"b.html"}})
}

// TestBrowserPinyinReadsAsHan: a query typed in pinyin finds what the Han
// text it stands for finds, in the same order, and marks the same words.
func TestBrowserPinyinReadsAsHan(t *testing.T) {
	ctx, _, _ := openSite(t, testDocs(), "")
	for _, q := range [][2]string{
		{"dianti", "电梯"}, {"xiaodu", "消毒"}, {"jilu", "记录"}, {"baojie", "保洁"},
		{"dianti baojie", "电梯 保洁"}, {"diantibaojie", "电梯保洁"}, {"dian'ti bao'jie", "电梯 保洁"},
		{"chuangtai cashi", "窗台 擦拭"}, {"chuangtaicashi", "窗台擦拭"}, {"Xiaodu Jilu", "消毒 记录"},
		// Syllables typed apart are read as one word with their neighbours.
		{"dian ti", "电梯"}, {"dian ti bao jie", "电梯保洁"}, {"dian tibaojie", "电梯保洁"}, {"diantibao jie", "电梯保洁"},
	} {
		py, err := searchtest.Search(ctx, q[0], searchtest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		han, err := searchtest.Search(ctx, q[1], searchtest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(han.URLs()) == 0 {
			t.Fatalf("%q finds nothing", q[1])
		}
		if !slices.Equal(py.URLs(), han.URLs()) {
			t.Errorf("%q finds %v, %q %v", q[0], py.URLs(), q[1], han.URLs())
		}
		for i := range min(len(py.Results), len(han.Results)) {
			p, h := py.Results[i], han.Results[i]
			if !slices.Equal(p.Marks, h.Marks) || math.Abs(p.Score-h.Score) > 1e-9*h.Score {
				t.Errorf("%q, result %d: marks %q, score %g; %q: marks %q, score %g", q[0], i, p.Marks, p.Score, q[1], h.Marks, h.Score)
			}
		}
	}
}

func TestBrowserResults(t *testing.T) {
	ctx, _, _ := openSite(t, testDocs(), "")
	resp, err := searchtest.Search(ctx, "除尘", searchtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) != 1 {
		t.Fatalf("results = %+v", resp.Results)
	}
	r := resp.Results[0]
	// The link carries the terms to mark on the page, before the anchor.
	if r.URL != "cleaning/steps.html#steps" || r.Href != "cleaning/steps.html?hl=%E9%99%A4%E5%B0%98#steps" || r.Heading != "清洁步骤" ||
		r.Title != "地面清洁" || r.KindLabel != "清洁规程" || !slices.Equal(r.Marks, []string{"除尘"}) {
		t.Errorf("result = %+v", r)
	}
	// A heading that matches picks its section.
	resp, err = searchtest.Search(ctx, "工具", searchtest.Options{})
	if err != nil || len(resp.Results) == 0 || resp.Results[0].URL != "cleaning/steps.html#tools" {
		t.Errorf("工具: %+v, %v", resp.Results, err)
	}
	// Whole phrases are marked, not their pairs.
	resp, err = searchtest.Search(ctx, "电梯保洁", searchtest.Options{})
	if err != nil || len(resp.Results) == 0 || !slices.Equal(resp.Results[0].Marks, []string{"电梯保洁"}) {
		t.Errorf("电梯保洁: %+v, %v", resp.Results, err)
	}
}

// TestBrowserSectionBadge: a result names the section it links to, but not
// when the section's heading only repeats the page's kind or title.
func TestBrowserSectionBadge(t *testing.T) {
	role := func(url, title string, s model.Section) search.Doc {
		return search.Doc{URL: url, Title: title, Kind: "role", KindLabel: "岗位职责", Sections: []model.Section{s}}
	}
	docs := []search.Doc{
		role("roles/clerk.html", "前台文员", sec("duty", "岗位职责", "接听电话并登记来电。")),
		role("roles/cleaner.html", "保洁员", sec("phone", "电话礼仪", "接听电话时先问好。")),
		role("roles/adviser.html", "客户顾问", sec("adviser", "客户顾问", "接听电话,了解客户需求。")),
	}
	ctx, _, _ := openSite(t, docs, "?"+url.Values{"q": {"接听电话"}}.Encode())
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#search-page .search-results > li').length === 3`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("waiting for 3 results: %v", err)
	}
	badges, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][]string](`(function () {
		var out = {};
		document.querySelectorAll('#search-page .search-results > li').forEach(function (li) {
			out[li.querySelector('a[href]').getAttribute('href').replace(/\?hl=[^#]*/, '')] = Array.from(li.querySelectorAll('.search-kind, .search-section'),
				function (b) { return b.className + ':' + b.textContent; });
		});
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"roles/clerk.html#duty":      {"search-kind:岗位职责"},
		"roles/cleaner.html#phone":   {"search-kind:岗位职责", "search-section:电话礼仪"},
		"roles/adviser.html#adviser": {"search-kind:岗位职责"},
	}
	for href, w := range want {
		if !slices.Equal(badges[href], w) {
			t.Errorf("%s: badges %q, want %q (all: %q)", href, badges[href], w, badges)
		}
	}
}

// TestBrowserSearchPage drives search page and header box as a person would.
func TestBrowserSearchPage(t *testing.T) {
	ctx, _, dialogs := openSite(t, testDocs(), "?"+url.Values{"q": {"电梯保洁"}, "kind": {"cleaning"}}.Encode())
	type item struct {
		Href, Title, Kind string
		Marks             int
	}
	listJS := `Array.from(document.querySelectorAll('#search-page .search-results > li')).map(function (li) {
		var a = li.querySelector('a[href]');
		return {Href: a.getAttribute('href').replace(/\?hl=[^#]*/, ''), Title: a.textContent, Kind: li.querySelector('.search-kind').textContent,
			Marks: li.querySelectorAll('mark').length};
	})`
	waitItems := func(n int) []item {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(
			`document.querySelectorAll('#search-page .search-results > li').length >= %d && !/正在/.test(document.getElementById('search-status').textContent)`, n),
			chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("waiting for %d results: %v", n, err)
		}
		items, err := chromedp.Run(ctx, chromedp.Evaluate[[]item](listJS))
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	// Pages for the 保洁员 role match 保洁 too, after the two with both words.
	items := waitItems(2)
	if len(items) != 6 || items[0].Href != "cleaning/adjacent.html" || items[1].Href != "cleaning/scattered.html" ||
		items[0].Kind != "清洁规程" || items[0].Marks == 0 {
		t.Errorf("results = %+v", items)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.getElementById('search-page-input').value,
		document.getElementById('search-kind').value, document.getElementById('search-status').textContent,
		document.getElementById('search-role').options.length + '']`))
	if err != nil || state[0] != "电梯保洁" || state[1] != "cleaning" || state[2] != "找到 6 条结果" || state[3] != "3" {
		t.Errorf("page state = %q, %v", state, err)
	}

	type_ := func(id, text string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById('`+id+`').value = ''`),
			chromedp.SendKeys(chromedp.ID(id), text),
		); err != nil {
			t.Fatal(err)
		}
	}

	// Typing updates the results and the address.
	type_("search-page-input", "消毒")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`/q=%E6%B6%88%E6%AF%92/.test(location.search)`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		t.Errorf("address not updated: %s", loc)
	}
	if items = waitItems(2); items[0].Href != "cleaning/title.html" {
		t.Errorf("after typing: %+v", items)
	}

	// Markup in the query or in page text stays text.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('search-kind').value = ''`)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`<img src=x onerror=alert(1)>`, "粗体"} {
		type_("search-page-input", q)
		if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	items = waitItems(1)
	imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#search-page img, #search-page b').length`))
	if err != nil || imgs != 0 || !strings.Contains(items[0].Title, "标记示例") {
		t.Errorf("markup made elements: %d, %+v, %v", imgs, items, err)
	}

	// "/" focuses the box, not while typing elsewhere; the page box wins.
	active := func() string {
		id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		return id
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("other-input")), chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if id := active(); id != "other-input" {
		t.Errorf("/ in another input moved focus to %q", id)
	}
	if err := chromedp.Do(ctx, chromedp.Blur(chromedp.ID("other-input")), chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if id := active(); id != "search-page-input" {
		t.Errorf("/ focused %q", id)
	}

	// The header box shows instant results; arrows move, Escape closes.
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.ID("site-search-input")),
		chromedp.SendKeys(chromedp.ID("site-search-input"), "电梯"),
		chromedp.WaitVisible(chromedp.CSS("#site-search-dropdown a.search-item")),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.ArrowDown),
	); err != nil {
		t.Fatal(err)
	}
	dd, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		String(document.querySelectorAll('#site-search-dropdown a.search-item').length),
		document.getElementById('site-search-input').getAttribute('aria-activedescendant'),
		document.querySelector('#site-search-dropdown .active').id,
		document.querySelector('#site-search-dropdown .search-all').getAttribute('href')]`))
	if err != nil || dd[0] != "3" || dd[1] != "site-search-opt-1" || dd[2] != dd[1] || dd[3] != "index.html?q=%E7%94%B5%E6%A2%AF" {
		t.Errorf("dropdown = %q, %v", dd, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(chromedp.ID("site-search-dropdown"))); err != nil {
		t.Errorf("Escape: %v", err)
	}
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

// TestBrowserInputMethod types as a person with a Chinese input method
// does: the box holds the pinyin, syllables parted by apostrophes, until a
// candidate is picked, and the keys that pick it are the input method's.
func TestBrowserInputMethod(t *testing.T) {
	docs := []search.Doc{
		{URL: "cleaning/elevator.html", Title: "电梯安全", Kind: "cleaning", KindLabel: "清洁规程",
			Sections: []model.Section{sec("", "", "乘坐时注意安全。")}},
		// dian and ti start pinyin terms here, dianti none.
		{URL: "cleaning/split.html", Title: "店长体检", Kind: "cleaning", KindLabel: "清洁规程",
			Sections: []model.Section{sec("", "", "每年一次。")}},
	}
	ctx, dir, dialogs := openSite(t, docs, "")
	if err := os.MkdirAll(filepath.Join(dir, "cleaning"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cleaning", "split.html"), []byte("<title>店长体检</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"dian'ti", []string{"cleaning/elevator.html"}},
		{"DIAN’TI", []string{"cleaning/elevator.html"}},
		{"ｄｉａｎ＇ｔｉ", []string{"cleaning/elevator.html"}},
		{"dian'", []string{"cleaning/elevator.html", "cleaning/split.html"}},
		// Syllables typed apart are read as one word: dian ti is 电梯, as
		// dianti; words typed apart stay apart.
		{"dian ti", []string{"cleaning/elevator.html"}},
		{"dianzhang tijian", []string{"cleaning/split.html"}},
	} {
		resp, err := searchtest.Search(ctx, tt.query, searchtest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := resp.URLs()
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.query, got, tt.want)
		}
	}

	// While the input method composes, the box shows its pinyin, and the
	// dropdown what that finds.
	dropdown := func(want string) {
		t.Helper()
		js := `Array.from(document.querySelectorAll('#site-search-dropdown a.search-item')).map(function (a) { return a.getAttribute('href').replace(/\?hl=[^#]*/, ''); }).join(' ') === ` + fmt.Sprintf("%q", want)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('site-search-input').value + ': ' + document.getElementById('site-search-dropdown').textContent`))
			t.Fatalf("dropdown is not %q: %s", want, got)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("site-search-input"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: "dian'ti", SelectionStart: 7, SelectionEnd: 7}); err != nil {
		t.Fatal(err)
	}
	dropdown("cleaning/elevator.html")
	// Picking the candidate puts the characters in the box.
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: "店长"}); err != nil {
		t.Fatal(err)
	}
	dropdown("cleaning/split.html")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	// Arrows and Enter that reach the page while a composition is on
	// are left to the input method.
	state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
		var box = document.getElementById('site-search-input'), out = [];
		['ArrowUp', 'Enter'].forEach(function (k) {
			var ev = new KeyboardEvent('keydown', { key: k, isComposing: true, bubbles: true, cancelable: true });
			box.dispatchEvent(ev);
			out.push(k + ' ' + ev.defaultPrevented);
		});
		out.push(box.getAttribute('aria-activedescendant'));
		return out;
	})()`))
	if err != nil || !slices.Equal(state, []string{"ArrowUp false", "Enter false", "site-search-opt-0"}) {
		t.Errorf("keys while composing: %q, %v", state, err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); !strings.HasSuffix(loc, "/index.html") {
		t.Errorf("Enter while composing went to %s", loc)
	}
	// Enter, not composing, opens the result.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	var loc string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		// A navigating page may not answer; ask again.
		if loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); strings.HasSuffix(loc, "/cleaning/split.html") {
			break
		}
	}
	if !strings.HasSuffix(loc, "/cleaning/split.html") {
		t.Errorf("Enter did not open the result: at %s", loc)
	}
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

// TestBrowserLoadsWhenUsed: a page without the search page loads search.js
// only when its header box is used; what was typed meanwhile is searched.
func TestBrowserLoadsWhenUsed(t *testing.T) {
	dir := searchtest.Site(t, testDocs(), search.Options{}, `
<form class="site-search" role="search" action="search.html" method="get">
  <input type="search" name="q" id="site-search-input" autocomplete="off" aria-label="搜索">
</form>
<div id="site-search-dropdown" hidden></div>
<main><h1>页面</h1></main>`)
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(browsertest.FileURL(t, filepath.Join(dir, "index.html"))), chromedp.WaitReady("main")); err != nil {
		t.Fatal(err)
	}
	loaded := `!!window.HBSearch + ' ' + !!document.querySelector('script[src$="/search.js"]')`
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](loaded)); err != nil || got != "false false" {
		t.Fatalf("before the box is used, search.js loaded: %q, %v", got, err)
	}
	// Text typed before search.js runs is searched when it does.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const b = document.getElementById('site-search-input');
			b.focus(); b.value = '电梯'; b.dispatchEvent(new Event('input', { bubbles: true })); })()`),
		chromedp.WaitVisible(chromedp.CSS("#site-search-dropdown a.search-item"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](loaded+` + ' ' + document.querySelector('#site-search-dropdown a.search-item').getAttribute('href')`))
	if err != nil || !strings.HasPrefix(got, "true true cleaning/") {
		t.Errorf("after focusing the box: %q, %v", got, err)
	}
	// "/" still focuses the box.
	if err := chromedp.Do(ctx, chromedp.Blur(chromedp.ID("site-search-input")), chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); err != nil || id != "site-search-input" {
		t.Errorf("/ focused %q, %v", id, err)
	}
}

// TestBrowserScale10k measures a 10,000-page index in the browser: the
// bytes each query loads and the time it takes once loaded.
func TestBrowserScale10k(t *testing.T) {
	if testing.Short() {
		t.Skip("10k pages in -short mode")
	}
	ctx, dir, _ := openSite(t, search.SyntheticDocs(10000), "")
	size := func(name string) int {
		fi, err := os.Stat(filepath.Join(dir, "search", filepath.FromSlash(name)+".js"))
		if err != nil {
			t.Fatal(err)
		}
		return int(fi.Size())
	}
	page := browsertest.FileURL(t, filepath.Join(dir, "index.html"))
	for _, q := range []string{"电梯 保洁", "垃圾 消毒", "客户 投诉", "地毯 吸尘", "保洁 清洁", "电梯保洁", "dianti", "wifi 密码"} {
		searchtest.Open(t, ctx, page) // a fresh page: nothing loaded yet
		first, err := searchtest.Search(ctx, q, searchtest.Options{Limit: 8})
		if err != nil {
			t.Fatal(err)
		}
		// Once loaded: the median of five runs.
		var runs []float64
		for range 5 {
			again, err := searchtest.Search(ctx, q, searchtest.Options{Limit: 8})
			if err != nil {
				t.Fatal(err)
			}
			runs = append(runs, again.Millis)
		}
		slices.Sort(runs)
		loadedMs := runs[2]
		index, docs := 0, 0
		for _, f := range first.Loaded {
			if strings.HasPrefix(f, "d/") {
				docs += size(f)
			} else {
				index += size(f)
			}
		}
		t.Logf("%-9s %5d results; loaded %2d files: index %6d B + top-8 documents %5d B = %6d B; %5.1f ms cold, %4.1f ms loaded",
			q, first.Total, len(first.Loaded), index, docs, index+docs, first.Millis, loadedMs)
		if !strings.HasPrefix(q, "d") && !strings.HasPrefix(q, "w") && index+docs > 120_000 {
			t.Errorf("%q loaded %d B, over 120 KB", q, index+docs)
		}
		if loadedMs > 50 {
			t.Errorf("%q took %.1f ms once loaded", q, loadedMs)
		}
	}
}
