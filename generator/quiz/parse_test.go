package quiz

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const header = "---\ntitle: 测验\n---\n" // the body starts at line 4

func TestParseExample(t *testing.T) {
	src := "\ufeff---\r\n" +
		"title: 前台接待与电话礼仪\r\n" +
		"roles: [前台文员]\r\n" +
		"pass: 80\r\n" +
		"time_limit: 10m\r\n" +
		"countdown: 30s\r\n" +
		"sources: [etiquette/telephone.md]\r\n" +
		"tags: [电话]\r\n" +
		"summary: 接待来访客户和接听电话的标准做法。\r\n" +
		"---\r\n" +
		"\r\n" +
		"## 电话铃响了,最迟在第几声铃响前拿起话筒? {#phone-rings}\r\n" + // 12
		"\r\n" +
		"你正在前台整理资料,\r\n" +
		"服务热线响了。\r\n" +
		"\r\n" +
		"- [ ] 第一声\r\n" +
		"- [x] 第三声\r\n" +
		"- [ ] 第五声\r\n" +
		"\r\n" +
		"> 听到铃响,至少在第三声铃响前拿起话筒。\r\n" +
		"\r\n" +
		"出处:[电话接听](../content/etiquette/telephone.md#电话)\r\n" // 23
	q, err := Parse("quizzes/phone.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &Quiz{
		Path: "quizzes/phone.md", Title: "前台接待与电话礼仪", Roles: []string{"前台文员"},
		Pass: 80, TimeLimit: 10 * time.Minute, Countdown: 30 * time.Second,
		Sources: []string{"etiquette/telephone.md"}, Tags: []string{"电话"},
		Summary: "接待来访客户和接听电话的标准做法。",
		Questions: []Question{{
			ID: "phone-rings", Type: Single, Line: 12,
			Prompt:      "电话铃响了,最迟在第几声铃响前拿起话筒?",
			Situation:   "你正在前台整理资料,服务热线响了。",
			Choices:     []Choice{{"第一声", false}, {"第三声", true}, {"第五声", false}},
			Explanation: "听到铃响,至少在第三声铃响前拿起话筒。",
			Source:      Link{Path: "etiquette/telephone.md", Anchor: "电话", Text: "电话接听", Line: 23},
		}},
		parsed: true, sourcesLine: 7, rolesLine: 3,
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("got\n%#v\nwant\n%#v", q, want)
	}
}

func TestParseTypes(t *testing.T) {
	src := `+++
title = "各种题型"
+++

## 哪些是保洁工具? {#tools type=multiple}

- [x] 拖把
- [x] 抹布
- [ ] 订书机

## 进入病房前应先敲门。 {#knock type=truefalse}

- [x] 对
- [ ] 错

## 排列清洁顺序 {#order type=order}

遵循“从上到下、从里到外”的原则。

1. 高处除尘
2. 擦拭桌面
3. 拖地

> 先高后低,
> 先里后外。
>
> - 不要逆序

## 配对 {#pairs type=match}

- 红色 => 感染性废物
- 黑色 => 生活垃圾
- 利器盒 => 针头 => 刀片

## 客服热线的工作时间到几点? {#hours type=short}

- 17:00
- 下午五点

## Emphasis *and* ` + "`code`" + ` \*escaped\* &amp; AT&T

- [x] yes
- [ ] no
`
	q, err := Parse("quizzes/types.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := q.Questions
	if len(got) != 6 {
		t.Fatalf("got %d questions", len(got))
	}
	check := func(i int, want Question) {
		t.Helper()
		g := got[i]
		g.Line, g.Source = 0, Link{}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("question %d:\ngot  %#v\nwant %#v", i, g, want)
		}
	}
	check(0, Question{ID: "tools", Type: Multiple, Prompt: "哪些是保洁工具?",
		Choices: []Choice{{"拖把", true}, {"抹布", true}, {"订书机", false}}})
	check(1, Question{ID: "knock", Type: TrueFalse, Prompt: "进入病房前应先敲门。",
		Choices: []Choice{{"对", true}, {"错", false}}})
	check(2, Question{ID: "order", Type: Order, Prompt: "排列清洁顺序",
		Situation: "遵循“从上到下、从里到外”的原则。", Order: []string{"高处除尘", "擦拭桌面", "拖地"},
		Explanation: "先高后低,先里后外。\n\n- 不要逆序"})
	check(3, Question{ID: "pairs", Type: Match, Prompt: "配对",
		Pairs: []Pair{{"红色", "感染性废物"}, {"黑色", "生活垃圾"}, {"利器盒", "针头 => 刀片"}}})
	check(4, Question{ID: "hours", Type: Short, Prompt: "客服热线的工作时间到几点?",
		Answers: []string{"17:00", "下午五点"}})
	check(5, Question{ID: "emphasis-and-code-escaped-att", Type: Single,
		Prompt:  "Emphasis and code *escaped* & AT&T",
		Choices: []Choice{{"yes", true}, {"no", false}}})
	if got[2].Line != 16 {
		t.Errorf("order question at line %d, want 16", got[2].Line)
	}
}

