package quiz

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"

	"handbook/generator/model"
)

// Drill quiz paths. They sit under quizzes/drills/, which authors should
// leave to the generator.
const (
	DrillPersonality = "quizzes/drills/personality.md"
	DrillCleaning    = "quizzes/drills/cleaning.md"
	DrillEmergency   = "quizzes/drills/emergency.md"
	DrillRoles       = "quizzes/drills/roles.md"
	DrillRubric      = "quizzes/drills/rubric.md"
	DrillStandards   = "quizzes/drills/standards.md"
)

const (
	maxPairs    = 6 // matching pairs in one question
	maxSteps    = 6 // items of an ordering question
	maxListed   = 6 // correct items of a list question
	distractors = 3
)

// Drills makes practice quizzes from the structured front matter of the
// pages: customer types to match with their strategies, the steps of each
// cleaning and emergency procedure to put in order, which role has a duty,
// which grade an inspection result earns, and which items belong to named
// lists such as 六无. Wrong choices are drawn from sibling items (other
// roles, other lists, other grades), so they are plausible.
//
// The result depends only on the pages' content and seed: the same input
// gives byte-identical quizzes, whatever the order of pages. Each question
// has its own random source seeded from seed and its ID, so adding a page
// does not reshuffle the questions of the others; IDs hash the content they
// ask about, so they change when, and only when, that content does. Drafts
// are skipped; a quiz with no question is not returned.
func Drills(pages []*model.Page, seed int64) []*Quiz {
	byKind := map[model.Kind][]*model.Page{}
	for _, p := range pages {
		if p == nil || p.FM.Draft {
			continue
		}
		byKind[p.FM.Kind] = append(byKind[p.FM.Kind], p)
	}
	for _, ps := range byKind {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
		model.SortPages(ps)
	}
	g := &drillGen{seed: seed, all: pages}
	var out []*Quiz
	add := func(q *Quiz) {
		if len(q.Questions) > 0 {
			out = append(out, q)
		}
	}
	add(g.personality(byKind[model.KindPersonality]))
	add(g.steps(DrillCleaning, "保洁作业程序排序练习", byKind[model.KindCleaning]))
	add(g.steps(DrillEmergency, "应急处理步骤排序练习", byKind[model.KindEmergency]))
	add(g.roles(byKind[model.KindRole]))
	add(g.rubric(byKind[model.KindRubric]))
	add(g.standards(byKind[model.KindStandard]))
	return out
}

type drillGen struct {
	seed int64
	all  []*model.Page
	// ratingREs: ratingRE by the grade names, joined by NUL; rubric pages
	// mostly share their grades.
	ratingREs map[string]*regexp.Regexp
	// used: the pages and roles each quiz draws on.
	used map[*Quiz]*drillUse
	// sectionIndex: the index page of each section, found once.
	sectionIndex map[string]*model.Page
}

// ratingRE returns ratingRE(grades), compiled once for each set of names.
func (g *drillGen) ratingRE(grades []string) *regexp.Regexp {
	key := strings.Join(grades, "\x00")
	re, ok := g.ratingREs[key]
	if !ok {
		re = ratingRE(grades)
		if g.ratingREs == nil {
			g.ratingREs = map[string]*regexp.Regexp{}
		}
		g.ratingREs[key] = re
	}
	return re
}

// rng returns the random source of one question.
func (g *drillGen) rng(id string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(uint64(g.seed), h.Sum64()))
}

// drillID is "drill-" + kind + "-" + a hash of the content asked about.
func drillID(kind string, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return "drill-" + kind + "-" + hex.EncodeToString(h.Sum(nil))[:10]
}

// fieldAnchor returns the anchor the theme gives the section of a page that
// shows front-matter key.
func fieldAnchor(key string) string {
	for _, f := range model.FieldSections {
		if f.Key == key {
			return f.ID
		}
	}
	return ""
}

func pageLink(p *model.Page, key string) Link {
	return Link{Path: p.Path, Anchor: fieldAnchor(key), Text: p.FM.Title}
}

