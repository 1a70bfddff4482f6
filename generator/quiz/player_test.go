package quiz

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browsertest"
	"handbook/generator/theme"
)

// playerQuiz is a small quiz with one question of each kind the player
// draws differently. Its situation tries to break out of the data element.
const playerQuizSrc = `---
title: 播放器测试
pass: 60
---

## 电话铃响,最迟第几声接听? {#rings}

\</script\>\<img src=x onerror=alert(1)\> 前台来电。

- [ ] 第一声
- [x] 第三声
- [ ] 第五声

> 至少在第三声铃响前拿起话筒。

出处:[电话接听](../content/etiquette/telephone.md#电话)

## 哪些是保洁工具? {#tools type=multiple}

- [x] 拖把
- [x] 抹布
- [ ] 订书机

## 病房清洁的顺序 {#steps type=order}

1. 敲门
2. 收垃圾
3. 拖地

## 垃圾与容器配对 {#bins type=match}

- 感染性废物 => 黄色垃圾袋
- 生活垃圾 => 黑色垃圾袋
- 针头 => 利器盒

## 客服热线几点下班? {#close type=short}

- 17:00
- 下午五点
`

// writePlayerPage writes a page with the theme's quiz.js and quiz.css and
// the data of playerQuizSrc, and returns its file:// URL. attrs are more
// attributes of the quiz element.
func writePlayerPage(t *testing.T, attrs string) string {
	t.Helper()
	q, err := Parse("quizzes/player.md", []byte(playerQuizSrc))
	if err != nil {
		t.Fatal(err)
	}
	data, err := q.JSON(func(path, anchor string) string {
		return "../" + strings.TrimSuffix(path, ".md") + ".html#" + anchor
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"quiz.js", "quiz.css"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The player's UI strings come from the theme, as on the site.
	th, err := theme.Load(nil, "default", "zh-CN", nil)
	if err != nil {
		t.Fatal(err)
	}
	strs, _ := json.Marshal(th.Strings("quiz.player."))
	page := fmt.Sprintf(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="quiz.css"></head>
<body><nav id="site-nav">导航</nav><main><h1>%s</h1>
<div id="quiz" data-pass="%d" data-countdown="20" %s data-i18n="%s"></div>
<script type="application/json" id="quiz-data">%s</script>
<script src="quiz.js"></script></main></body></html>
`, q.Title, q.Title, q.Pass, attrs, html.EscapeString(string(strs)), data)
	file := filepath.Join(dir, "player.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return browsertest.FileURL(t, file)
}

// helpers is evaluated in the page: small functions the test calls.
const helpers = `
window.T = {
  text: (sel) => { const e = document.querySelector(sel); return e ? e.textContent.trim() : null; },
  has: (sel, cls) => { const e = document.querySelector(sel); return !!e && e.classList.contains(cls); },
  visible: (sel) => { const e = document.querySelector(sel); return !!e && !e.hidden && e.offsetParent !== null; },
  count: (sel) => document.querySelectorAll(sel).length,
  qid: () => { const e = document.querySelector('.quiz-question, .quiz-slide'); return e ? e.dataset.id : null; },
  pick: (texts) => {
    let n = 0;
    for (const l of document.querySelectorAll('.quiz-choice')) {
      if (texts.includes(l.textContent.trim())) { l.querySelector('input').click(); n++; }
    }
    return n;
  },
  focusChoice: (text) => {
    for (const l of document.querySelectorAll('.quiz-choice')) {
      if (l.textContent.trim() === text) { l.querySelector('input').focus(); return true; }
    }
    return false;
  },
  match: (pairs) => {
    for (const s of document.querySelectorAll('.quiz-match-row select')) {
      s.value = pairs[s.dataset.left];
      s.dispatchEvent(new Event('change', {bubbles: true}));
    }
    return true;
  },
  // sortOrder puts the ordering items right with the Move up buttons only.
  sortOrder: () => {
    for (let guard = 0; guard < 50; guard++) {
      const items = [...document.querySelectorAll('.quiz-order-item')];
      const i = items.findIndex((li, k) => k > 0 && +li.dataset.index < +items[k - 1].dataset.index);
      if (i < 0) return true;
      items[i].querySelector('.quiz-up').click();
    }
    return false;
  },
};
true`

// player drives a player page in a browser.
type player struct {
	t   *testing.T
	ctx context.Context
}

func newPlayer(t *testing.T) *player {
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return &player{t, ctx}
}

func (p *player) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

// eval evaluates js in the page as a T.
func eval[T any](p *player, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (p *player) str(js string) string { p.t.Helper(); return eval[string](p, js) }
func (p *player) truth(js string) bool { p.t.Helper(); return eval[bool](p, js) }

func (p *player) open(u string) {
	p.t.Helper()
	p.do(chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("#quiz > *")))
	p.truth(helpers)
}

func (p *player) expect(what string, got, want any) {
	p.t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		p.t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

func TestPlayer(t *testing.T) {
	p := newPlayer(t)
	ctx := p.ctx
	dialogs := browsertest.Dialogs(t, ctx)
	url := writePlayerPage(t, "")
	do, str, truth, open, expect := p.do, p.str, p.truth, p.open, p.expect
	next := func() {
		t.Helper()
		do(chromedp.Click(chromedp.CSS("#quiz-next")))
	}

	open(url)
	expect("first question", str(`T.qid()`), "rings")
	expect("progress", str(`T.text('#quiz-progress')`), "第 1 / 5 题")
	expect("situation shown as text", truth(`T.text('.quiz-situation').startsWith('</script><img')`), true)
	expect("no injected element", truth(`document.querySelector('.quiz-situation img') === null`), true)

	// Question 1, by keyboard: Space selects the focused radio, Enter submits.
	expect("focus choice", truth(`T.focusChoice('第三声')`), true)
	do(chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("feedback correct", truth(`T.has('.quiz-feedback', 'quiz-correct')`), true)
	// The chosen answer is marked by a class, which browsers without
	// :has() show too.
	chosen := `[...document.querySelectorAll('.quiz-choice.quiz-checked')].map(l => l.textContent.trim()).join()`
	expect("chosen marked", str(chosen), "第三声")
	expect("feedback is live", str(`document.querySelector('.quiz-feedback').getAttribute('aria-live')`), "polite")
	expect("explanation", truth(`T.text('.quiz-feedback').includes('至少在第三声铃响前拿起话筒')`), true)
	expect("source link", str(`document.querySelector('a.quiz-source').getAttribute('href')`), "../etiquette/telephone.html#电话")
	expect("inputs locked", truth(`[...document.querySelectorAll('.quiz-choice input')].every(i => i.disabled)`), true)
	next()

	// Question 2: one right choice of two is wrong. Submitting nothing first
	// asks for an answer.
	expect("second question", str(`T.qid()`), "tools")
	do(chromedp.Click(chromedp.CSS("#quiz-submit")))
	expect("needs an answer", truth(`T.has('.quiz-feedback', 'quiz-notice')`), true)
	expect("picked", str(`String(T.pick(['拖把']))`), "1")
	expect("picked marked", str(chosen), "拖把")
	do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("feedback wrong", truth(`T.has('.quiz-feedback', 'quiz-wrong')`), true)
	expect("correct answer shown", str(`T.text('.quiz-correct-answer span')`), "拖把、抹布")

	// Progress survives a reload: the answered question comes back as it was.
	open(url)
	expect("resumed at", str(`T.qid()`), "tools")
	expect("resumed feedback", truth(`T.has('.quiz-feedback', 'quiz-wrong')`), true)
	next()

	// Question 3: the shuffled order as it comes is never right.
	expect("third question", str(`T.qid()`), "steps")
	expect("order shuffled", truth(`[...document.querySelectorAll('.quiz-order-item')].map(li => li.dataset.index).join() !== '0,1,2'`), true)
	expect("move buttons labelled", truth(`document.querySelector('.quiz-up').getAttribute('aria-label').startsWith('上移')`), true)
	do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("order wrong", truth(`T.has('.quiz-feedback', 'quiz-wrong')`), true)
	next()

	// Question 4: matching with one <select> per left item.
	expect("fourth question", str(`T.qid()`), "bins")
	expect("select labelled", truth(`[...document.querySelectorAll('.quiz-match-row select')].every(s => document.querySelector('label[for="' + s.id + '"]'))`), true)
	truth(`T.match({'感染性废物': '黄色垃圾袋', '生活垃圾': '黑色垃圾袋', '针头': '利器盒'})`)
	do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("match right", truth(`T.has('.quiz-feedback', 'quiz-correct')`), true)
	next()

	// Question 5: a typed answer, compared loosely (full-width digits).
	expect("fifth question", str(`T.qid()`), "close")
	do(chromedp.SendKeys(chromedp.CSS(".quiz-short input"), "１７:００"), chromedp.Click(chromedp.CSS("#quiz-submit")),
		chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("short right", truth(`T.has('.quiz-feedback', 'quiz-correct')`), true)
	expect("last button", str(`T.text('#quiz-next')`), "查看结果")
	next()

	// Results: 3 of 5, pass mark 60.
	do(chromedp.WaitVisible(chromedp.CSS("#quiz-score")))
	expect("score", str(`T.text('#quiz-score')`), "60%")
	expect("passed", truth(`T.has('#quiz-result', 'quiz-pass')`), true)
	expect("review items", str(`[...document.querySelectorAll('.quiz-review-item')].map(e => e.dataset.id).join()`), "tools,steps")

	// Retry the wrong ones and get them right.
	do(chromedp.Click(chromedp.CSS("#quiz-retry-wrong")), chromedp.WaitVisible(chromedp.CSS("#quiz-submit")))
	expect("retry progress", truth(`T.text('#quiz-progress').startsWith('第 1 / 2 题')`), true)
	expect("retry first", str(`T.qid()`), "tools")
	expect("picked both", str(`String(T.pick(['拖把', '抹布']))`), "2")
	do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("retry tools right", truth(`T.has('.quiz-feedback', 'quiz-correct')`), true)
	next()
	expect("retry second", str(`T.qid()`), "steps")
	expect("sorted", truth(`T.sortOrder()`), true)
	do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))
	expect("retry steps right", truth(`T.has('.quiz-feedback', 'quiz-correct')`), true)
	next()
	do(chromedp.WaitVisible(chromedp.CSS("#quiz-score")))
	expect("retry score", str(`T.text('#quiz-score')`), "100%")
	expect("no retry button", truth(`document.getElementById('quiz-retry-wrong') === null`), true)

	// Presenter view: reveal with R, move with the keys clickers send.
	open(url + "?mode=present")
	expect("presenter mode", truth(`T.has('#quiz', 'quiz-mode-present')`), true)
	// A projector's whole width, not the page's column.
	expect("presenter fills the window", str(`(() => { const r = document.getElementById('quiz').getBoundingClientRect();
		return [r.left, r.top, r.width === innerWidth, r.height === innerHeight].join(' '); })()`), "0 0 true true")
	expect("slide 1", str(`T.qid()`), "rings")
	expect("answer hidden", truth(`T.visible('.quiz-answer')`), false)
	expect("countdown on", truth(`T.text('#quiz-countdown').endsWith('秒')`), true)
	do(chromedp.KeyEvent("r"))
	expect("answer revealed", truth(`T.visible('.quiz-answer')`), true)
	expect("revealed answer", truth(`T.text('.quiz-answer').includes('第三声')`), true)
	do(chromedp.KeyEvent(kb.ArrowRight))
	expect("slide 2", str(`T.qid()`), "tools")
	expect("hidden again", truth(`T.visible('.quiz-answer')`), false)
	do(chromedp.KeyEvent(kb.PageDown))
	expect("slide 3", str(`T.qid()`), "steps")
	do(chromedp.KeyEvent(kb.PageUp))
	expect("back to slide 2", str(`T.qid()`), "tools")
	do(chromedp.Click(chromedp.CSS("#quiz-reveal")))
	expect("button reveals", truth(`T.visible('.quiz-answer')`), true)
	do(chromedp.Click(chromedp.CSS("#quiz-countdown-toggle")))
	expect("countdown off", truth(`T.visible('#quiz-countdown')`), false)
	do(chromedp.Click(chromedp.CSS("#quiz-next")))
	expect("next button", str(`T.qid()`), "steps")

	// Answer sheet and key.
	open(url + "?mode=sheet")
	expect("sheet questions", str(`String(T.count('.quiz-sheet-question'))`), "5")
	expect("sheet has no answers", str(`String(T.count('.quiz-key-answer'))`), "0")
	expect("navigation hidden in print", truth(`document.getElementById('site-nav').classList.contains('quiz-print-hide')`), true)
	sheetOrder := str(`[...document.querySelectorAll('[data-id=steps] li')].map(li => li.textContent).join('|')`)
	open(url + "?mode=key")
	expect("key answers", truth(`T.count('.quiz-key-answer') >= 4`), true)
	keyOrder := str(`[...document.querySelectorAll('[data-id=steps] li')].map(li => li.textContent.replace(/\(\s*\d+\s*\)/, '(   )')).join('|')`)
	expect("key lists the sheet's order", keyOrder, sheetOrder)

	if d := dialogs(); len(d) > 0 {
		t.Errorf("the page opened dialogs: %q", d)
	}
}

// TestPlayerTimeLimit: a timed quiz's clock starts at its start button, not
// when the page is opened; once started it runs while the learner is away,
// and an attempt whose time ran out is over when the page is opened again.
func TestPlayerTimeLimit(t *testing.T) {
	p := newPlayer(t)
	url := writePlayerPage(t, `data-time-limit="600"`)
	stored := `JSON.parse(localStorage.getItem('handbook-quiz:quizzes/player.md'))`

	p.open(url)
	p.expect("intro", p.str(`T.text('#quiz-intro p')`), "本测验共 5 题，限时 10 分钟。点击“开始答题”后开始计时；离开本页，计时也不会暂停。")
	p.expect("no question before the start", p.str(`T.count('.quiz-question') + ' ' + T.visible('#quiz-timer')`), "0 false")
	p.expect("clock not started", p.str(`String(`+stored+`.started)`), "0")
	// Looking at the quiz and coming back later costs no time.
	p.open(url)
	p.expect("intro again", p.truth(`T.visible('#quiz-start')`), true)

	p.do(chromedp.Click(chromedp.CSS("#quiz-start")), chromedp.WaitVisible(chromedp.CSS(".quiz-question")))
	p.expect("first question", p.str(`T.qid()`), "rings")
	p.expect("clock running", p.truth(`/^剩余时间 (10:00|9:5\d)$/.test(T.text('#quiz-timer'))`), true)
	p.expect("start time stored", p.truth(`Date.now() - `+stored+`.started < 60000`), true)
	p.expect("first answer", p.truth(`T.pick(['第三声']) === 1`), true)
	p.do(chromedp.Click(chromedp.CSS("#quiz-submit")), chromedp.WaitVisible(chromedp.CSS("#quiz-next")))

	// Away for eleven minutes: the time is up when the page is opened again.
	p.truth(`(() => { const s = ` + stored + `; s.started -= 660000; localStorage.setItem('handbook-quiz:quizzes/player.md', JSON.stringify(s)); return true; })()`)
	p.open(url)
	p.do(chromedp.WaitVisible(chromedp.CSS("#quiz-result")))
	p.expect("score of the one answer", p.str(`T.text('#quiz-score')`), "20%")

	// Retrying the wrong ones is not timed; starting over asks again.
	p.do(chromedp.Click(chromedp.CSS("#quiz-retry-wrong")), chromedp.WaitVisible(chromedp.CSS(".quiz-question")))
	p.expect("retry untimed", p.str(`T.qid() + ' ' + T.visible('#quiz-timer')`), "tools false")
	p.do(chromedp.Click(chromedp.CSS("#quiz-reset")), chromedp.WaitVisible(chromedp.CSS("#quiz-start")))
	p.expect("restart asks to start", p.str(`T.count('.quiz-question') + ' ' + String(`+stored+`.started)`), "0 0")
}