// TestParseErrors gives each bad input and the exact messages it must
// produce, with file and line.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"no correct answer", header + "\n## 问题 {#a}\n\n- [ ] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:5: question has no correct answer"}},
		{"single with two correct", header + "\n## 问题 {#a}\n\n- [x] 甲\n- [x] 乙\n",
			[]string{"quizzes/t.md:5: single-choice question has 2 correct answers; mark one, or write {type=multiple}"}},
		{"multiple with none correct", header + "\n## 问题 {#a type=multiple}\n\n- [ ] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:5: question has no correct answer"}},
		{"order with two items", header + "\n## 排序 {#a type=order}\n\n1. 甲\n2. 乙\n",
			[]string{"quizzes/t.md:5: ordering question needs at least three items, has 2"}},
		{"order as bullets", header + "\n## 排序 {#a type=order}\n\n- 甲\n- 乙\n- 丙\n",
			[]string{"quizzes/t.md:7: ordering question needs a numbered list (1. 2. 3.) in the right order"}},
		{"match without arrow", header + "\n## 配对 {#a type=match}\n\n- 甲 => 1\n- 乙\n- 丙 => 3\n",
			[]string{`quizzes/t.md:8: matching item "乙" has no "=>"; write - left => right`}},
		{"match with empty side", header + "\n## 配对 {#a type=match}\n\n- 甲 => 1\n- 乙 =>\n- => 3\n",
			[]string{
				"quizzes/t.md:8: matching item has an empty side; write - left => right",
				"quizzes/t.md:9: matching item has an empty side; write - left => right",
			}},
		{"match with two pairs", header + "\n## 配对 {#a type=match}\n\n- 甲 => 1\n- 乙 => 2\n",
			[]string{"quizzes/t.md:5: matching question needs at least three pairs, has 2"}},
		{"duplicate IDs", header + "\n## 一 {#a}\n\n- [x] 甲\n- [ ] 乙\n\n## 二 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:10: duplicate question ID "a" (first used at line 5)`}},
		{"duplicate derived IDs", header + "\n## 同一题\n\n- [x] 甲\n- [ ] 乙\n\n## 同一题\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:10: duplicate question ID "同一题" (first used at line 5)`}},
		{"no prompt", header + "\n## {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:5: question has no prompt"}},
		{"unknown type", header + "\n## 问题 {#a type=essay}\n\n- 甲\n",
			[]string{`quizzes/t.md:5: unknown question type "essay" (want single, multiple, truefalse, order, match or short)`}},
		{"true/false with three choices", header + "\n## 判断 {#a type=truefalse}\n\n- [x] 对\n- [ ] 错\n- [ ] 不确定\n",
			[]string{"quizzes/t.md:5: true/false question needs exactly two choices, has 3"}},
		{"true/false with one choice", header + "\n## 判断 {#a type=truefalse}\n\n- [x] 对\n",
			[]string{"quizzes/t.md:5: true/false question needs exactly two choices, has 1"}},
		{"true/false with other words", header + "\n## 判断 {#a type=truefalse}\n\n- [x] 行\n- [ ] 不行\n",
			[]string{"quizzes/t.md:5: true/false choices must be 对 and 错 (or 正确 and 错误, True and False)"}},
		{"no answer list", header + "\n## 问题 {#a}\n\n只有情境。\n",
			[]string{"quizzes/t.md:5: question has no answer list"}},
		{"choice without checkbox", header + "\n## 问题 {#a}\n\n- [x] 甲\n- 乙\n",
			[]string{"quizzes/t.md:8: choice has no checkbox; write - [ ] for a wrong choice and - [x] for a right one"}},
		{"duplicate choice", header + "\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 甲\n",
			[]string{`quizzes/t.md:8: choice "甲" appears twice`}},
		{"paragraph after list", header + "\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n\n解析:因为。\n",
			[]string{"quizzes/t.md:10: paragraph after the answer list; put the explanation in a blockquote (> …) and the source in a paragraph starting with 出处:"}},
		{"text before first question", header + "\n说明文字。\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:5: text before the first question; questions start with a level-2 heading (##)"}},
		{"raw HTML", header + "\n## 问题 <b>粗</b> {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{
				"quizzes/t.md:5: HTML <b> is not allowed in a quiz; write plain text",
				"quizzes/t.md:5: HTML </b> is not allowed in a quiz; write plain text",
			}},
		{"code block", header + "\n## 问题 {#a}\n\n```\ncode\n```\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:7: a code block is not allowed in a quiz; use paragraphs, one answer list and a blockquote"}},
		{"source outside content", header + "\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n\n出处:[页](other/page.md#x)\n",
			[]string{`quizzes/t.md:10: source link "other/page.md#x" points at quizzes/other/page.md, not into content/ (links are relative to the quiz file)`}},
		{"source without link", header + "\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n\n出处:电话礼仪\n",
			[]string{"quizzes/t.md:10: source paragraph needs exactly one link: 出处:[section](../content/page.md#heading)"}},
		{"bad attributes", header + "\n## 问题 {#a type=多选}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:5: heading attributes {#a type=多选} could not be read; write {#id type=multiple} (type in ASCII)"}},
		{"bad ID", header + "\n## 问题 {#a:b}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:5: question ID "a:b" may contain only letters, digits, - and _`}},
		{"level-3 heading", header + "\n## 问题 {#a}\n\n### 小节\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:7: level-3 heading inside a question; each question is one level-2 heading (##)"}},
		{"no questions", header + "\n", []string{"quizzes/t.md:1: quiz has no questions; each question starts with a level-2 heading (##)"}},
		{"no front matter", "## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:1: quiz has no front matter; it needs at least a title"}},
		{"unclosed front matter", "---\ntitle: x\n\n## 问题\n",
			[]string{"quizzes/t.md:1: front matter opened with --- is not closed"}},
		{"unknown YAML key", "---\ntitle: 测验\npasss: 80\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:3: front matter: unknown key "passs" (known: title, roles, pass, time_limit, countdown, sources, tags, summary)`}},
		{"unknown TOML key", "+++\ntitle = \"测验\"\n\n[extra]\nx = 1\n+++\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:4: front matter: unknown key "extra" (known: title, roles, pass, time_limit, countdown, sources, tags, summary)`}},
		{"YAML syntax", "---\ntitle: 测验\nroles: a: b\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:3: malformed YAML front matter: mapping values are not allowed in this context (check indentation and quote values that contain : or #)"}},
		{"tab in YAML", "---\ntitle: 测验\n\tpass: 80\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:3: malformed YAML front matter: this line is indented with a tab: indent with spaces, not tabs"}},
		{"text after # in YAML", "---\ntitle: 测验\nsummary: 见2号 #楼\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{`quizzes/t.md:3: the text after # ("#楼") is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in summary: "见2号 #楼" (a note for editors goes on a line of its own starting with #)`}},
		{"TOML syntax", "+++\ntitle = \"测验\"\npass = \n+++\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:3: front matter: expected value but found '\\n' instead"}},
		{"no title", "---\npass: 70\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{"quizzes/t.md:1: quiz has no title"}},
		{"bad values", "---\ntitle: 测验\npass: 120\ntime_limit: 600\ncountdown: soon\nroles: {a: 1}\n---\n\n## 问题 {#a}\n\n- [x] 甲\n- [ ] 乙\n",
			[]string{
				`quizzes/t.md:3: front matter: pass "120" is not a percentage from 1 to 100`,
				`quizzes/t.md:4: front matter: time_limit "600" is not a duration such as 90s or 10m`,
				`quizzes/t.md:5: front matter: countdown "soon" is not a duration such as 90s or 10m`,
				"quizzes/t.md:6: front matter: roles must be a list of strings",
			}},
		{"all problems of a file", "---\ntitle: 测验\nbogus: 1\n---\n\n## 一 {#a}\n\n- [ ] 甲\n- [ ] 乙\n\n## 二 {#b type=order}\n\n1. 甲\n\n## 三 {#c type=truefalse}\n\n- [x] 对\n",
			[]string{
				`quizzes/t.md:3: front matter: unknown key "bogus" (known: title, roles, pass, time_limit, countdown, sources, tags, summary)`,
				"quizzes/t.md:6: question has no correct answer",
				"quizzes/t.md:11: ordering question needs at least three items, has 1",
				"quizzes/t.md:15: true/false question needs exactly two choices, has 1",
			}},
		{"CRLF lines count", "\ufeff---\r\ntitle: 测验\r\n---\r\n\r\n## 问题 {#a}\r\n\r\n- [ ] 甲\r\n- [ ] 乙\r\n",
			[]string{"quizzes/t.md:5: question has no correct answer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("quizzes/t.md", []byte(tt.src))
			var got []string
			if err != nil {
				errs, ok := err.(Errors)
				if !ok {
					t.Fatalf("error is %T, want Errors", err)
				}
				for _, e := range errs {
					got = append(got, e.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.md", Line: 3, Msg: "bad"}, "a.md:3: bad"},
		{Error{File: "a.md", Line: 0, Msg: "bad"}, "a.md: bad"},
		{Error{File: "", Line: 0, Msg: "bad"}, "bad"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	if got := (Errors{{File: "a.md", Line: 1, Msg: "x"}, {File: "b.md", Line: 2, Msg: "y"}}).Error(); got != "a.md:1: x\nb.md:2: y" {
		t.Errorf("Errors: got %q", got)
	}
}

// TestMarkdownRoundTrip writes parsed quizzes back as Markdown and parses
// them again.
func TestMarkdownRoundTrip(t *testing.T) {
	q := &Quiz{
		Path: "quizzes/sub/rt.md", Title: "标题: 含 # 和 [括号]", Pass: 75, TimeLimit: 90 * time.Second,
		Roles: []string{"保洁员"}, Tags: []string{"a", "b"}, Sources: []string{"x.md"}, Summary: "概要",
		Questions: []Question{
			{ID: "q1", Type: Single, Prompt: "选 *一个* {#not-attr}", Situation: "第一段\n1. 不是列表\n\n- 也不是\n# 不是标题\n---",
				Choices:     []Choice{{"[x] 方括号", false}, {"<b>尖括号</b> & AT&amp;T", true}, {"反斜杠 \\ 和 `代码`", false}},
				Explanation: "> 引用\n\n第二段", Source: Link{Path: "cleaning/ward.md", Anchor: "步骤", Text: "病房(清洁)"}},
			{ID: "q2", Type: Match, Prompt: "配对", Pairs: []Pair{{"a", "b => c"}, {"c_d", "e*f"}, {"17:00", "下班"}}},
			{ID: "q3", Type: Order, Prompt: "排序", Order: []string{"1. 一", "二", "三"}},
			{ID: "q4", Type: Short, Prompt: "简答", Answers: []string{"- 负号", "+加号"}},
			{ID: "q5", Type: TrueFalse, Prompt: "判断", Choices: []Choice{{"正确", false}, {"错误", true}}},
			{ID: "q6", Type: Multiple, Prompt: "多选", Choices: []Choice{{"甲", true}, {"乙", true}, {"丙", false}}},
		},
	}
	md := q.Markdown()
	got, err := Parse(q.Path, md)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if a, b := comparable(got), comparable(q); !reflect.DeepEqual(a, b) {
		t.Errorf("round trip differs:\n%s\ngot  %#v\nwant %#v", md, a, b)
	}
}

// comparable returns a copy of q without lines and unexported fields.
func comparable(q *Quiz) Quiz {
	c := *q
	c.parsed, c.sourcesLine, c.rolesLine = false, 0, 0
	c.Questions = append([]Question(nil), q.Questions...)
	for i := range c.Questions {
		c.Questions[i].Line = 0
		c.Questions[i].Source.Line = 0
	}
	return c
}

func reflectEqual(a, b any) bool { return reflect.DeepEqual(a, b) }

// TestParseSlips reads files with the slips a Chinese input method makes
// in the quiz syntax: each must be reported at its line with the ASCII to
// write, never taken silently as question text or as no link.
func TestParseSlips(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"fullwidth-attrs.md", []string{
			"quizzes/fullwidth-attrs.md:6: heading attributes ｛#aftersales-2｝ are typed with full-width characters (｛ ｝): they would show in the question, and the question would lose its ID and learners their saved progress; write {#aftersales-2} in ASCII (half-width punctuation in the input method)",
			"quizzes/fullwidth-attrs.md:11: heading attributes {＃aftersales-3 type=multiple} are typed with full-width characters (＃): they would show in the question, and the question would lose its ID and learners their saved progress; write {#aftersales-3 type=multiple} in ASCII (half-width punctuation in the input method)",
			"quizzes/fullwidth-attrs.md:17: heading attributes {#aftersales-4 type＝multiple} are typed with full-width characters (＝): they would show in the question, and the question would lose its ID and learners their saved progress; write {#aftersales-4 type=multiple} in ASCII (half-width punctuation in the input method)",
			`quizzes/fullwidth-attrs.md:23: question ID "aftersales-５" has full-width characters (５), which make it a different ID: write {#aftersales-5} in ASCII`,
			"quizzes/fullwidth-attrs.md:28: heading attributes {#aftersales-6　type=short} are typed with full-width characters (full-width space): they would show in the question, and the question would lose its ID and learners their saved progress; write {#aftersales-6 type=short} in ASCII (half-width punctuation in the input method)",
		}},
		{"source-links.md", []string{
			`quizzes/source-links.md:10: source link "../content/aftersales/goods-receiving.md#步 骤" has a space, so it is not read as a link: remove the space, or write it as - in a heading ID and as %20 in a file name (../content/aftersales/goods-receiving.md#步-骤)`,
			"quizzes/source-links.md:17: source link [服务站货品验收]（../content/aftersales/goods-receiving.md#步骤） is typed with full-width brackets (（ ）), so it is not read as a link: write [服务站货品验收](../content/aftersales/goods-receiving.md#步骤) in ASCII",
			`quizzes/source-links.md:24: source link "../content/aftersales/daily report.md" has a space, so it is not read as a link: remove the space, or write it as - in a heading ID and as %20 in a file name (../content/aftersales/daily%20report.md)`,
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			q, err := Parse("quizzes/"+tt.file, readTestdata(t, "slips/"+tt.file))
			var got []string
			if errs, ok := err.(Errors); ok {
				got = messages(errs)
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// Braces in question text are text, not attributes.
			if last := q.Questions[len(q.Questions)-1]; tt.file == "fullwidth-attrs.md" && (last.ID != "aftersales-7" || last.Prompt != "什么是“｛五本账｝”里的第一本?") {
				t.Errorf("last question: ID %q, prompt %q", last.ID, last.Prompt)
			}
		})
	}
}
