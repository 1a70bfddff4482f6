package quiz

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"handbook/generator/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test -update and review the diff\n--- got:\n%s", file, got)
	}
}

func page(path string, fm model.FrontMatter) *model.Page {
	sec, _, _ := cut(path, "/")
	return &model.Page{Path: path, Section: sec, FM: fm}
}

func cut(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// drillPages is a small handbook: both the decoration company's customer
// service and the hospital cleaning side.
func drillPages() []*model.Page {
	return []*model.Page{
		page("customers/index.md", model.FrontMatter{Title: "客户类型", Kind: model.KindPage}),
		page("customers/hesitant.md", model.FrontMatter{Title: "犹豫型客户", Kind: model.KindPersonality, Weight: 1,
			Traits: []string{"反复比较方案", "迟迟不做决定"}, Strategy: "耐心讲解,提供案例帮助其下决心。", Roles: []string{"客户顾问"}}),
		page("customers/bargainer.md", model.FrontMatter{Title: "砍价型客户", Kind: model.KindPersonality, Weight: 2,
			Traits: []string{"反复压价"}, Strategy: "讲清报价构成,强调材料与工艺的价值。", Roles: []string{"客户顾问"}}),
		page("customers/expert.md", model.FrontMatter{Title: "专家型客户", Kind: model.KindPersonality, Weight: 3,
			Traits: []string{"懂行,爱提专业问题"}, Strategy: "以专业对专业,请设计师参与沟通。"}),
		page("customers/rushed.md", model.FrontMatter{Title: "急躁型客户", Kind: model.KindPersonality, Weight: 4,
			Strategy: "说话简洁,先给结论。"}),
		page("customers/draft.md", model.FrontMatter{Title: "草稿型", Kind: model.KindPersonality, Draft: true, Strategy: "不出现"}),

		page("cleaning/ward.md", model.FrontMatter{Title: "病房清洁", Kind: model.KindCleaning, Roles: []string{"保洁员"},
			Steps: []string{"敲门进入,说明来意", "收集垃圾", "高处除尘", "擦拭床头柜", "清洁卫生间", "湿式拖地", "更换垃圾袋", "离开前关门"}}),
		page("cleaning/toilet.md", model.FrontMatter{Title: "卫生间清洁", Kind: model.KindCleaning,
			Steps: []string{"放置警示牌", "冲洗便器", "擦拭洗手台", "拖地"}}),
		page("cleaning/short.md", model.FrontMatter{Title: "步骤太少", Kind: model.KindCleaning, Steps: []string{"一", "二"}}),
		page("emergency/spill.md", model.FrontMatter{Title: "血液溢出处理", Kind: model.KindEmergency,
			Steps: []string{"隔离现场", "戴好手套", "用含氯消毒剂覆盖", "清理并消毒"}}),

		page("roles/consultant.md", model.FrontMatter{Title: "客户顾问", Kind: model.KindRole, Department: "客服部",
			Duties: []string{"接待来访客户", "跟进客户需求"}}),
		page("roles/receptionist.md", model.FrontMatter{Title: "前台文员", Kind: model.KindRole, Department: "客服部",
			Duties: []string{"接听服务热线", "接待来访客户"}}),
		page("roles/supervisor.md", model.FrontMatter{Title: "客服主管", Kind: model.KindRole, Department: "客服部",
			Duties: []string{"处理客户投诉"}}),
		page("roles/cleaner.md", model.FrontMatter{Title: "保洁员", Kind: model.KindRole, Department: "保洁部",
			Duties: []string{"按程序清洁责任区"}}),
		page("roles/leader.md", model.FrontMatter{Title: "保洁组长", Kind: model.KindRole, Department: "保洁部",
			Duties: []string{"每天检查责任区"}}),

		page("standards/inspection.md", model.FrontMatter{Title: "检查评比", Kind: model.KindRubric,
			Grades: []model.Grade{
				{Grade: "优", Criteria: "检查无问题"},
				{Grade: "良", Criteria: "发现问题1至2处"},
				{Grade: "中", Criteria: "发现问题3至4处"},
				{Grade: "差", Criteria: "发现问题5处以上"},
			},
			RatingRules: []string{
				"当月检查中有两次评为“差”的,月综合考评为差。",
				"当月检查全部评为“优”的,当月评为优",
				"月综合考评结果与奖金挂钩。",
			}}),
		page("standards/clean.md", model.FrontMatter{Title: "清洁标准", Kind: model.KindStandard,
			Lists: []model.NamedList{
				{Name: "六无", AppliesTo: "室外场地", Items: []string{"无垃圾", "无杂物", "无积水", "无污迹", "无烟头", "无痰迹"}},
				{Name: "四无", AppliesTo: "室内", Items: []string{"无灰尘", "无蛛网", "无异味", "无污迹"}},
			}}),
		page("standards/safety.md", model.FrontMatter{Title: "安全标准", Kind: model.KindStandard,
			Lists: []model.NamedList{{Name: "三保", Items: []string{"保安全", "保质量", "保进度"}}}}),
	}
}

func drillsText(qs []*Quiz) []byte {
	var b bytes.Buffer
	for _, q := range qs {
		b.WriteString("==> " + q.Path + " <==\n")
		b.Write(q.Markdown())
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestDrillsGolden(t *testing.T) {
	qs := Drills(drillPages(), 1)
	golden(t, "drills.golden", drillsText(qs))
}

func TestDrillsDeterministic(t *testing.T) {
	a := drillsText(Drills(drillPages(), 7))
	ps := drillPages()
	for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
		ps[i], ps[j] = ps[j], ps[i]
	}
	if b := drillsText(Drills(ps, 7)); !bytes.Equal(a, b) {
		t.Error("the order of pages changed the drills")
	}
	if c := drillsText(Drills(drillPages(), 8)); bytes.Equal(a, c) {
		t.Error("another seed gave the same drills")
	}
}

// TestDrillsValid checks that drills pass every rule: through Validate,
// and through Parse once written as Markdown.
func TestDrillsValid(t *testing.T) {
	qs := Drills(drillPages(), 1)
	if len(qs) != 6 {
		t.Fatalf("got %d drill quizzes, want 6", len(qs))
	}
	pages := map[string]bool{}
	for _, p := range drillPages() {
		pages[p.Path] = true
	}
	resolve := func(path, anchor string) bool {
		if !pages[path] {
			return false
		}
		if anchor == "" {
			return true
		}
		for _, f := range model.FieldSections {
			if f.ID == anchor {
				return true
			}
		}
		return false
	}
	if errs := Validate(qs, resolve); len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, q := range qs {
		if !q.Generated {
			t.Errorf("%s: Generated is false", q.Path)
		}
		got, err := Parse(q.Path, q.Markdown())
		if err != nil {
			t.Fatalf("%s: %v", q.Path, err)
		}
		got.Generated = true
		if a, b := comparable(got), comparable(q); !reflectEqual(a, b) {
			t.Errorf("%s: Markdown round trip differs", q.Path)
		}
		for _, qq := range q.Questions {
			if qq.Source.Path == "" {
				t.Errorf("%s: question %s has no source", q.Path, qq.ID)
			}
		}
	}
}

// TestPick checks the sampler behind every drill's distractors: distinct
// items, none at a skipped index, as many as asked or as there are, and
// each item as likely as any other in each place.
func TestPick(t *testing.T) {
	pool := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	skip := []int{0, 2, 7}
	allowed := map[string]bool{"b": true, "d": true, "e": true, "f": true, "g": true, "i": true, "j": true}
	r := rand.New(rand.NewPCG(1, 2))
	const draws = 70000
	counts := map[string]int{}
	firsts := map[string]int{}
	for range draws {
		got := pick(r, pool, skip, 3)
		if len(got) != 3 {
			t.Fatalf("got %d items, want 3", len(got))
		}
		seen := map[string]bool{}
		for _, s := range got {
			if !allowed[s] || seen[s] {
				t.Fatalf("pick gave %q: a skipped or repeated item", got)
			}
			seen[s] = true
			counts[s]++
		}
		firsts[got[0]]++
	}
	// Each of the 7 items is drawn 3/7 of the time, and first 1/7.
	for s := range allowed {
		if f := float64(counts[s]) / draws; f < 3.0/7-0.015 || f > 3.0/7+0.015 {
			t.Errorf("%s drawn in %.3f of the draws, want %.3f", s, f, 3.0/7)
		}
		if f := float64(firsts[s]) / draws; f < 1.0/7-0.01 || f > 1.0/7+0.01 {
			t.Errorf("%s first in %.3f of the draws, want %.3f", s, f, 1.0/7)
		}
	}
	// Fewer items than asked: all of them.
	got := pick(r, pool, []int{1, 2, 3, 4, 5, 6, 7, 8}, 3)
	if len(got) != 2 || !(got[0] == "a" && got[1] == "j" || got[0] == "j" && got[1] == "a") {
		t.Errorf("pick from a and j gave %q", got)
	}
	if got := pick(r, pool, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 3); got != nil {
		t.Errorf("pick with everything skipped gave %q", got)
	}
	if got := pick(r, nil, nil, 3); got != nil {
		t.Errorf("pick from nothing gave %q", got)
	}
}

// BenchmarkDrills generates the drills of handbooks of 1,000 and 10,000
// pages, a tenth of them of each kind drills draw on: the time per page
// must stay about the same, as every page's distractors come from all the
// others.
func BenchmarkDrills(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		pages := drillCorpus(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Drills(pages, 1)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/page")
		})
	}
}

