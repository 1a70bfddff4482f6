package e2e

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/print"
)

// emulate sets the viewport, touch and colour scheme of the tab: a phone
// is 390 px wide with a touch screen.
func emulate(width, height int64, touch bool, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: 1, Mobile: touch}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: touch}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// open loads a page of the built site from disk, after the first step
// (the emulation, say) if there are more than one, and runs the others.
func open(t *testing.T, ctx context.Context, rel string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	nav := chromedp.Navigate(browsertest.FileURL(t, filepath.Join(siteDir, filepath.FromSlash(rel))))
	if len(steps) > 1 {
		steps = append([]chromedp.Action[chromedp.Void]{steps[0], nav}, steps[1:]...)
	} else {
		steps = append([]chromedp.Action[chromedp.Void]{nav}, steps...)
	}
	if err := chromedp.Do(withTimeout(t, ctx, 60*time.Second), steps...); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

// TestProceduresPrintOnOneSheet: a supervisor who prints a cleaning
// procedure or a telephone script from the browser gets one A4 sheet, with
// none of the page's screen furniture (source, tags) on it.
func TestProceduresPrintOnOneSheet(t *testing.T) {
	ctx := browsertest.New(t)
	for _, rel := range []string{"cleaning/washroom.html", "frontdesk/telephone.html"} {
		open(t, ctx, rel)
		pdf, err := chromedp.Run(withTimeout(t, ctx, 60*time.Second), chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
		if err != nil {
			t.Fatal(err)
		}
		if n := print.PageCount(pdf); n != 1 {
			t.Errorf("%s prints on %d A4 pages, want 1", rel, n)
		}
		err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		shown := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.page-footer, .source, .tags')]
			.filter(e => e.getClientRects().length > 0).map(e => e.className)`)))
		if len(shown) > 0 {
			t.Errorf("%s prints %q", rel, shown)
		}
		small := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main p, main li, main dd, main td')]
			.filter(e => e.getClientRects().length > 0 && parseFloat(getComputedStyle(e).fontSize) < 9.95 * 96 / 72)
			.map(e => e.textContent.slice(0, 20) + ' ' + getComputedStyle(e).fontSize)`)))
		if len(small) > 0 {
			t.Errorf("%s prints text under 10pt: %q", rel, small)
		}
		chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			return err
		}))
	}
}

// contrastJS returns, for each button filled with the accent colour, its
// text and the contrast ratio of its text on its fill.
const contrastJS = `(() => {
  const lum = c => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return [...document.querySelectorAll('.quiz-primary, .print-button')].filter(b => b.getClientRects().length > 0).map(b => {
    const s = getComputedStyle(b), a = lum(s.color), f = lum(s.backgroundColor);
    return {name: b.textContent.trim(), ratio: (Math.max(a, f) + 0.05) / (Math.min(a, f) + 0.05)};
  });
})()`

type contrast struct {
	Name  string  `json:"name"`
	Ratio float64 `json:"ratio"`
}

// TestAccentButtonsContrast: the primary buttons (开始答题, 打印) are
// readable in the light and the dark scheme: WCAG AA, 4.5:1.
func TestAccentButtonsContrast(t *testing.T) {
	ctx := browsertest.New(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, pg := range []struct{ rel, wait string }{
			{"quizzes/personalities.html", "#quiz-start"},
			{"checklists/washroom.html", ".print-button"},
		} {
			open(t, ctx, pg.rel, emulate(1366, 768, false, scheme), chromedp.WaitVisible(pg.wait))
			got := must[[]contrast](t)(chromedp.Run(ctx, chromedp.Evaluate[[]contrast](contrastJS)))
			if len(got) == 0 {
				t.Errorf("%s, %s: no accent button found", scheme, pg.rel)
			}
			for _, b := range got {
				if b.Ratio < 4.5 {
					t.Errorf("%s scheme, %s: %s has contrast %.2f:1, want at least 4.5:1", scheme, pg.rel, b.Name, b.Ratio)
				}
			}
		}
	}
}

