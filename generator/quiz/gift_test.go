package quiz

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func messages(errs []Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestImportGIFTMoodleDocs(t *testing.T) {
	md, probs := ImportGIFT("moodle-docs.gift", readTestdata(t, "gift/moodle-docs.gift"))
	want := []string{
		"moodle-docs.gift:18: numerical question ({#…}) has no counterpart in the quiz format; left out",
		"moodle-docs.gift:21: numerical question ({#…}) has no counterpart in the quiz format; left out",
		"moodle-docs.gift:24: numerical question ({#…}) has no counterpart in the quiz format; left out",
		"moodle-docs.gift:30: essay question ({}) has no counterpart in the quiz format; left out",
		"moodle-docs.gift:70: description (text without an answer block) has no counterpart in the quiz format; left out",
	}
	if got := messages(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	golden(t, "gift/moodle-docs.md", md)
	q, err := Parse("quizzes/moodle-docs.md", md)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Questions) != 15 {
		t.Errorf("imported %d questions, want 15", len(q.Questions))
	}
}

func TestImportGIFTHandbook(t *testing.T) {
	md, probs := ImportGIFT("handbook.gift", readTestdata(t, "gift/handbook.gift"))
	if len(probs) > 0 {
		t.Fatal(Errors(probs))
	}
	golden(t, "gift/handbook.md", md)
	q, err := Parse("quizzes/handbook.md", md)
	if err != nil {
		t.Fatal(err)
	}
	if q.Title != "前台接待" {
		t.Errorf("title %q, want the category", q.Title)
	}
	byID := map[string]Question{}
	for _, qq := range q.Questions {
		byID[qq.ID] = qq
	}
	for _, tt := range []struct {
		id   string
		want Question
	}{
		{"phone-rings", Question{ID: "phone-rings", Type: Single,
			Situation: "你正在前台整理资料,服务热线响了。", Prompt: "电话铃响了,最迟在第几声铃响前拿起话筒?",
			Choices:     []Choice{{"第一声", false}, {"第三声", true}, {"第五声", false}},
			Explanation: "听到铃响,至少在第三声铃响前拿起话筒。\n\n“第三声”:正确。\n“第五声”:太晚了。"}},
		{"closing-time", Question{ID: "closing-time", Type: Short, Prompt: "客服热线几点下班?", Answers: []string{"17:00", "下午五点"}}},
		{"tools", Question{ID: "tools", Type: Multiple, Prompt: "哪些是保洁工具?",
			Choices: []Choice{{"拖把", true}, {"抹布", true}, {"订书机", false}}}},
		{"knock", Question{ID: "knock", Type: TrueFalse, Prompt: "进入病房前应先敲门。", Choices: []Choice{{"对", true}, {"错", false}}}},
		{"waste", Question{ID: "waste", Type: Match, Prompt: "把垃圾与对应的收集容器配对。",
			Pairs: []Pair{{"感染性废物", "黄色垃圾袋"}, {"生活垃圾", "黑色垃圾袋"}, {"针头", "利器盒"}}}},
		{"symbols", Question{ID: "symbols", Type: Single, Prompt: `转义字符: ~ = # { } 和反斜杠 \ 都应原样保留。`,
			Choices: []Choice{{"是", true}, {"否", false}}}},
	} {
		got := byID[tt.id]
		got.Line, got.Source = 0, Link{}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\ngot  %#v\nwant %#v", tt.id, got, tt.want)
		}
	}
}