func newDrill(path, title, summary string) *Quiz {
	return &Quiz{Path: path, Title: title, Summary: summary, Pass: DefaultPass, Generated: true}
}

// use records that q draws on page p. The sets make it cost the same
// however many pages a drill draws on.
func (g *drillGen) use(q *Quiz, p *model.Page) {
	u := g.used[q]
	if u == nil {
		u = &drillUse{paths: map[string]bool{}, roles: map[string]bool{}}
		if g.used == nil {
			g.used = map[*Quiz]*drillUse{}
		}
		g.used[q] = u
	}
	if u.paths[p.Path] {
		return
	}
	u.paths[p.Path] = true
	q.Sources = append(q.Sources, p.Path)
	for _, r := range p.FM.Roles {
		if !u.roles[r] {
			u.roles[r] = true
			q.Roles = append(q.Roles, r)
		}
	}
}

// drillUse is what a drill's Sources and Roles hold, as sets.
type drillUse struct{ paths, roles map[string]bool }

// pick returns up to n items of pool, other than those at the indexes in
// skip (ascending, distinct), in a random order: a partial Fisher–Yates
// shuffle of the items it may take, which touches only the positions it
// draws. It costs O(n·len(skip)) however long pool is, so that drawing
// distractors for every page from all the others stays linear in pages.
func pick(r *rand.Rand, pool []string, skip []int, n int) []string {
	m := len(pool) - len(skip)
	n = min(n, m)
	if n <= 0 {
		return nil
	}
	// moved[k] is the item now at position k, for the positions a swap
	// has changed; every other position k still holds item k.
	moved := make(map[int]int, 2*n)
	at := func(k int) int {
		if v, ok := moved[k]; ok {
			return v
		}
		return k
	}
	out := make([]string, 0, n)
	for i := range n {
		j := i + r.IntN(m-i)
		vi, vj := at(i), at(j)
		moved[j] = vi
		k := vj // the vj-th item that may be taken: step over skip
		for _, s := range skip {
			if s > k {
				break
			}
			k++
		}
		out = append(out, pool[k])
	}
	return out
}

