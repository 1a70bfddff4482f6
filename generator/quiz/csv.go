package quiz

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// CSVHeader is the first row ExportCSV writes.
var CSVHeader = []string{"quiz", "id", "type", "question", "situation", "choices", "correct", "explanation", "source"}

// ExportCSV writes one row per question, for review in a spreadsheet:
// quiz title, ID, type, question, situation, choices (one a line), correct
// answer(s) (one a line), explanation and source (path#anchor). The file
// starts with a UTF-8 byte-order mark and uses CRLF line endings, so that
// Excel opens the Chinese text correctly. A cell that would start with
// = + - @ (which a spreadsheet runs as a formula) is prefixed with '.
func ExportCSV(w io.Writer, qs []*Quiz) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, q := range qs {
		for _, qq := range q.Questions {
			var choices, correct []string
			switch qq.Type {
			case Order:
				for i, s := range qq.Order {
					choices = append(choices, s)
					correct = append(correct, fmt.Sprintf("%d. %s", i+1, s))
				}
			case Match:
				for _, p := range qq.Pairs {
					choices = append(choices, p.Left+" => "+p.Right)
				}
				correct = choices
			case Short:
				correct = qq.Answers
			default:
				for _, c := range qq.Choices {
					choices = append(choices, c.Text)
				}
				correct = qq.Correct()
			}
			src := qq.Source.Path
			if src != "" && qq.Source.Anchor != "" {
				src += "#" + qq.Source.Anchor
			}
			row := []string{q.Title, qq.ID, qq.Type, qq.Prompt, qq.Situation,
				strings.Join(choices, "\n"), strings.Join(correct, "\n"), qq.Explanation, src}
			for i, c := range row {
				row[i] = csvCell(c)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
