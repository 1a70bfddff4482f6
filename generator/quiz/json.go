package quiz

import (
	"bytes"
	"encoding/json"
)

// playerQuiz is the data the learner player (quiz.js) reads from the
// <script type="application/json" id="quiz-data"> element of a quiz page.
type playerQuiz struct {
	Path      string           `json:"path"`
	Title     string           `json:"title"`
	Pass      int              `json:"pass"`
	TimeLimit int              `json:"timeLimit,omitempty"` // seconds
	Countdown int              `json:"countdown,omitempty"` // seconds per question
	Questions []playerQuestion `json:"questions"`
}

type playerQuestion struct {
	ID          string         `json:"id"`
	Type        string         `json:"type"`
	Prompt      string         `json:"prompt"`
	Situation   string         `json:"situation,omitempty"`
	Choices     []playerChoice `json:"choices,omitempty"`
	Order       []string       `json:"order,omitempty"`
	Pairs       []playerPair   `json:"pairs,omitempty"`
	Answers     []string       `json:"answers,omitempty"`
	Explanation string         `json:"explanation,omitempty"`
	Source      *playerSource  `json:"source,omitempty"`
}

type playerChoice struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
}

type playerPair struct {
	Left  string `json:"left"`
	Right string `json:"right"`
}

type playerSource struct {
	URL  string `json:"url"`
	Text string `json:"text"`
}

// JSON returns the quiz as the player's data. sourceURL maps a content
// path and heading anchor to a URL relative to the quiz page; a question
// whose source maps to "" has no source link.
//
// The result is safe to place inside a <script> element as it is: '<', '>'
// and '&' (and U+2028, U+2029) are written as \u escapes, so no text can
// close the element or open a comment. The answers are part of the data:
// the player is for practice, not for examinations.
func (q *Quiz) JSON(sourceURL func(path, anchor string) string) ([]byte, error) {
	pq := playerQuiz{
		Path:      q.Path,
		Title:     q.Title,
		Pass:      q.Pass,
		TimeLimit: int(q.TimeLimit.Seconds()),
		Countdown: int(q.Countdown.Seconds()),
		Questions: make([]playerQuestion, len(q.Questions)),
	}
	if pq.Pass <= 0 {
		pq.Pass = DefaultPass
	}
	for i, qq := range q.Questions {
		p := playerQuestion{
			ID: qq.ID, Type: qq.Type, Prompt: qq.Prompt, Situation: qq.Situation,
			Order: qq.Order, Answers: qq.Answers, Explanation: qq.Explanation,
		}
		for _, c := range qq.Choices {
			p.Choices = append(p.Choices, playerChoice(c))
		}
		for _, pr := range qq.Pairs {
			p.Pairs = append(p.Pairs, playerPair(pr))
		}
		if qq.Source.Path != "" && sourceURL != nil {
			if u := sourceURL(qq.Source.Path, qq.Source.Anchor); u != "" {
				text := qq.Source.Text
				if text == "" {
					text = qq.Source.Path
				}
				p.Source = &playerSource{URL: u, Text: text}
			}
		}
		pq.Questions[i] = p
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true) // the default, stated: the data sits in a <script>
	if err := enc.Encode(pq); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