// drillCorpus makes n pages, a tenth each personality, role and standard
// pages, the rest cleaning procedures.
func drillCorpus(n int) []*model.Page {
	var ps []*model.Page
	for i := range n {
		sec := fmt.Sprintf("sec%03d", i/100)
		name := fmt.Sprintf("%s/p%05d.md", sec, i)
		switch i % 10 {
		case 0:
			ps = append(ps, page(name, model.FrontMatter{Title: fmt.Sprintf("客户类型%d", i), Kind: model.KindPersonality,
				Traits: []string{fmt.Sprintf("表现%d", i)}, Strategy: fmt.Sprintf("策略%d", i)}))
		case 1:
			ps = append(ps, page(name, model.FrontMatter{Title: fmt.Sprintf("岗位%d", i), Kind: model.KindRole,
				Department: fmt.Sprintf("部门%d", i%7), Duties: []string{fmt.Sprintf("职责%d", i), fmt.Sprintf("职责%d乙", i)}}))
		case 2:
			ps = append(ps, page(name, model.FrontMatter{Title: fmt.Sprintf("标准%d", i), Kind: model.KindStandard,
				Lists: []model.NamedList{
					{Name: fmt.Sprintf("甲%d", i), Items: []string{fmt.Sprintf("条目%d-1", i), fmt.Sprintf("条目%d-2", i), fmt.Sprintf("条目%d-3", i)}},
					{Name: fmt.Sprintf("乙%d", i), Items: []string{fmt.Sprintf("条目%d-4", i), fmt.Sprintf("条目%d-5", i)}},
				}}))
		default:
			ps = append(ps, page(name, model.FrontMatter{Title: fmt.Sprintf("程序%d", i), Kind: model.KindCleaning,
				Steps: []string{"准备工具", fmt.Sprintf("清洁%d", i), "检查", "收拾工具"}}))
		}
	}
	return ps
}
