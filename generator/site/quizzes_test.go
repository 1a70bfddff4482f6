package site

import (
	"testing"
	"time"

	"handbook/generator/quiz"
	"handbook/generator/theme"
)

// TestQuizFacts: a list of quizzes tells each one's questions and time
// limit, in the site's language.
func TestQuizFacts(t *testing.T) {
	q := &quiz.Quiz{Questions: make([]quiz.Question, 11)}
	for _, tc := range []struct {
		lang  string
		limit time.Duration
		want  string
	}{
		{"zh-CN", 0, "11 题"},
		{"zh-CN", 15 * time.Minute, "11 题 · 限时 15 分钟"},
		{"zh-CN", 90 * time.Second, "11 题 · 限时 90 秒"},
		{"en", 0, "11 questions"},
		{"en", 10 * time.Minute, "11 questions · time limit 10 min"},
	} {
		th, err := theme.Load(nil, "default", tc.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		q.TimeLimit = tc.limit
		if got := (&Site{Theme: th}).quizFacts(q); got != tc.want {
			t.Errorf("%s, %v: %q, want %q", tc.lang, tc.limit, got, tc.want)
		}
	}
}
