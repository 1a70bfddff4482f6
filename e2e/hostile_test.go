package e2e

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/site"
)

// hostileFiles is a site written by someone who wants the handbook to run
// their script: raw HTML, script URLs spelt every way Markdown allows,
// event handlers through the attribute syntax, and HTML in every text of
// the front matter, the config and a quiz. unsafe_html is off, so none of
// it may run or become an element.
var hostileFiles = map[string]string{
	"handbook.toml": `title = "<script>alert('site')</script>手册"
description = "\"><img src=x onerror=alert('description')>"
`,
	"content/_index.md": `---
title: "<script>alert('home')</script>首页"
kind: page
summary: "<img src=x onerror=alert('home-summary')>"
---
<script>alert('raw')</script>

<img src=x onerror=alert('img')> <iframe src="javascript:alert('iframe')"></iframe> <svg onload=alert('svg')></svg>

<div onclick="alert('div')">点我</div>

## 标题 {#h1 onclick="alert('heading')" style="position:fixed;inset:0"}

## 标题二 {onclick=alert(1)}

[脚本](javascript:alert('link')) [大写](JaVaScRiPt:alert('upper')) [VB](vbscript:msgbox) [数据](data:text/html,<script>alert('data')</script>)
[实体](java&#115;cript:alert('entity')) [冒号](javascript&colon;alert('colon')) [十六进制](java&#x73;cript:alert('hex'))
[标记](%01javascript:alert('marker')) [控制](&#1;javascript:alert('control')) [文件](./javascript:alert('file'))
[引用][evil] ![图](javascript:alert('image')) <javascript:alert('autolink')> [空格](<java script:alert('space')>)

[evil]: javascript:alert('reference')

见[攻击页](attack/page.md#标题)。
`,
	"content/javascript:alert('file')": "an attachment whose name is a script URL",
	"content/roles/evil.md": `---
title: "<img src=x onerror=alert('role')>攻击员"
kind: role
summary: "<script>alert('role-summary')</script>"
duties: ["<script>alert('duty')</script>", "<b onmouseover=alert('duty2')>职责</b>"]
department: "<iframe src=javascript:alert('dept')>"
tags: ["<script>alert('tag')</script>", "\"><svg onload=alert('tag2')>"]
---
岗位说明 <script>alert('role-body')</script>
`,
	"content/attack/_index.md": `---
title: "</title><script>alert('section')</script>栏目"
kind: page
---
栏目 <img src=x onerror=alert('section-body')>
`,
	"content/attack/page.md": `---
title: "\"><script>alert('title')</script>攻击页"
kind: procedure
roles: ["<img src=x onerror=alert('role')>攻击员"]
summary: "' onmouseover='alert(1)"
tags: ["<script>alert('tag')</script>", "javascript:alert('tag3')"]
department: "<iframe src=javascript:alert('dept')>"
steps: ["<script>alert('step')</script>", "[链接](javascript:alert('steplink'))"]
taboos: ["<img src=x onerror=alert('taboo')>"]
---
## 标题

正文 <img src=x onerror=alert('body')>。
`,
	"content/attack/glossary.md": `---
title: 术语 <script>alert('glossary')</script>
kind: glossary
terms:
  - term: "<script>alert('term')</script>"
    definition: "<img src=x onerror=alert('definition')>"
---
`,
	"content/attack/sheet.md": `---
title: 表 <script>alert('sheet')</script>
kind: checklist
steps: ["<img src=x onerror=alert('sheet-step')>"]
signoff:
  columns: ["<script>alert('column')</script>", 签名]
  rows: ["<img src=x onerror=alert('row')>"]
---
`,
	"quizzes/evil.md": `---
title: "<script>alert('quiz-title')</script>测验"
summary: "<img src=x onerror=alert('quiz-summary')>"
roles: ["<img src=x onerror=alert('role')>攻击员"]
tags: ["<script>alert('quiz-tag')</script>"]
---

## \<img src=x onerror=alert('question')\>哪一个? {#evil-q1}

\<script\>alert('situation')\</script\>

- [x] \<script\>alert('choice')\</script\>
- [ ] \<img src=x onerror=alert('choice2')\>

> \<iframe src=javascript:alert('explanation')\>\</iframe\>

出处:[攻击页](../content/attack/page.md#标题)

## 第二题 {#evil-q2 type=order}

1. \<b onclick=alert('order')\>一\</b\>
2. 二
3. 三
`,
}

