package quiz

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, path, src string) *Quiz {
	t.Helper()
	q, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestValidate(t *testing.T) {
	content := map[string][]string{
		"etiquette/telephone.md": {"电话", "接听"},
		"cleaning/ward.md":       {"步骤"},
	}
	resolve := func(path, anchor string) bool {
		anchors, ok := content[path]
		if !ok || anchor == "" {
			return ok
		}
		for _, a := range anchors {
			if a == anchor {
				return true
			}
		}
		return false
	}
	a := mustParse(t, "quizzes/a.md", `---
title: 甲
sources: [etiquette/telephone.md, etiquette/missing.md]
---

## 问题一 {#one}

- [x] 对的
- [ ] 错的

出处:[电话](../content/etiquette/telephone.md#电话)

## 问题二 {#two}

- [x] 对的
- [ ] 错的

出处:[没有这节](../content/etiquette/telephone.md#没有)

## 问题三 {#three}

- [x] 对的
- [ ] 错的

出处:[没有这页](../content/nowhere.md)
`)
	b := mustParse(t, "quizzes/sub/b.md", `---
title: 乙
---

## 重复的编号 {#one}

- [x] 对的
- [ ] 错的

出处:[步骤](../../content/cleaning/ward.md#%E6%AD%A5%E9%AA%A4)
`)
	built := &Quiz{Path: "quizzes/drills/x.md", Title: "生成", Generated: true, Questions: []Question{
		{ID: "two", Type: Single, Prompt: "重复", Choices: []Choice{{"甲", true}, {"乙", false}}},
		{ID: "bad id", Type: Single, Prompt: "坏编号", Choices: []Choice{{"甲", true}, {"乙", true}}},
		{ID: "empty", Type: Match, Prompt: "", Pairs: []Pair{{"a", "1"}, {"b", ""}, {"c", "3"}}},
	}}
	errs := Validate([]*Quiz{a, b, built}, resolve)
	want := []string{
		`quizzes/a.md:3: sources: content page "etiquette/missing.md" does not exist`,
		`quizzes/a.md:18: source page "etiquette/telephone.md" has no heading #没有`,
		`quizzes/a.md:25: source page "nowhere.md" does not exist`,
		`quizzes/drills/x.md: question "bad id": ID "bad id" may contain only letters, digits, - and _`,
		`quizzes/drills/x.md: question "bad id": single-choice question has 2 correct answers; mark one, or write {type=multiple}`,
		`quizzes/drills/x.md: question "empty": question has no prompt`,
		`quizzes/drills/x.md: question "empty": matching item has an empty side; write - left => right`,
		`quizzes/drills/x.md: duplicate question ID "two" (also in quizzes/a.md:13)`,
		`quizzes/sub/b.md:5: duplicate question ID "one" (also in quizzes/a.md:6)`,
	}
	if got := messages(errs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b.Questions[0].Source.Anchor != "步骤" {
		t.Errorf("percent-encoded anchor read as %q", b.Questions[0].Source.Anchor)
	}
}

// TestValidateParsedOnce checks that Validate does not repeat what Parse
// reported about a file.
func TestValidateParsedOnce(t *testing.T) {
	q, err := Parse("quizzes/a.md", []byte(header+"\n## 问题 {#a}\n\n- [ ] 甲\n- [ ] 乙\n"))
	if err == nil {
		t.Fatal("Parse found no problem")
	}
	if errs := Validate([]*Quiz{q}, func(string, string) bool { return true }); len(errs) > 0 {
		t.Errorf("Validate repeated: %v", errs)
	}
}