// indexes returns the positions in pool of the items in want, ascending;
// pos maps an item of pool to its position.
func indexes(pos map[string]int, want []string) []int {
	var out []int
	for _, w := range want {
		if i, ok := pos[w]; ok {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// positions maps each item of list to its index.
func positions(list []string) map[string]int {
	m := make(map[string]int, len(list))
	for i, s := range list {
		m[s] = i
	}
	return m
}

// choices returns right and wrong answers as shuffled choices.
func choices(r *rand.Rand, right, wrong []string) []Choice {
	var cs []Choice
	for _, s := range right {
		cs = append(cs, Choice{Text: s, Correct: true})
	}
	for _, s := range wrong {
		cs = append(cs, Choice{Text: s})
	}
	r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	return cs
}

func (g *drillGen) personality(pages []*model.Page) *Quiz {
	q := newDrill(DrillPersonality, "客户类型与应对策略练习", "根据各客户类型页面的特点和应对策略自动生成。")
	var typed []*model.Page
	for _, p := range pages {
		if strings.TrimSpace(p.FM.Title) != "" && strings.TrimSpace(p.FM.Strategy) != "" {
			typed = append(typed, p)
		}
	}
	if len(typed) >= 3 {
		chunks := (len(typed) + maxPairs - 1) / maxPairs
		for c := 0; c < chunks; c++ {
			group := typed[c*len(typed)/chunks : (c+1)*len(typed)/chunks]
			var pairs []Pair
			var keys []string
			for _, p := range group {
				pairs = append(pairs, Pair{Left: p.FM.Title, Right: oneLine(p.FM.Strategy)})
				keys = append(keys, p.Path, p.FM.Title, p.FM.Strategy)
				g.use(q, p)
			}
			q.Questions = append(q.Questions, Question{
				ID:     drillID("personality", keys...),
				Type:   Match,
				Prompt: "把每一类客户与对应的应对策略配对。",
				Pairs:  pairs,
				Source: g.sectionLink(group, "strategy"),
			})
		}
	}
	// Traits: which type shows these behaviours? Distractors are the other
	// types' titles, collected once.
	var titles []string
	seen := map[string]bool{}
	for _, o := range pages {
		if o.FM.Title != "" && !seen[o.FM.Title] {
			seen[o.FM.Title] = true
			titles = append(titles, o.FM.Title)
		}
	}
	titlePos := positions(titles)
	for _, p := range pages {
		if len(p.FM.Traits) == 0 || p.FM.Title == "" || len(titles) < 2 {
			continue
		}
		id := drillID("traits", append([]string{p.Path, p.FM.Title}, p.FM.Traits...)...)
		r := g.rng(id)
		expl := ""
		if s := oneLine(p.FM.Strategy); s != "" {
			expl = "应对策略：" + s
		}
		q.Questions = append(q.Questions, Question{
			ID:          id,
			Type:        Single,
			Prompt:      "客户有以下表现，最可能属于哪一类？",
			Situation:   strings.Join(trimAll(p.FM.Traits), "\n"),
			Choices:     choices(r, []string{p.FM.Title}, pick(r, titles, []int{titlePos[p.FM.Title]}, distractors)),
			Explanation: expl,
			Source:      pageLink(p, "traits"),
		})
		g.use(q, p)
	}
	return q
}

// sectionLink links a question drawn from several pages: to the index page
// of their section when there is one, else to the first page.
func (g *drillGen) sectionLink(group []*model.Page, key string) Link {
	if g.sectionIndex == nil {
		g.sectionIndex = map[string]*model.Page{}
		for _, p := range g.all {
			if p == nil || p.Section == "" {
				continue
			}
			if _, ok := g.sectionIndex[p.Section]; !ok && (p.Path == p.Section+"/index.md" || p.Path == p.Section+"/_index.md") {
				g.sectionIndex[p.Section] = p
			}
		}
	}
	first := group[0]
	if p := g.sectionIndex[first.Section]; p != nil {
		return Link{Path: p.Path, Text: p.FM.Title}
	}
	return pageLink(first, key)
}

func trimAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (g *drillGen) steps(path, title string, pages []*model.Page) *Quiz {
	q := newDrill(path, title, "根据各作业程序页面的步骤自动生成：把步骤按正确的先后顺序排列。")
	for _, p := range pages {
		steps := trimAll(p.FM.Steps)
		if len(steps) < 3 || p.FM.Title == "" {
			continue
		}
		start, n := 0, len(steps)
		if n > maxSteps {
			n = maxSteps
			r := g.rng(drillID("steps-window", append([]string{p.Path}, steps...)...))
			start = r.IntN(len(steps) - n + 1)
		}
		// A window with a repeated step has no single right order: try the
		// next windows, wrapping around.
		found := false
		for k := 0; k <= len(steps)-n; k++ {
			s := (start + k) % (len(steps) - n + 1)
			if distinct(steps[s : s+n]) {
				start, found = s, true
				break
			}
		}
		if !found {
			continue
		}
		window := steps[start : start+n]
		prompt := fmt.Sprintf("把“%s”的步骤按正确顺序排列。", p.FM.Title)
		if n < len(steps) {
			prompt = fmt.Sprintf("下面是“%s”中连续的%d个步骤，请按正确顺序排列。", p.FM.Title, n)
		}
		q.Questions = append(q.Questions, Question{
			ID:     drillID("steps", append([]string{p.Path}, window...)...),
			Type:   Order,
			Prompt: prompt,
			Order:  append([]string(nil), window...),
			Source: pageLink(p, "steps"),
		})
		g.use(q, p)
	}
	return q
}

func distinct(list []string) bool {
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] {
			return false
		}
		seen[s] = true
	}
	return true
}

func (g *drillGen) roles(pages []*model.Page) *Quiz {
	q := newDrill(DrillRoles, "岗位职责练习", "根据各岗位页面的岗位职责自动生成：判断一项工作由哪个岗位负责。")
	dept := func(p *model.Page) string {
		if p.FM.Department != "" {
			return p.FM.Department
		}
		return "/" + p.Section
	}
	holders := map[string]int{}
	for _, p := range pages {
		for _, d := range trimAll(p.FM.Duties) {
			holders[d]++
		}
	}
	shared := map[string]bool{}
	for d, n := range holders {
		shared[d] = n > 1
	}
	// Role titles by department, collected once.
	var titles []string
	byDept := map[string][]string{}
	seen := map[string]bool{}
	for _, o := range pages {
		if o.FM.Title != "" && !seen[o.FM.Title] {
			seen[o.FM.Title] = true
			titles = append(titles, o.FM.Title)
			byDept[dept(o)] = append(byDept[dept(o)], o.FM.Title)
		}
	}
	titlePos := positions(titles)
	deptPos := map[string]map[string]int{}
	for d, ts := range byDept {
		deptPos[d] = positions(ts)
	}
	for _, p := range pages {
		if p.FM.Title == "" {
			continue
		}
		// Other roles, from the same department first, else any other.
		near := byDept[dept(p)]
		nearSkip := indexes(deptPos[dept(p)], []string{p.FM.Title})
		farSkip := []int{titlePos[p.FM.Title]}
		for _, duty := range trimAll(p.FM.Duties) {
			if shared[duty] {
				continue // several roles have it: no single right answer
			}
			id := drillID("duty", p.Path, p.FM.Title, duty)
			r := g.rng(id)
			wrong := pick(r, near, nearSkip, distractors)
			if len(wrong) == 0 {
				wrong = pick(r, titles, farSkip, distractors)
			}
			if len(wrong) == 0 {
				continue
			}
			q.Questions = append(q.Questions, Question{
				ID:        id,
				Type:      Single,
				Prompt:    "下面这项工作是哪个岗位的职责？",
				Situation: duty,
				Choices:   choices(r, []string{p.FM.Title}, wrong),
				Source:    pageLink(p, "duties"),
			})
			g.use(q, p)
		}
	}
	return q
}

func (g *drillGen) rubric(pages []*model.Page) *Quiz {
	q := newDrill(DrillRubric, "检查评比练习", "根据检查评比标准自动生成：按检查结果判断应评的等级。")
	for _, p := range pages {
		var names []string
		for _, gr := range p.FM.Grades {
			if n := strings.TrimSpace(gr.Grade); n != "" {
				names = append(names, n)
			}
		}
		if len(names) < 2 || !distinct(names) {
			continue
		}
		for _, gr := range p.FM.Grades {
			crit := oneLine(gr.Criteria)
			if crit == "" {
				continue
			}
			q.Questions = append(q.Questions, Question{
				ID:        drillID("grade", p.Path, gr.Grade, crit),
				Type:      Single,
				Prompt:    "符合以下描述的责任区评为哪一级？",
				Situation: crit,
				Choices:   gradeChoices(names, strings.TrimSpace(gr.Grade)),
				Source:    pageLink(p, "grades"),
			})
			g.use(q, p)
		}
		re := g.ratingRE(names)
		for _, rule := range trimAll(p.FM.RatingRules) {
			m := re.FindStringSubmatch(rule)
			if m == nil {
				continue // not of the form "<condition>,评为<grade>"
			}
			cond := strings.TrimRight(strings.TrimSpace(m[1]), ",,;;、 的")
			if cond == "" {
				continue
			}
			q.Questions = append(q.Questions, Question{
				ID:          drillID("rating", p.Path, rule),
				Type:        Single,
				Prompt:      "按照月综合考评规则，出现以下情况时当月评为哪一级？",
				Situation:   cond,
				Choices:     gradeChoices(names, m[2]),
				Explanation: rule,
				Source:      pageLink(p, "rating_rules"),
			})
			g.use(q, p)
		}
	}
	return q
}

// gradeChoices lists the grades in the rubric's order: the order is part
// of what a grade means.
func gradeChoices(names []string, right string) []Choice {
	cs := make([]Choice, len(names))
	for i, n := range names {
		cs[i] = Choice{Text: n, Correct: n == right}
	}
	return cs
}

// ratingRE matches a rating rule that ends by naming a grade, such as
// "当月有两次检查评为“差”的,月综合考评为差。": group 1 is the condition,
// group 2 the grade.
func ratingRE(grades []string) *regexp.Regexp {
	alts := make([]string, len(grades))
	for i, g := range grades {
		alts[i] = regexp.QuoteMeta(g)
	}
	sort.Slice(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
	return regexp.MustCompile(`^(.+?)[,,;;]?\s*(?:则|当月|本月|该月|月综合考评|综合考评|月度考评|考评)*\s*(?:评为|定为|记为|为)\s*[“"'‘「]?(` +
		strings.Join(alts, "|") + `)[”"'’」]?\s*[。.;;]?$`)
}

func (g *drillGen) standards(pages []*model.Page) *Quiz {
	q := newDrill(DrillStandards, "标准条目练习", "根据各标准页面的条目清单自动生成：选出属于某项标准的全部条目。")
	type named struct {
		page *model.Page
		list model.NamedList
	}
	var lists []named
	for _, p := range pages {
		for _, l := range p.FM.Lists {
			lists = append(lists, named{p, l})
		}
	}
	byPage := map[*model.Page][]int{} // indexes into lists
	for i, nl := range lists {
		byPage[nl.page] = append(byPage[nl.page], i)
	}
	// Every list item once, in order, and its index.
	var all []string
	allPos := map[string]int{}
	for _, nl := range lists {
		for _, it := range trimAll(nl.list.Items) {
			if _, ok := allPos[it]; !ok {
				allPos[it] = len(all)
				all = append(all, it)
			}
		}
	}
	for i, nl := range lists {
		items := trimAll(nl.list.Items)
		name := strings.TrimSpace(nl.list.Name)
		if name == "" || len(items) < 2 || !distinct(items) {
			continue
		}
		own := map[string]bool{}
		for _, it := range items {
			own[it] = true
		}
		// Distractors: items of the page's other lists first, then of other
		// standard pages.
		var near []string
		nearSeen := map[string]bool{}
		for _, j := range byPage[nl.page] {
			if j == i {
				continue
			}
			for _, it := range trimAll(lists[j].list.Items) {
				if !own[it] && !nearSeen[it] {
					nearSeen[it] = true
					near = append(near, it)
				}
			}
		}
		farSkip := indexes(allPos, append(append([]string(nil), items...), near...))
		id := drillID("list", nl.page.Path, name, nl.list.AppliesTo, strings.Join(items, "\x00"))
		r := g.rng(id)
		wrong := pick(r, near, nil, distractors)
		if len(wrong) < distractors {
			wrong = append(wrong, pick(r, all, farSkip, distractors-len(wrong))...)
		}
		if len(wrong) == 0 {
			continue
		}
		right := items
		if len(right) > maxListed {
			right = pick(r, items, nil, maxListed)
		}
		situation := ""
		if a := oneLine(nl.list.AppliesTo); a != "" {
			situation = fmt.Sprintf("“%s”适用于%s。", name, a)
		}
		q.Questions = append(q.Questions, Question{
			ID:          id,
			Type:        Multiple,
			Prompt:      fmt.Sprintf("以下哪些属于“%s”?", name),
			Situation:   situation,
			Choices:     choices(r, right, wrong),
			Explanation: fmt.Sprintf("“%s”:%s。", name, strings.Join(items, "、")),
			Source:      pageLink(nl.page, "lists"),
		})
		g.use(q, nl.page)
	}
	return q
}