// injected counts what hostile content could have put into a page, and
// lists it.
const injected = `(() => {
	const found = [];
	const add = (what, e) => found.push(what + ': ' + e.outerHTML.slice(0, 120));
	document.querySelectorAll('script[src*=evil], img[onerror], iframe, frame, object, embed, svg[onload], [onclick], [onmouseover], [onload], [onerror], [style*=fixed]').forEach(e => add('element', e));
	document.querySelectorAll('*').forEach(e => {
		for (const a of e.attributes) if (a.name.startsWith('on')) add('handler ' + a.name, e);
	});
	document.querySelectorAll('a[href], area[href]').forEach(e => {
		if (!['http:', 'https:', 'file:', 'mailto:', 'tel:'].includes(e.protocol)) add('URL', e);
	});
	document.querySelectorAll('[src]').forEach(e => {
		const u = e.src || e.getAttribute('src');
		if (/^\s*(javascript|vbscript|data:text)/i.test(u)) add('src', e);
	});
	document.querySelectorAll('script:not([type="application/json"])').forEach(e => {
		if (e.textContent.includes('alert')) add('script', e);
	});
	document.querySelectorAll('script[type="application/json"]').forEach(e => {
		try { JSON.parse(e.textContent); } catch (err) { add('bad JSON', e); }
	});
	return found;
})()`

// TestHostileContent builds the hostile site, opens every page it made in
// Chromium from disk, plays its quiz and searches it with hostile queries:
// no dialog may open and no injected element may exist.
func TestHostileContent(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	for name, s := range hostileFiles {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: out}); err != nil {
		t.Fatalf("building the hostile site: %v", err)
	}
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	if len(pages) < 10 {
		t.Fatalf("only %d pages built", len(pages))
	}

	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	check := func(where string) {
		t.Helper()
		found := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](injected)))
		for _, f := range found {
			t.Errorf("%s: %s", where, f)
		}
		if d := dialogs(); len(d) > 0 {
			t.Fatalf("%s: script ran: dialogs %q", where, d)
		}
	}
	for _, p := range pages {
		rel, _ := filepath.Rel(out, p)
		tctx := withTimeout(t, ctx, 30*time.Second)
		if err := chromedp.Do(tctx, chromedp.Navigate(browsertest.FileURL(t, p))); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if strings.HasPrefix(filepath.ToSlash(rel), "quizzes/") {
			// Play: press every button and choose every answer, a few rounds,
			// so explanations and sources are drawn.
			for range 6 {
				chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#quiz input, #quiz button, #quiz select').forEach(e => { try { e.click(); } catch (err) {} })`))
				time.Sleep(50 * time.Millisecond)
			}
		}
		check(filepath.ToSlash(rel))
	}
	// The text of every hostile page must be there, as text.
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(home), "&lt;script&gt;alert('raw')&lt;/script&gt;") {
		t.Error("raw HTML is not shown as text on the home page")
	}

	search := browsertest.FileURL(t, filepath.Join(out, "search.html"))
	for _, q := range []string{"攻击", "alert", "<script>alert('q')</script>", `"><img src=x onerror=alert('q2')>`, "javascript:alert('q3')", "栏目 测验 术语"} {
		tctx := withTimeout(t, ctx, 30*time.Second)
		if err := chromedp.Do(tctx, chromedp.Navigate(search+"?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		chromedp.Run(tctx, chromedp.Poll[bool](`document.querySelectorAll('ol.search-results > li').length > 0 || document.readyState === 'complete'`))
		time.Sleep(300 * time.Millisecond)
		// and through the box in the header, which suggests as one types
		chromedp.Do(tctx, chromedp.SendKeys(`#site-search-input`, q))
		time.Sleep(300 * time.Millisecond)
		check("search " + q)
	}
	n := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#site-search-dropdown a, ol.search-results > li').length`)))
	if n == 0 {
		t.Error("searching the hostile site found nothing: the results were not exercised")
	}
}