// TestSearchPlaceholderKeyHint: the search box names the / key on a
// desktop with a mouse, and not on a phone, which has no such key.
func TestSearchPlaceholderKeyHint(t *testing.T) {
	placeholders := `[...document.querySelectorAll('#site-search-input, #search-page-input')].map(e => e.placeholder)`
	for _, rel := range []string{"cleaning/washroom.html", "search.html"} {
		phone := browsertest.New(t)
		open(t, phone, rel, emulate(390, 844, true, "light"), chromedp.WaitVisible("#site-search-input"))
		for _, p := range must[[]string](t)(chromedp.Run(phone, chromedp.Evaluate[[]string](placeholders))) {
			if strings.Contains(p, "/") || p == "" {
				t.Errorf("%s on a phone: placeholder %q, want one without a key to press", rel, p)
			}
		}
		desk := browsertest.NewWithMouse(t)
		open(t, desk, rel, chromedp.WaitVisible("#site-search-input"))
		for _, p := range must[[]string](t)(chromedp.Run(desk, chromedp.Evaluate[[]string](placeholders))) {
			if !strings.Contains(p, "/") {
				t.Errorf("%s on a desktop: placeholder %q, want the / key hint", rel, p)
			}
		}
	}
}

// TestPersonalitiesIndexOnAPhone: at 390 px the table's column headings
// keep their words on one line, and the ten customer types, which the
// author's table links, are not listed a second time.
func TestPersonalitiesIndexOnAPhone(t *testing.T) {
	ctx := browsertest.New(t)
	open(t, ctx, "personalities/index.html", emulate(390, 844, true, "light"), chromedp.WaitVisible("main table"))
	broken := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main th')].filter(th => {
		const r = document.createRange(); r.selectNodeContents(th);
		return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size > 1;
	}).map(th => th.textContent)`)))
	if len(broken) > 0 {
		t.Errorf("table headings wrap onto more than one line: %q", broken)
	}
	links := must[map[string]int](t)(chromedp.Run(ctx, chromedp.Evaluate[map[string]int](`[...document.querySelectorAll('main a')]
		.map(a => new URL(a.href).pathname.split('/').slice(-2).join('/')).filter(p => p.startsWith('personalities/') && p !== 'personalities/index.html')
		.reduce((m, h) => (m[h] = (m[h] || 0) + 1, m), {})`)))
	if len(links) != 10 {
		t.Errorf("the page links %d customer types, want all 10: %v", len(links), links)
	}
	for h, n := range links {
		if n != 1 {
			t.Errorf("%s is linked %d times, want once", h, n)
		}
	}
}

// TestPageMetaLine: on a desktop each label of the line under a page's
// title (适用岗位, 更新于) stands on the same line as its value, and the
// kind pill shares the line's baseline.
func TestPageMetaLine(t *testing.T) {
	ctx := browsertest.New(t)
	for _, rel := range []string{"glossary.html", "cleaning/washroom.html"} {
		open(t, ctx, rel, emulate(1366, 768, false, "light"), chromedp.WaitVisible(".page-meta"))
		split := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.page-meta dt:not(.visually-hidden)')].filter(dt => {
			const rects = e => { const r = document.createRange(); r.selectNodeContents(e); return [...r.getClientRects()]; };
			const label = rects(dt).at(-1), value = rects(dt.nextElementSibling)[0];
			return Math.abs((label.top + label.bottom) / 2 - (value.top + value.bottom) / 2) > label.height / 2;
		}).map(dt => dt.textContent)`)))
		if len(split) > 0 {
			t.Errorf("%s: %q stand on another line than their values", rel, split)
		}
		// The baseline is where an inline-block marker placed after the
		// text sits; the pill's and the next label's must agree.
		off := must[float64](t)(chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
			const base = e => { const m = document.createElement('span'); m.style.cssText = 'display:inline-block;width:0;height:0';
				e.append(m); const y = m.getBoundingClientRect().bottom; m.remove(); return y; };
			const pill = document.querySelector('.page-meta .kind'), top = pill.getBoundingClientRect().top;
			const label = [...document.querySelectorAll('.page-meta dt:not(.visually-hidden)')].find(dt => Math.abs(dt.getBoundingClientRect().top - top) < 12);
			return label ? Math.abs(base(pill) - base(label)) : -1;
		})()`)))
		if off < 0 && rel == "cleaning/washroom.html" {
			t.Errorf("%s: the kind pill stands alone on its line", rel)
		}
		if off > 1.5 {
			t.Errorf("%s: the kind pill's text sits %.1f px off the baseline of the line beside it", rel, off)
		}
	}
}

// TestHandbookContentsAtHand: a role handbook runs to dozens of screens.
// On a desktop its contents stay beside the text wherever the reader has
// scrolled; on a phone each part ends with a link back to them. Its groups
// say what their count counts.
func TestHandbookContentsAtHand(t *testing.T) {
	ctx := browsertest.New(t)
	open(t, ctx, "handbooks/cleaner.html", emulate(1366, 768, false, "light"),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight / 2)`))
	visible := must[bool](t)(chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const r = document.querySelector('.handbook-toc').getBoundingClientRect();
		return window.scrollY > 5000 && r.top >= 0 && r.top < 100 && r.width > 100 && r.bottom <= innerHeight;
	})()`)))
	if !visible {
		t.Error("desktop: the contents are not beside the text halfway down the handbook")
	}
	if n := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.to-toc')].filter(e => e.offsetParent).length`))); n != 0 {
		t.Errorf("desktop: %d links back to the contents shown beside them", n)
	}
	// The contents mark the part being read, and keep it in view. The
	// mark follows a scroll in the next frame.
	spy := `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
		const toc = document.querySelector('article > nav.toc'), marked = toc.querySelectorAll('a[aria-current]');
		const parts = [...toc.querySelectorAll('a[href^="#"]')].map(a => document.getElementById(decodeURIComponent(a.hash.slice(1))));
		const reading = parts.filter(p => p.getBoundingClientRect().top <= Math.min(innerHeight / 4, 120)).pop();
		if (marked.length !== 1) return done('marked: ' + marked.length);
		const r = marked[0].getBoundingClientRect(), box = toc.getBoundingClientRect();
		done(decodeURIComponent(marked[0].hash) === '#' + reading.id && r.top >= box.top && r.bottom <= box.bottom ? 'ok' : 'marked ' + marked[0].hash + ' (' + r.top + '..' + r.bottom + ' in ' + box.top + '..' + box.bottom + '), reading #' + reading.id);
	})))`
	for _, at := range []string{"document.body.scrollHeight / 2", "document.body.scrollHeight - innerHeight * 2", "document.getElementById('p3').offsetTop"} {
		if got := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`window.scrollTo(0, `+at+`); `+spy, chromedp.EvalAwaitPromise))); got != "ok" {
			t.Errorf("desktop, scrolled to %s: %s", at, got)
		}
	}
	// So do a page's.
	open(t, ctx, "cleaning/elevator.html", emulate(1366, 768, false, "light"))
	if got := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`window.scrollTo(0, document.body.scrollHeight); `+spy, chromedp.EvalAwaitPromise))); got != "ok" {
		t.Errorf("a page's contents, at the end: %s", got)
	}
	// Opened at a part (from a search result or a link), the contents
	// mark that part, not the next one, also in view.
	at := browsertest.FileURL(t, filepath.Join(siteDir, "cleaning", "elevator.html")) + "#" + url.PathEscape("日常保洁")
	if err := chromedp.Do(ctx, emulate(1366, 768, false, "light"), chromedp.Navigate(at)); err != nil {
		t.Fatal(err)
	}
	if got := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
		const a = document.querySelector('article > nav.toc a[aria-current]');
		done(a ? a.textContent : 'none');
	})))`, chromedp.EvalAwaitPromise))); got != "日常保洁" {
		t.Errorf("opened at #日常保洁, the contents mark %s", got)
	}
	open(t, ctx, "handbooks/cleaner.html", emulate(1366, 768, false, "light"))
	count := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.handbook-toc li:last-child small').textContent`)))
	if !strings.HasSuffix(count, " 项") {
		t.Errorf("a group's count reads %q, want “N 项”", count)
	}

	open(t, ctx, "handbooks/cleaner.html", emulate(390, 844, true, "light"))
	back := must[[]string](t)(chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.handbook-entry')]
		.map(s => s.lastElementChild).filter(e => e.offsetParent && e.matches('.to-toc') && e.querySelector('a').hash === '#toc' && document.getElementById('toc'))
		.map(e => e.textContent)`)))
	entries := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.handbook-entry').length`)))
	if entries < 10 || len(back) != entries {
		t.Errorf("phone: %d of %d parts end with a link back to the contents", len(back), entries)
	}
	if n := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`window.scrollTo(0, document.body.scrollHeight / 2); document.querySelectorAll('[aria-current=location]').length`))); n != 0 {
		t.Errorf("phone: the contents at the top mark %d parts", n)
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if n := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.to-toc')].filter(e => e.offsetParent).length`))); n != 0 {
		t.Errorf("print: %d links back to the contents printed", n)
	}
}
