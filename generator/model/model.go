// Package model holds the types that the steps of the pipeline share: the
// kinds of content, the front matter of each kind, and a parsed page.
//
// A Page is immutable once the content step has produced it; later steps
// read it and build their own values. That is what lets the dev server keep
// parsed pages keyed by file and rebuild only what an edit touched.
package model

import (
	"sort"
	"strings"
	"time"
)

// Kind is the type of a content page. The set is closed: an unknown kind is
// an error, so a typo cannot pass silently.
type Kind string

const (
	KindRole        Kind = "role"        // a job: duties, permissions, reporting line
	KindProcedure   Kind = "procedure"   // a service procedure: steps, tips, taboos
	KindEtiquette   Kind = "etiquette"   // front-desk manners and scripts
	KindPersonality Kind = "personality" // a customer personality type
	KindCleaning    Kind = "cleaning"    // the cleaning procedure of one area
	KindEmergency   Kind = "emergency"   // what to do when something goes wrong
	KindStandard    Kind = "standard"    // rules, targets, named item lists (六无 …)
	KindRubric      Kind = "rubric"      // inspections, grades and rating rules
	KindChecklist   Kind = "checklist"   // a printable checklist or form
	KindTraining    Kind = "training"    // training notes
	KindGlossary    Kind = "glossary"    // terms and their definitions
	KindPage        Kind = "page"        // anything else: overviews, notes
)

