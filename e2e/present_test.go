package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browsertest"
)

// presenterCheck measures the presenter view as a room sees it: the
// problems of the current slide, none if all is well.
const presenterCheck = `(() => {
  const bad = [], vw = innerWidth, vh = innerHeight;
  const slide = document.querySelector('.quiz-slide'), stage = slide.parentElement;
  const ctl = document.querySelector('.quiz-present-controls').getBoundingClientRect();
  for (const id of ['quiz-prev', 'quiz-reveal', 'quiz-next', 'quiz-exit-present']) {
    const b = document.getElementById(id).getBoundingClientRect();
    if (b.top < 0 || b.left < 0 || b.bottom > vh || b.right > vw || !b.width) {
      bad.push('#' + id + ' lies outside the window: ' + JSON.stringify(b));
      continue;
    }
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (!hit || !hit.closest('#' + id)) bad.push('#' + id + ' is covered by ' + (hit && hit.className));
  }
  const prompt = slide.querySelector('.quiz-prompt').getBoundingClientRect();
  const s = stage.getBoundingClientRect();
  const top = Math.max(s.top, 0), bottom = Math.min(s.bottom, ctl.top, vh);
  const answer = slide.querySelector('.quiz-answer');
  const hint = (slide.querySelector('.quiz-hint') || {}).textContent || '';
  if (/上移|下移|Move up|Move down/.test(hint)) bad.push('the hint names buttons the slide lacks: ' + hint);
  if (!slide.classList.contains('quiz-revealed')) {
    if (prompt.top < top - 1 || prompt.top >= bottom) bad.push('the question is not in view: ' + JSON.stringify(prompt));
    return bad;
  }
  const a = answer.getBoundingClientRect();
  // The answer starts in view once revealed, and all of it can be scrolled
  // to within the slide's area, above the controls.
  if (a.top < top - 1 || a.top + 30 > bottom) bad.push('the revealed answer is not in view: answer ' + Math.round(a.top) + '..' + Math.round(a.bottom) + ', area ' + Math.round(top) + '..' + Math.round(bottom));
  if (a.bottom > bottom + 1 && a.top > top + 1) bad.push('the revealed answer is not scrolled into view: answer ' + Math.round(a.top) + '..' + Math.round(a.bottom) + ', area ' + Math.round(top) + '..' + Math.round(bottom));
  const was = stage.scrollTop;
  stage.scrollTop = stage.scrollHeight;
  const end = answer.getBoundingClientRect();
  if (end.bottom > bottom + 1) bad.push('the end of the answer cannot be scrolled into view: ends at ' + Math.round(end.bottom) + ', area ends at ' + Math.round(bottom));
  stage.scrollTop = was;
  return bad;
})()`

// TestPresenterFitsProjector runs the presenter view of a quiz that has every
// type of question at the sizes of a room's projector: on every slide the
// controls stay in the window, the answer revealed with R comes into view
// and can be read to its end, ↑ scrolls back to the question, the next slide
// starts at its question, an ordering question's hint does not name the
// player's buttons, and Escape leaves for the player.
func TestPresenterFitsProjector(t *testing.T) {
	ctx := browsertest.New(t)
	page := browsertest.FileURL(t, filepath.Join(siteDir, "quizzes", "aftersales.html")) + "?mode=present"
	for _, size := range [][2]int64{{1366, 768}, {1024, 768}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tctx := withTimeout(t, ctx, 60*time.Second)
			if err := chromedp.Do(tctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(page), chromedp.WaitVisible(`.quiz-slide`)); err != nil {
				t.Fatal(err)
			}
			n := must[int](t)(chromedp.Run(tctx, chromedp.Evaluate[int](`JSON.parse(document.getElementById('quiz-data').textContent).questions.length`)))
			types := map[string]bool{}
			for i := 1; i <= n; i++ {
				typ := must[string](t)(chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('.quiz-slide').className.match(/quiz-type-(\w+)/)[1]`)))
				types[typ] = true
				for _, step := range []string{"shown", "revealed"} {
					if step == "revealed" {
						if err := chromedp.Do(tctx, chromedp.KeyEvent("r")); err != nil {
							t.Fatal(err)
						}
					}
					for _, p := range must[[]string](t)(chromedp.Run(tctx, chromedp.Evaluate[[]string](presenterCheck))) {
						t.Errorf("slide %d (%s), %s: %s", i, typ, step, p)
					}
				}
				// ↑ scrolls a slide moved down to its answer back to the question.
				for k := 0; k < 5 && must[bool](t)(chromedp.Run(tctx, chromedp.Evaluate[bool](`document.querySelector('.quiz-slide').parentElement.scrollTop > 0`))); k++ {
					if err := chromedp.Do(tctx, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
						t.Fatal(err)
					}
				}
				if top := must[float64](t)(chromedp.Run(tctx, chromedp.Evaluate[float64](`document.querySelector('.quiz-slide').parentElement.scrollTop`))); top > 0 {
					t.Errorf("slide %d (%s): ↑ leaves the slide scrolled by %.0f px", i, typ, top)
				}
				if err := chromedp.Do(tctx, chromedp.KeyEvent("n")); err != nil {
					t.Fatal(err)
				}
			}
			for _, typ := range []string{"single", "multiple", "truefalse", "order", "match", "short"} {
				if !types[typ] {
					t.Errorf("the quiz has no %s question to present", typ)
				}
			}
			// Escape leaves the presenter view for the player.
			if err := chromedp.Do(tctx, chromedp.KeyEvent("\x1b")); err != nil {
				t.Fatal(err)
			}
			if err := poll(tctx, `!location.search.includes('mode=present') && !!document.querySelector('.quiz-mode-play')`); err != nil {
				t.Errorf("Escape does not leave the presenter view: %v", err)
			}
			if u := must[string](t)(chromedp.Run(tctx, chromedp.Evaluate[string](`location.href`))); strings.Contains(u, "mode=") {
				t.Errorf("after Escape: %s", u)
			}
		})
	}
}
