package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// TestQuizOnTheSite takes the front-desk telephone quiz on the built site,
// opened from disk: it starts at its start button; the first question
// answered right shows the explanation and a working link to the handbook
// section; the presenter view reveals an answer; the answer sheet lists
// every question.
func TestQuizOnTheSite(t *testing.T) {
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	page := browsertest.FileURL(t, filepath.Join(siteDir, "quizzes", "phone.html"))
	// The list of quizzes tells its questions and time.
	if list, err := os.ReadFile(filepath.Join(siteDir, "quizzes", "index.html")); err != nil || !strings.Contains(string(list), `前台电话接听</a> <small>11 题 · 限时 15 分钟</small>`) {
		t.Errorf("quizzes/index.html does not give the telephone quiz's questions and time (%v)", err)
	}
	// The quiz is timed: its clock starts at the start button.
	if err := chromedp.Do(withTimeout(t, ctx, 30*time.Second), chromedp.Navigate(page), chromedp.WaitVisible(`#quiz-start`)); err != nil {
		t.Fatal(err)
	}
	if intro := must[string](t)(chromedp.Run(ctx, chromedp.Text(`#quiz-intro`))); !strings.Contains(intro, "共 11 题，限时 15 分钟") {
		t.Errorf("intro: %q", intro)
	}
	if err := chromedp.Do(withTimeout(t, ctx, 30*time.Second), chromedp.Click(`#quiz-start`), chromedp.WaitVisible(`fieldset.quiz-question`)); err != nil {
		t.Fatal(err)
	}
	prompt := must[string](t)(chromedp.Run(ctx, chromedp.Text(`legend.quiz-prompt`)))
	if !strings.Contains(prompt, "话筒") {
		t.Errorf("first question: %q", prompt)
	}
	tctx := withTimeout(t, ctx, 30*time.Second)
	err := chromedp.Do(tctx,
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('.quiz-choice')].find(l => l.textContent.includes('第三声铃响前')).querySelector('input').click()`),
		chromedp.Click(`#quiz-submit`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := poll(tctx, `!!document.querySelector('.quiz-feedback.quiz-correct, .quiz-feedback .quiz-correct')`); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('quiz').innerHTML.slice(0, 1500)`))
		t.Fatalf("no feedback after a right answer: %v\n%s", err, state)
	}
	fb := must[string](t)(chromedp.Run(ctx, chromedp.Text(`.quiz-feedback`)))
	if !strings.Contains(fb, "回答正确") || !strings.Contains(fb, "第三声铃响前") {
		t.Errorf("feedback: %q", fb)
	}
	href := must[string](t)(chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.quiz-feedback a.quiz-source').href`)))
	u, err := url.Parse(href)
	if err != nil || u.Fragment == "" {
		t.Fatalf("source link %q", href)
	}
	if _, err := os.Stat(u.Path); err != nil {
		t.Errorf("source link %s leads nowhere: %v", href, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"?mode=present"), chromedp.WaitVisible(`.quiz-slide`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#quiz-reveal`), chromedp.WaitVisible(`.quiz-answer`)); err != nil {
		t.Fatal(err)
	}
	answer := must[string](t)(chromedp.Run(ctx, chromedp.Text(`.quiz-answer`)))
	if !strings.Contains(answer, "第三声铃响前") {
		t.Errorf("revealed answer: %q", answer)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"?mode=sheet"), chromedp.WaitVisible(`.quiz-sheet`)); err != nil {
		t.Fatal(err)
	}
	if n := must[int](t)(chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.quiz-sheet-question').length`))); n != 11 {
		t.Errorf("answer sheet lists %d questions, want 11", n)
	}
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs: %v", d)
	}
}
