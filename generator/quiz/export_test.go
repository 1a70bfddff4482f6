package quiz

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleQuiz() *Quiz {
	return &Quiz{Path: "quizzes/phone.md", Title: "电话礼仪", Pass: 80, TimeLimit: 10 * time.Minute, Countdown: 20 * time.Second,
		Questions: []Question{
			{ID: "rings", Type: Single, Prompt: "第几声铃响前接听?", Situation: "前台</script><!-- 来电 & 访客",
				Choices: []Choice{{"第一声", false}, {"第三声", true}}, Explanation: "=第三声前",
				Source: Link{Path: "etiquette/telephone.md", Anchor: "电话", Text: "电话接听"}},
			{ID: "order", Type: Order, Prompt: "排序", Order: []string{"问候", "自报家门", "询问来意"}},
			{ID: "pairs", Type: Match, Prompt: "配对", Pairs: []Pair{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
			{ID: "short", Type: Short, Prompt: "几点下班?", Answers: []string{"17:00", "-"}},
		}}
}

func TestExportCSV(t *testing.T) {
	var b bytes.Buffer
	if err := ExportCSV(&b, []*Quiz{sampleQuiz()}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Error("no byte-order mark")
	}
	if !bytes.Contains(b.Bytes(), []byte("\r\n")) {
		t.Error("no CRLF line endings")
	}
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		CSVHeader,
		{"电话礼仪", "rings", "single", "第几声铃响前接听?", "前台</script><!-- 来电 & 访客", "第一声\n第三声", "第三声", "'=第三声前", "etiquette/telephone.md#电话"},
		{"电话礼仪", "order", "order", "排序", "", "问候\n自报家门\n询问来意", "1. 问候\n2. 自报家门\n3. 询问来意", "", ""},
		{"电话礼仪", "pairs", "match", "配对", "", "a => 1\nb => 2\nc => 3", "a => 1\nb => 2\nc => 3", "", ""},
		{"电话礼仪", "short", "short", "几点下班?", "", "", "17:00\n-", "", ""},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got\n%q\nwant\n%q", rows, want)
	}
}

func TestJSON(t *testing.T) {
	q := sampleQuiz()
	data, err := q.JSON(func(path, anchor string) string {
		if path == "etiquette/telephone.md" {
			return "../etiquette/telephone.html#" + anchor
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\n"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("JSON contains %q: %s", bad, data)
		}
	}
	if !bytes.Contains(data, []byte(`\u003c/script\u003e\u003c!-- 来电 \u0026 访客`)) {
		t.Errorf("situation not escaped as expected: %s", data)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got["pass"] != 80.0 || got["timeLimit"] != 600.0 || got["countdown"] != 20.0 || got["path"] != "quizzes/phone.md" {
		t.Errorf("quiz fields: %v", got)
	}
	qs := got["questions"].([]any)
	first := qs[0].(map[string]any)
	src := first["source"].(map[string]any)
	if src["url"] != "../etiquette/telephone.html#电话" || src["text"] != "电话接听" {
		t.Errorf("source: %v", src)
	}
	if _, ok := qs[1].(map[string]any)["source"]; ok {
		t.Error("question without a source has one")
	}
	if !strings.Contains(string(data), `"order":["问候","自报家门","询问来意"]`) {
		t.Errorf("order items: %s", data)
	}
}