// Kinds lists every kind in the order the site presents them.
var Kinds = []Kind{
	KindRole, KindProcedure, KindEtiquette, KindPersonality, KindCleaning,
	KindEmergency, KindStandard, KindRubric, KindChecklist, KindTraining,
	KindGlossary, KindPage,
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// CommonFields are the front-matter keys every kind accepts.
var CommonFields = []string{
	"title", "kind", "roles", "department", "tags", "weight", "summary",
	"updated", "source", "draft",
}

// KindFields are the extra front-matter keys each kind accepts. A key that is
// neither common nor listed for the page's kind is an error.
var KindFields = map[Kind][]string{
	KindRole:        {"reports_to", "duties", "permissions"},
	KindProcedure:   {"steps", "tips", "taboos", "phrases"},
	KindEtiquette:   {"steps", "phrases", "taboos", "tips"},
	KindPersonality: {"traits", "strategy", "steps"},
	KindCleaning:    {"area", "scope", "tools", "frequency", "steps", "quality_standard", "taboos", "tips"},
	KindEmergency:   {"area", "tools", "steps", "tips"},
	KindStandard:    {"lists", "items"},
	KindRubric:      {"inspections", "grades", "rating_rules", "methods"},
	KindChecklist: {"area", "frequency", "tools", "steps", "quality_standard", "taboos",
		"phrases", "signoff", "form", "page"},
	KindTraining: {"points"},
	KindGlossary: {"terms"},
	KindPage:     {},
}

// AllowedField reports whether key may appear in the front matter of kind k.
func AllowedField(k Kind, key string) bool {
	for _, f := range CommonFields {
		if f == key {
			return true
		}
	}
	for _, f := range KindFields[k] {
		if f == key {
			return true
		}
	}
	return false
}

// FrontMatter is the typed front matter of a page. Fields that a kind does
// not accept stay empty (the loader rejects them before decoding).
type FrontMatter struct {
	// Common fields.
	Title      string   `yaml:"title" toml:"title"`
	Kind       Kind     `yaml:"kind" toml:"kind"`
	Roles      []string `yaml:"roles" toml:"roles"` // role titles, e.g. 客户顾问
	Department string   `yaml:"department" toml:"department"`
	Tags       []string `yaml:"tags" toml:"tags"`
	Weight     int      `yaml:"weight" toml:"weight"`
	Summary    string   `yaml:"summary" toml:"summary"`
	Updated    Date     `yaml:"updated" toml:"updated"`
	Source     string   `yaml:"source" toml:"source"` // document and section of the source
	Draft      bool     `yaml:"draft" toml:"draft"`

	// role
	ReportsTo   string   `yaml:"reports_to" toml:"reports_to"`
	Duties      []string `yaml:"duties" toml:"duties"`
	Permissions []string `yaml:"permissions" toml:"permissions"`

	// procedure, etiquette, personality, cleaning, emergency, checklist
	Steps   []string `yaml:"steps" toml:"steps"`
	Tips    []string `yaml:"tips" toml:"tips"`
	Taboos  []string `yaml:"taboos" toml:"taboos"`
	Phrases []string `yaml:"phrases" toml:"phrases"` // standard phrases, said word for word

	// personality
	Traits   []string `yaml:"traits" toml:"traits"`
	Strategy string   `yaml:"strategy" toml:"strategy"`

	// cleaning, emergency, checklist
	Area            string   `yaml:"area" toml:"area"`
	Scope           string   `yaml:"scope" toml:"scope"`
	Tools           []string `yaml:"tools" toml:"tools"`
	Frequency       string   `yaml:"frequency" toml:"frequency"`
	QualityStandard string   `yaml:"quality_standard" toml:"quality_standard"`

	// standard
	Lists []NamedList `yaml:"lists" toml:"lists"`
	Items []string    `yaml:"items" toml:"items"`

	// rubric
	Inspections []Inspection `yaml:"inspections" toml:"inspections"`
	Grades      []Grade      `yaml:"grades" toml:"grades"`
	RatingRules []string     `yaml:"rating_rules" toml:"rating_rules"`
	Methods     []string     `yaml:"methods" toml:"methods"`

	// checklist
	Signoff *Signoff `yaml:"signoff" toml:"signoff"`
	Form    string   `yaml:"form" toml:"form"` // "", or one of Forms for inspection forms
	Page    string   `yaml:"page" toml:"page"` // the content file the checklist is drawn from

	// training
	Points []string `yaml:"points" toml:"points"`

	// glossary
	Terms []Term `yaml:"terms" toml:"terms"`
}

// NamedList is a named set of items, such as 六无 and its six items.
type NamedList struct {
	Name      string   `yaml:"name" toml:"name"`
	AppliesTo string   `yaml:"applies_to" toml:"applies_to"` // where it applies, e.g. 室外场地
	Items     []string `yaml:"items" toml:"items"`
}

// Inspection is one level of the inspection regime (daily, weekly, monthly).
type Inspection struct {
	Name   string `yaml:"name" toml:"name"`     // 一日一检查
	Who    string `yaml:"who" toml:"who"`       // 组长
	When   string `yaml:"when" toml:"when"`     // 每天下午17:00前
	Form   string `yaml:"form" toml:"form"`     // 《保洁工作日检表》
	Detail string `yaml:"detail" toml:"detail"` // the rule as the source says it
}

// Grade is one grade of a rubric with its criteria.
type Grade struct {
	Grade    string `yaml:"grade" toml:"grade"` // 优
	Criteria string `yaml:"criteria" toml:"criteria"`
}

// Signoff describes the grid printed under a checklist for initials.
// Columns are headers; Rows are row labels, headed RowLabel if set, or
// RowCount blank rows.
type Signoff struct {
	Columns  []string `yaml:"columns" toml:"columns"`
	Rows     []string `yaml:"rows" toml:"rows"`
	RowLabel string   `yaml:"row_label" toml:"row_label"`
	RowCount int      `yaml:"row_count" toml:"row_count"`
}

// Term is a glossary entry.
type Term struct {
	Term       string `yaml:"term" toml:"term"`
	Definition string `yaml:"definition" toml:"definition"`
}

// Date is a calendar day written as YYYY-MM-DD.
type Date struct{ time.Time }

// Heading is a heading of a rendered page.
type Heading struct {
	Level int
	ID    string // unique within the page; keeps Chinese
	Text  string
	Line  int // line in the source file
}

// Link is an internal link found in a page body, before resolution.
type Link struct {
	Dest   string // as written
	Line   int
	Target string // content path it points to; "" for the same page
	Anchor string // heading ID, unescaped; "" for none
}

// Section is a heading's slice of the page text, for search.
type Section struct {
	ID      string // heading ID, "" for the text before the first heading
	Heading string
	Text    string
}

// Page is one content file after loading and rendering. It is not modified
// after the content step returns it.
type Page struct {
	Path     string // slash path relative to the content root, e.g. roles/designer.md
	URL      string // output path relative to the site root, e.g. roles/designer.html
	Section  string // first path element, "" at the root
	File     string // path relative to the site root, for messages: content/roles/designer.md
	FM       FrontMatter
	FMLines  map[string]int // line of each front-matter key in File
	BodyLine int            // line of the file where the Markdown body starts

	HTML     string // rendered body; internal links still carry source paths
	Headings []Heading
	Links    []Link
	Sections []Section // plain text of the body, by section
}

// Text returns the plain text of the body: each section's heading and text.
func (p *Page) Text() string {
	var b strings.Builder
	for _, s := range p.Sections {
		if s.Heading != "" {
			b.WriteString(s.Heading)
			b.WriteByte('\n')
		}
		if s.Text != "" {
			b.WriteString(s.Text)
			b.WriteByte('\n')
		}
	}
	return strings.TrimSpace(b.String())
}

// Title returns the page title.
func (p *Page) Title() string { return p.FM.Title }

// SortPages orders pages by weight, then title, then path: the reading order
// everywhere a list of pages is shown.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.FM.Weight != b.FM.Weight {
			return a.FM.Weight < b.FM.Weight
		}
		if a.FM.Title != b.FM.Title {
			return a.FM.Title < b.FM.Title
		}
		return a.Path < b.Path
	})
}

// Forms are the inspection forms a checklist can be printed as (its form
// field): a daily check sheet, a weekly scored inspection, a monthly
// overall rating.
var Forms = []string{"daily", "weekly", "monthly"}
