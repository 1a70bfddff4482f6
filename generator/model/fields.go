package model

import "strings"

// FieldSection is a part of a page that the theme draws from front matter
// rather than from the body, such as a role's duties. Its ID is the anchor
// the theme gives it; body headings never take these IDs.
type FieldSection struct {
	Key string // front-matter key
	ID  string // anchor, readable Chinese
}

// FieldSections lists, in display order, the front-matter sections a theme
// shows. The IDs are fixed so that links and search results can point at
// them in any UI language.
var FieldSections = []FieldSection{
	{"traits", "特点"},
	{"strategy", "应对策略"},
	{"reports_to", "汇报对象"},
	{"duties", "岗位职责"},
	{"permissions", "岗位权限"},
	{"area", "区域"},
	{"scope", "范围"},
	{"frequency", "频率"},
	{"tools", "工具"},
	{"steps", "步骤"},
	{"phrases", "标准用语"},
	{"quality_standard", "质量标准"},
	{"tips", "提示"},
	{"taboos", "禁忌"},
	{"lists", "标准"},
	{"items", "条目"},
	{"inspections", "检查制度"},
	{"methods", "考评办法"},
	{"grades", "评比标准"},
	{"rating_rules", "月综合考评"},
	{"points", "要点"},
	{"terms", "术语"},
}

// FieldText returns the text of front-matter section key of fm, one item a
// line, or "" when the page has none.
func (fm *FrontMatter) FieldText(key string) string {
	var items []string
	switch key {
	case "traits":
		items = fm.Traits
	case "strategy":
		items = nonEmpty(fm.Strategy)
	case "reports_to":
		items = nonEmpty(fm.ReportsTo)
	case "duties":
		items = fm.Duties
	case "permissions":
		items = fm.Permissions
	case "area":
		items = nonEmpty(fm.Area)
	case "scope":
		items = nonEmpty(fm.Scope)
	case "frequency":
		items = nonEmpty(fm.Frequency)
	case "tools":
		items = []string{strings.Join(fm.Tools, "、")}
		if len(fm.Tools) == 0 {
			items = nil
		}
	case "steps":
		items = fm.Steps
	case "phrases":
		items = fm.Phrases
	case "quality_standard":
		items = nonEmpty(fm.QualityStandard)
	case "tips":
		items = fm.Tips
	case "taboos":
		items = fm.Taboos
	case "lists":
		for _, l := range fm.Lists {
			items = append(items, l.Name+" "+l.AppliesTo+":"+strings.Join(l.Items, "、"))
		}
	case "items":
		items = fm.Items
	case "inspections":
		for _, in := range fm.Inspections {
			items = append(items, strings.Join(nonEmpty(in.Name, in.Who, in.When, in.Form, in.Detail), " "))
		}
	case "methods":
		items = fm.Methods
	case "grades":
		for _, g := range fm.Grades {
			items = append(items, g.Grade+":"+g.Criteria)
		}
	case "rating_rules":
		items = fm.RatingRules
	case "points":
		items = fm.Points
	case "terms":
		for _, t := range fm.Terms {
			items = append(items, t.Term+":"+t.Definition)
		}
	}
	return strings.Join(items, "\n")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