// TestGIFTRoundTrip imports GIFT, reads the Markdown back, exports it as
// GIFT and reads that again: every question must come through unchanged.
func TestGIFTRoundTrip(t *testing.T) {
	for _, name := range []string{"moodle-docs.gift", "handbook.gift"} {
		t.Run(name, func(t *testing.T) {
			src := readTestdata(t, "gift/"+name)
			items, _, _ := readGIFT(name, src)
			md, _ := ImportGIFT(name, src)
			q, err := Parse("quizzes/x.md", md)
			if err != nil {
				t.Fatal(err)
			}
			if len(q.Questions) != len(items) {
				t.Fatalf("Markdown has %d questions, GIFT had %d", len(q.Questions), len(items))
			}
			var out bytes.Buffer
			if err := ExportGIFT(&out, []*Quiz{q}); err != nil {
				t.Fatal(err)
			}
			again, _, probs := readGIFT("out.gift", out.Bytes())
			if len(probs) > 0 {
				t.Fatalf("%v\n%s", Errors(probs), out.Bytes())
			}
			if len(again) != len(q.Questions) {
				t.Fatalf("exported %d questions, want %d\n%s", len(again), len(q.Questions), out.Bytes())
			}
			for i, it := range again {
				want := q.Questions[i]
				got := it.q
				got.Line, want.Line, want.Source.Line = 0, 0, 0
				if !reflect.DeepEqual(got, want) {
					t.Errorf("question %d:\ngot  %#v\nwant %#v", i, got, want)
				}
				if it.category != q.Title {
					t.Errorf("question %d: category %q, want %q", i, it.category, q.Title)
				}
			}
		})
	}
}

func TestExportGIFT(t *testing.T) {
	q := &Quiz{Path: "quizzes/a/b.md", Title: "下班/交接", Pass: 80, Roles: []string{"前台文员"}, TimeLimit: 10 * time.Minute,
		Sources: []string{"etiquette/handover.md"}, Tags: []string{"交接", "a: b"}, Summary: "交接班的做法。", Questions: []Question{
			{ID: "close", Type: Single, Prompt: "几点交接?", Situation: "值班 {A} 组: 注意 ~ 和 = 号 # 与 \\ 。",
				Choices: []Choice{{"17:00", true}, {"18:00", false}}, Explanation: "见 #3 条",
				Source: Link{Path: "etiquette/handover.md", Anchor: "交接", Text: "交接班"}},
			{ID: "multi", Type: Multiple, Prompt: "选三个", Choices: []Choice{{"a", true}, {"b", true}, {"c", true}, {"d", false}}},
			{ID: "tf", Type: TrueFalse, Prompt: "对吗?", Choices: []Choice{{"错误", true}, {"正确", false}}},
			{ID: "steps", Type: Order, Prompt: "排序", Order: []string{"一", "二", "三"}},
			{ID: "short", Type: Short, Prompt: "简答", Answers: []string{"x=1", "y"}},
		}}
	var b bytes.Buffer
	if err := ExportGIFT(&b, []*Quiz{q}); err != nil {
		t.Fatal(err)
	}
	want := `// quizzes/a/b.md
// roles: [前台文员]
// pass: 80
// time_limit: 10m
// sources: [etiquette/handover.md]
// tags: [交接, 'a: b']
// summary: 交接班的做法。
$CATEGORY: 下班//交接

// source: [交接班](etiquette/handover.md#交接)
::close::值班 \{A\} 组\: 注意 \~ 和 \= 号 \# 与 \\ 。\n\n几点交接? {
=17\:00
~18\:00
####见 \#3 条
}

::multi::选三个 {
~%33.33333%a
~%33.33333%b
~%33.33333%c
~%-100%d
}

// choices: [错误, 正确]
::tf::对吗? {
F
}

::steps::排序 {
=第1步 -> 一
=第2步 -> 二
=第3步 -> 三
}

::short::简答 {
=x\=1
=y
}
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestGIFTEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"17:00", `17\:00`},
		{`a~b=c#d{e}f:g\h`, `a\~b\=c\#d\{e\}f\:g\\h`},
		{"line\nbreak", `line\nbreak`},
	} {
		if got := giftEscape(tt.in); got != tt.want {
			t.Errorf("giftEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := giftUnescape(giftEscape(tt.in)); back != tt.in {
			t.Errorf("giftUnescape(giftEscape(%q)) = %q", tt.in, back)
		}
	}
}

func TestImportGIFTProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unclosed block", "Q {=a ~b\n", []string{"x.gift:1: answer block { is not closed"}},
		{"unclosed name", "::Q1 Who? {=a ~b}\n", []string{"x.gift:1: question name :: is not closed"}},
		{"text before answers", "Who? {hello =a ~b}\n", []string{"x.gift:1: text before the first answer in { }; each answer starts with = or ~"}},
		{"no right answer", "// c\nWho? {~a ~b}\n", []string{"x.gift:2: multiple-choice question has no right answer (= or a positive %weight%)"}},
		{"matching distractor", "\n\nPair {=a -> 1 =b -> 2 =c -> 3 = -> 4}\n", []string{`x.gift:3: matching answer without a question ("-> 4") has no counterpart in the quiz format; left out`}},
		{"nothing", "// only a comment\n", []string{"x.gift: no question could be imported"}},
		{"bad setting", "// quizzes/x.md\n// pass: 120\n$CATEGORY: 测验\n\n::a:: 甲 {T}\n",
			[]string{`x.gift:2: quiz setting: pass "120" is not a percentage from 1 to 100`}},
		{"other comments are no settings", "// question: 0  name: Switch category to $course$/top/Default\n// Pass: high\n$CATEGORY: $course$/top/Default\n\n::a:: 甲 {T}\n", nil},
		{"true/false labels that are no pair", "// choices: [行, 不行]\n::a:: 甲 {T}\n",
			[]string{"x.gift:1: // choices: [行, 不行]: not two true/false labels such as [是, 否]; the question keeps 对 and 错"}},
		{"settings of several quizzes", "// pass: 80\n// roles: [保洁员]\n$CATEGORY: 甲\n\n::a:: 甲 {T}\n\n// pass: 80\n// roles: [前台文员]\n$CATEGORY: 乙\n\n::b:: 乙 {F}\n",
			[]string{"x.gift:8: the 2 quizzes of this file become one quiz, and their roles differ: those settings are left out (pass, alike in all, kept); to keep each quiz's settings, export and import one quiz at a time: handbook quiz export --format gift -o FILE.gift QUIZ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := ImportGIFT("x.gift", []byte(tt.src))
			if got := messages(probs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestImportGIFTCategories(t *testing.T) {
	src := "$CATEGORY: $course$/top/电话\n\n::a:: 甲 {T}\n\n$CATEGORY: 接待\n\n::b:: 乙 {F}\n"
	md, probs := ImportGIFT("dir/mixed.gift", []byte(src))
	if len(probs) > 0 {
		t.Fatal(Errors(probs))
	}
	q, err := Parse("quizzes/mixed.md", md)
	if err != nil {
		t.Fatal(err)
	}
	if q.Title != "mixed" || !reflect.DeepEqual(q.Tags, []string{"电话", "接待"}) {
		t.Errorf("title %q tags %q", q.Title, q.Tags)
	}
}

// TestGIFTChoiceKind follows Moodle: a question whose answers are all
// written with ~ lets several be chosen, even when one is right; an =
// makes a question where one is chosen, unless weights make several right.
// A select-all question with one right answer so survives export.
func TestGIFTChoiceKind(t *testing.T) {
	for _, tt := range []struct {
		src   string
		want  string
		right int
	}{
		{"::a:: 哪些是保洁工具? {~%100%拖把 ~订书机 ~计算器}", Multiple, 1},
		{"::b:: 几声铃响前接听? {=第三声 ~第五声}", Single, 1},
		{"::c:: 怎样问候? {=您好 ~%50%你好 ~喂}", Multiple, 2},
		{"::d:: 哪些是保洁工具? {~%50%拖把 ~%50%抹布 ~%-100%订书机}", Multiple, 2},
	} {
		items, _, probs := readGIFT("t.gift", []byte(tt.src))
		if len(probs) > 0 || len(items) != 1 {
			t.Fatalf("%s: %v, %d questions", tt.src, Errors(probs), len(items))
		}
		q := items[0].q
		if q.Type != tt.want || len(q.Correct()) != tt.right {
			t.Errorf("%s: %s with %d right, want %s with %d", tt.src, q.Type, len(q.Correct()), tt.want, tt.right)
		}
	}
	qz := &Quiz{Path: "quizzes/x.md", Title: "工具", Questions: []Question{{ID: "tools", Type: Multiple, Prompt: "哪些是保洁工具?",
		Choices: []Choice{{"拖把", true}, {"订书机", false}, {"计算器", false}}}}}
	var out bytes.Buffer
	if err := ExportGIFT(&out, []*Quiz{qz}); err != nil {
		t.Fatal(err)
	}
	items, _, probs := readGIFT("out.gift", out.Bytes())
	if len(probs) > 0 || len(items) != 1 || items[0].q.Type != Multiple {
		t.Errorf("a select-all question with one right answer came back as %v (%v)\n%s", items, Errors(probs), out.Bytes())
	}
}

// TestGIFTRoundTripKeepsQuizzes exports each quiz of the bundled handbook
// as GIFT and imports it again: the quiz must come back whole, its
// settings (pass mark, roles, time limit, sources, tags, summary) and the
// labels of its true/false questions included.
func TestGIFTRoundTripKeepsQuizzes(t *testing.T) {
	files, err := filepath.Glob("../../quizzes/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no quizzes: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Parse("quizzes/"+name, src)
			if err != nil {
				t.Fatal(err)
			}
			var gift bytes.Buffer
			if err := ExportGIFT(&gift, []*Quiz{q}); err != nil {
				t.Fatal(err)
			}
			md, probs := ImportGIFT(strings.TrimSuffix(name, ".md")+".gift", gift.Bytes())
			if len(probs) > 0 {
				t.Fatal(Errors(probs))
			}
			back, err := Parse("quizzes/"+name, md)
			if err != nil {
				t.Fatalf("%v\n%s", err, md)
			}
			a, b := comparable(back), comparable(q)
			for i := range min(len(a.Questions), len(b.Questions)) {
				if !reflect.DeepEqual(a.Questions[i], b.Questions[i]) {
					t.Errorf("question %s:\ngot  %#v\nwant %#v", b.Questions[i].ID, a.Questions[i], b.Questions[i])
				}
			}
			a.Questions, b.Questions = nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Errorf("quiz settings:\ngot  %#v\nwant %#v", a, b)
			}
		})
	}
}

// TestImportGIFTSettings reads the settings and true/false labels that
// ExportGIFT writes in comments.
func TestImportGIFTSettings(t *testing.T) {
	src := "// quizzes/x.md\n// roles: [保洁员, 保洁组长]\n// pass: 80\n// time_limit: 10m\n// countdown: 30s\n// sources: [cleaning/lift.md]\n// tags: [电梯]\n// summary: 电梯的清洁。\n$CATEGORY: 电梯\n\n// choices: [否, 是]\n::lift-stop:: 日常保洁要停开电梯吗? {F}\n"
	md, probs := ImportGIFT("x.gift", []byte(src))
	if len(probs) > 0 {
		t.Fatal(Errors(probs))
	}
	q, err := Parse("quizzes/x.md", md)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	want := Quiz{Path: "quizzes/x.md", Title: "电梯", Roles: []string{"保洁员", "保洁组长"}, Pass: 80, TimeLimit: 10 * time.Minute,
		Countdown: 30 * time.Second, Sources: []string{"cleaning/lift.md"}, Tags: []string{"电梯"}, Summary: "电梯的清洁。",
		Questions: []Question{{ID: "lift-stop", Type: TrueFalse, Prompt: "日常保洁要停开电梯吗?", Choices: []Choice{{"否", true}, {"是", false}}}}}
	if got := comparable(q); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v\n%s", got, want, md)
	}
}

// TestImportNotGIFT: the CSV that export writes, and Moodle XML, are
// refused as what they are, with nothing converted.
func TestImportNotGIFT(t *testing.T) {
	csv := "\ufeffquiz,id,type,question,situation,choices,correct,explanation,source\r\n电梯,lift-stop,truefalse,要停吗?,,对|错,错,,\r\n"
	for _, tt := range []struct{ name, src, want string }{
		{"all.csv", csv, "all.csv: this is a CSV file, and quiz import reads Moodle GIFT files only"},
		{"all.txt", csv, "all.txt: this is a CSV file"},
		{"q.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n</quiz>\n", "q.xml: this is an XML file (Moodle XML)"},
	} {
		md, probs := ImportGIFT(tt.name, []byte(tt.src))
		if md != nil || len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), tt.want) {
			t.Errorf("%s: %d bytes of Markdown, problems %q; want none and %q", tt.name, len(md), messages(probs), tt.want)
		}
	}
}
