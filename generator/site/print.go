package site

import (
	"bytes"
	"html/template"
	"slices"
	"sort"
	"strings"

	"handbook/generator/markdown"
	"handbook/generator/model"
	hbprint "handbook/generator/print"
)

// checklists returns the checklist pages in reading order.
func (s *Site) checklists() []*model.Page {
	var out []*model.Page
	for _, p := range s.pages {
		if p.FM.Kind == model.KindChecklist {
			out = append(out, p)
		}
	}
	model.SortPages(out)
	return out
}

// qr returns the QR code of a page's online address, when the site has a
// base URL.
func (s *Site) qr(p *model.Page) (template.HTML, string) {
	if s.Config.BaseURL == "" {
		return "", ""
	}
	u := s.Config.BaseURL + p.URL
	svg, err := hbprint.QRSVG(u)
	if err != nil {
		return "", u
	}
	return svg, u
}

// printGroup is a set of checklists printed together.
type printGroup struct {
	title, url string
	pages      []*model.Page
}

// printGroups groups the checklists by area (forms apart) and by role.
func (s *Site) printGroups() (byArea, byRole []printGroup) {
	area := map[string][]*model.Page{}
	role := map[string][]*model.Page{}
	var areas, roles []string
	for _, p := range s.checklists() {
		// Cleaning sheets go by area; the rest by the kind of page they
		// are drawn from (emergencies, etiquette …); forms together.
		a := p.FM.Area
		src := s.byPath[p.FM.Page]
		switch {
		case p.FM.Form != "":
			a = s.Theme.T("print.forms")
		case src != nil && src.FM.Kind != model.KindCleaning:
			a = s.kindLabel(src.FM.Kind)
		case a == "":
			a = s.Theme.T("print.other")
		}
		if area[a] == nil {
			areas = append(areas, a)
		}
		area[a] = append(area[a], p)
		for _, r := range p.FM.Roles {
			if role[r] == nil {
				roles = append(roles, r)
			}
			role[r] = append(role[r], p)
		}
	}
	sort.Strings(areas)
	order := map[string]int{}
	for i, t := range s.RoleTitles() {
		order[t] = i
	}
	rank := func(r string) int {
		if i, ok := order[r]; ok {
			return i
		}
		return len(order)
	}
	sort.SliceStable(roles, func(i, j int) bool { return rank(roles[i]) < rank(roles[j]) })
	used := map[string]bool{}
	url := func(prefix, name string) string {
		slug := slugOf(prefix, name)
		u := "print/" + prefix + "-" + slug + ".html"
		for i := 2; used[u]; i++ {
			u = "print/" + prefix + "-" + slug + "-" + itoa(i) + ".html"
		}
		used[u] = true
		return u
	}
	for _, a := range areas {
		byArea = append(byArea, printGroup{a, url("area", a), area[a]})
	}
	for _, r := range roles {
		byRole = append(byRole, printGroup{r, url("role", r), role[r]})
	}
	return byArea, byRole
}

// printPages adds the print centre, a print-all page per group and the
// manifest that `handbook pdf` reads.
func (s *Site) printPages(page func(url, layout string, fill func(v *View)), file func(File)) {
	byArea, byRole := s.printGroups()
	groups := func(gs []printGroup) []Group {
		var out []Group
		for _, g := range gs {
			grp := Group{Title: g.title, URL: g.url}
			for _, p := range g.pages {
				grp.Links = append(grp.Links, s.link(p))
			}
			out = append(out, grp)
		}
		return out
	}
	page("print/index.html", "print", func(v *View) {
		v.Title = s.Theme.T("home.print_centre")
		v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
		v.Groups = groups(byArea)
		v.Extra = groups(byRole)
	})
	s.printSets(page, slices.Concat(byArea, byRole))
	m := &hbprint.Manifest{Paper: s.Config.Paper}
	for _, p := range s.checklists() {
		m.Checklists = append(m.Checklists, hbprint.ChecklistItem(p))
	}
	for _, h := range s.handbooks {
		title := strings.ReplaceAll(s.Theme.T("handbook.title"), "{role}", h.Role.FM.Title)
		m.Handbooks = append(m.Handbooks, hbprint.HandbookItem(h.Role.FM.Title, title, h.URL))
	}
	var b bytes.Buffer
	if err := hbprint.WriteManifest(&b, m); err == nil {
		file(File{Path: hbprint.ManifestPath, Data: b.Bytes()})
	}
}

// printSets adds the print set of each group: every sheet of the group,
// with its text, one to a page.
func (s *Site) printSets(page func(url, layout string, fill func(v *View)), groups []printGroup) {
	for _, g := range groups {
		g := g
		page(g.url, "printset", func(v *View) {
			v.Title = g.title
			v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}, {Title: s.Theme.T("home.print_centre"), URL: "print/index.html"}}
			for i, p := range g.pages {
				qr, _ := s.qr(p)
				v.Entries = append(v.Entries, Entry{
					Page: p, Anchor: "sheet-" + itoa(i+1), Kind: s.kindLabel(p.FM.Kind), QR: qr,
					Body: template.HTML(prefixIDs(markdown.Relocate(p.HTML, v.Root), "s"+itoa(i+1)+"-")),
				})
			}
		})
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
