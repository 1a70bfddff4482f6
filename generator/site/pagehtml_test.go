package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"handbook/generator/config"
	"handbook/generator/model"
	"handbook/generator/theme"
	"handbook/internal/corpus"
)

// loadSite loads the site at dir.
func loadSite(t testing.TB, dir string) *Site {
	t.Helper()
	cfg, err := config.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(context.Background(), os.DirFS(dir), cfg, Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// renderAll renders every HTML page of s, with the Go renderers or with the
// templates alone.
func renderAll(t *testing.T, s *Site, templatesOnly bool) map[string][]byte {
	t.Helper()
	s.templatesOnly = templatesOnly
	if templatesOnly {
		// A theme without Go stand-ins for its partials.
		th := s.Theme
		s.Theme = plainTheme(t, s)
		defer func() { s.Theme = th }()
	}
	out := map[string][]byte{}
	if err := s.render(context.Background(), nil, false, false, keepFiles(out)); err != nil {
		t.Fatal(err)
	}
	if (len(s.goLayouts) == len(goLayouts)) == templatesOnly || s.goFields == templatesOnly {
		t.Fatalf("templatesOnly %v, yet Go layouts %v and goFields %v", templatesOnly, s.goLayouts, s.goFields)
	}
	return out
}

// keepFiles returns a sink that keeps in out the data of each file not
// copied from elsewhere, by path.
func keepFiles(out map[string][]byte) func(File) error {
	var mu sync.Mutex
	return func(f File) error {
		if f.From == nil {
			mu.Lock()
			out[f.Path] = f.Data
			mu.Unlock()
		}
		return nil
	}
}

// renderHTML returns layout, one of goLayouts, drawn in Go.
func (s *Site) renderHTML(layout string, v *View) []byte {
	w := &htmlw{}
	s.drawHTML(w, layout, v)
	return w.Bytes()
}

// plainTheme loads s's theme as written, every partial a template.
func plainTheme(t testing.TB, s *Site) *theme.Theme {
	t.Helper()
	th, err := theme.Load(s.src, s.Config.Theme, s.Config.Language, nil)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n  Go:       %q\n  template: %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// TestGoRenderersMatchTemplatesOnSites renders the bundled handbook and a
// synthetic one with the Go renderers and with the default theme's
// templates: every page must come out byte for byte the same.
func TestGoRenderersMatchTemplatesOnSites(t *testing.T) {
	corpusDir, enDir := t.TempDir(), t.TempDir()
	for _, dir := range []string{corpusDir, enDir} {
		if err := corpus.Write(dir, corpus.Options{Pages: 400, Seed: 3}); err != nil {
			t.Fatal(err)
		}
	}
	// The same site with the English UI strings.
	if err := os.WriteFile(filepath.Join(enDir, "handbook.toml"), []byte("title = \"Handbook\"\nlanguage = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../..", corpusDir, enDir} {
		s := loadSite(t, dir)
		fast, slow := renderAll(t, s, false), renderAll(t, s, true)
		if len(fast) != len(slow) || len(fast) < 100 {
			t.Fatalf("%s: %d pages with the Go renderers, %d with templates", dir, len(fast), len(slow))
		}
		drawn := map[string]int{}
		for p, want := range slow {
			if got := fast[p]; !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs %s", dir, p, firstDiff(got, want))
			} else {
				for name := range goLayouts {
					if bytes.Contains(got, []byte(`<body class="layout-`+name+`"`)) {
						drawn[name]++
					}
				}
			}
		}
		if drawn["page"] < 50 || drawn["list"] < 5 || drawn["section"] < 4 || drawn["handbook"] < 2 || drawn["checklist"] < 2 || drawn["printset"] < 2 || drawn["print"] != 1 {
			t.Errorf("%s: too few pages drawn with each layout: %v", dir, drawn)
		} else {
			t.Logf("%s: pages drawn in Go by layout: %v", dir, drawn)
		}
	}
}

// TestGoRenderersMatchTemplatesOnRandomViews renders random views, with
// text full of what escaping must change, both ways.
func TestGoRenderersMatchTemplatesOnRandomViews(t *testing.T) {
	s := loadSite(t, "../..")
	r := rand.New(rand.NewSource(1))
	pieces := []string{"保洁", "电梯", "a", "Z9", " ", "<b>", "&amp;", "&", `"`, "'", "+", "\x00", "%41", "%zz", "%", "#", "?", "=", "/", ":",
		"javascript:", "http:", "MAILTO:", "../", "、", "(", "\ufdd0", "\xff", "\n", "~-._", "é", "{{.}}"}
	str := func() string {
		var b strings.Builder
		for n := r.Intn(5); n > 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		return b.String()
	}
	strs := func() []string {
		var l []string
		for n := r.Intn(4); n > 0; n-- {
			l = append(l, str())
		}
		return l
	}
	links := func() []Link {
		var l []Link
		for n := r.Intn(4); n > 0; n-- {
			l = append(l, Link{Title: str(), URL: str(), Kind: str(), Summary: str(), Note: str()})
		}
		return l
	}
	link := func() *Link {
		if r.Intn(2) == 0 {
			return nil
		}
		return &Link{Title: str(), URL: str()}
	}
	fm := func() model.FrontMatter {
		f := model.FrontMatter{Title: str(), Kind: model.Kind(str()), Summary: str(), Source: str(),
			ReportsTo: str(), Duties: strs(), Permissions: strs(), Steps: strs(), Tips: strs(), Taboos: strs(),
			Phrases: strs(), Traits: strs(), Strategy: str(), Area: str(), Scope: str(), Tools: strs(),
			Frequency: str(), QualityStandard: str(), Items: strs(), RatingRules: strs(), Methods: strs(), Points: strs()}
		if r.Intn(2) == 0 {
			f.Updated = model.Date{Time: time.Date(2020+r.Intn(8), time.Month(1+r.Intn(12)), 1+r.Intn(28), 0, 0, 0, 0, time.UTC)}
		}
		for n := r.Intn(3); n > 0; n-- {
			f.Lists = append(f.Lists, model.NamedList{Name: str(), AppliesTo: str(), Items: strs()})
			f.Inspections = append(f.Inspections, model.Inspection{Name: str(), Who: str(), When: str(), Form: str(), Detail: str()})
			f.Grades = append(f.Grades, model.Grade{Grade: str(), Criteria: str()})
			f.Terms = append(f.Terms, model.Term{Term: str(), Definition: str()})
		}
		return f
	}
	plain := plainTheme(t, s)
	goBody := checklistBody(s.Theme.T)
	if got := s.stockLayouts(); len(got) != len(goLayouts) || !strings.Contains(s.sheetScript, "<script>") {
		t.Fatalf("Go layouts %v, sheet script %q", got, s.sheetScript)
	}
	papers := []string{"A4", "Letter"}
	forms := []string{"", "", "daily", "weekly", "monthly", "yearly"}
	for i := 0; i < 2000; i++ {
		f := fm()
		fv := FieldsView{FM: &f, Prefix: str(), Level: 1 + r.Intn(5)}
		got := s.renderFieldsHTML(fv)
		want, err := s.Theme.Partial("partials/fields.html", fv)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Fatalf("fields of %+v: %s", f, firstDiff([]byte(got), want))
		}

		// The checklist partial, for a checklist page and a print-set entry.
		f.Form = forms[r.Intn(len(forms))]
		f.Roles = strs()
		f.Department = str()
		if r.Intn(3) > 0 {
			f.Signoff = &model.Signoff{Columns: strs(), RowLabel: str(), RowCount: r.Intn(4) - 1}
			if r.Intn(2) == 0 {
				f.Signoff.Rows = strs()
			}
		}
		cp := &model.Page{FM: f}
		for _, data := range []any{&View{Page: cp, Body: template.HTML(str())}, Entry{Page: cp, Body: template.HTML(str())}} {
			want, err := plain.Partial(checklistPartial, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := goBody(data)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Fatalf("checklist body of %+v: %s", f, firstDiff([]byte(got), want))
			}
		}

		p := &model.Page{FM: fm()}
		v := &View{Site: &SiteView{Title: str(), Lang: str(), Dev: r.Intn(2) == 0, Paper: papers[r.Intn(2)], BaseURL: str()}, Root: str(), URL: str(), Layout: "page",
			Title: str(), Description: str(), Page: p, Kind: str(), Body: template.HTML(str()), Fields: template.HTML(got),
			Crumbs: links(), Prev: link(), Next: link(), Backlinks: links(), Roles: links(), Tags: links(), Department: link(),
			Chrome: &Chrome{Header: template.HTML(str()), Footer: template.HTML(str())}}
		if r.Intn(4) == 0 {
			v.Title = v.Site.Title
		}
		if r.Intn(2) == 0 {
			v.QR, v.OnlineURL = template.HTML(str()), str()
		}
		p.FM.Form, p.FM.Department, p.FM.Signoff = forms[r.Intn(len(forms))], str(), f.Signoff
		for n := r.Intn(6); n > 0; n-- {
			v.TOC = append(v.TOC, model.Heading{Level: r.Intn(7), ID: str(), Text: str()})
		}
		v.List = links()
		for i := range v.List {
			v.List[i].Summary, v.List[i].Count = str(), r.Intn(3)
		}
		for n := r.Intn(3); n > 0; n-- {
			v.Groups = append(v.Groups, Group{Title: str(), URL: str(), Links: links()})
		}
		for n := r.Intn(4); n > 0; n-- {
			ep := &model.Page{URL: str(), FM: fm()}
			ep.FM.Form = forms[r.Intn(len(forms))]
			v.Entries = append(v.Entries, Entry{Page: ep, Anchor: str(), Kind: str(), Body: template.HTML(str()), Fields: template.HTML(str()), QR: template.HTML(str())})
		}
		for i := range v.Groups {
			v.Groups[i].ID = str()
		}
		v.Extra = nil
		if r.Intn(2) == 0 {
			var extra []Group
			for n := r.Intn(3); n > 0; n-- {
				extra = append(extra, Group{Title: str(), URL: str(), Links: links()})
			}
			v.Extra = extra
		}
		extra, _ := v.Extra.([]Group)
		for _, gs := range [][]Group{v.Groups, extra} {
			for _, g := range gs {
				for i := range g.Links {
					g.Links[i].Summary = str()
				}
			}
		}
		for name := range goLayouts {
			v.Layout = name
			want, err := s.Theme.Render(name, v)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.renderHTML(name, v); !bytes.Equal(got, want) {
				t.Fatalf("%s layout, %+v: %s", name, v, firstDiff(got, want))
			}
		}
	}
}

// TestGoRenderersStepAsideForThemeFiles: a site whose theme replaces the
// page layout or the fields partial is drawn by its own templates.
func TestGoRenderersStepAsideForThemeFiles(t *testing.T) {
	// Where each file gets a mark, and a page that shows it.
	anchors := map[string][2]string{
		"layouts/base.html":                    {`<main id="main" tabindex="-1">`, "cleaning/elevator.html"},
		"layouts/page.html":                    {`<header>`, "cleaning/elevator.html"},
		"layouts/partials/meta.html":           {`<dl class="page-meta">`, "cleaning/elevator.html"},
		"layouts/partials/fields.html":         {`{{- end}}`, "cleaning/elevator.html"},
		"layouts/list.html":                    {`<h1>`, "tags/index.html"},
		"layouts/partials/checklist-body.html": {`<header class="sheet-head">`, "cleaning/sheet.html"},
		"layouts/section.html":                 {`<h1>`, "cleaning/index.html"},
		"layouts/handbook.html":                {`<h1>`, "handbooks/cleaner.html"},
		"layouts/checklist.html":               {`<footer class="sheet-foot">`, "cleaning/sheet.html"},
		"layouts/printset.html":                {`<footer class="sheet-foot">`, "print/role-bao-jie-yuan.html"},
		"layouts/print.html":                   {`<ul class="print-list">`, "print/index.html"},
	}
	for _, l := range append(slices.Collect(maps.Values(goLayouts)), goLayout{files: append(fieldsFiles, "layouts/"+checklistPartial)}) {
		for _, f := range l.files {
			if _, ok := anchors[f]; !ok {
				t.Fatalf("%s, drawn in Go, has no anchor here", f)
			}
		}
	}
	for f, a := range anchors {
		anchor, page := a[0], a[1]
		dir := copySite(t)
		write(t, dir, "content/cleaning/sheet.md", "---\ntitle: 电梯检查表\nkind: checklist\nroles: [保洁员]\nsteps:\n- 擦拭按钮\n---\n")
		stock, err := os.ReadFile("../../themes/default/" + f)
		if err != nil {
			t.Fatal(err)
		}
		marked := strings.Replace(string(stock), anchor, anchor+"<i>mine</i>", 1)
		if marked == string(stock) {
			t.Fatalf("%s has no %s", f, anchor)
		}
		write(t, dir, "themes/default/"+f, marked)
		if _, err := buildSite(t, dir); err != nil {
			t.Fatal(err)
		}
		if got := read(t, dir, "public/"+page); !strings.Contains(got, "<i>mine</i>") {
			t.Errorf("with themes/default/%s replaced, %s does not use it", f, page)
		}
		// An identical copy changes nothing.
		write(t, dir, "themes/default/"+f, string(stock))
		s := loadSite(t, dir)
		renderAll(t, s, false)
	}
}

// TestChecklistPartialRefusesOtherData: given data that is neither a view
// nor an entry, the Go checklist partial says what it takes and how to use
// the template instead, naming the layout that called it.
func TestChecklistPartialRefusesOtherData(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/cleaning/sheet.md", "---\ntitle: 电梯检查表\nkind: checklist\nroles: [保洁员]\nsteps:\n- 擦拭按钮\n---\n")
	stock, err := os.ReadFile("../../themes/default/layouts/checklist.html")
	if err != nil {
		t.Fatal(err)
	}
	mine := strings.Replace(string(stock), `{{template "partials/checklist-body.html" .}}`, `{{template "partials/checklist-body.html" .Title}}`, 1)
	write(t, dir, "themes/default/layouts/checklist.html", mine)
	_, err = buildSite(t, dir)
	if err == nil || !strings.Contains(err.Error(), "layouts/checklist.html") || !strings.Contains(err.Error(), "copy it into the site's theme") {
		t.Fatalf("build with a checklist layout passing a string to the partial: %v", err)
	}
}

// TestBuildWritesWhatRenderHands builds a synthetic site, whose pages are
// drawn into reused buffers and written from them, and renders it into
// memory, where each page must be a copy of its own: both must hold the
// same bytes for every file. A buffer reused before its file was written,
// or handed to a sink that keeps it, makes pages differ.
func TestBuildWritesWhatRenderHands(t *testing.T) {
	src, dest := t.TempDir(), t.TempDir()
	if err := corpus.Write(src, corpus.Options{Pages: 300, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	s := loadSite(t, src)
	kept := map[string][]byte{}
	if err := s.Render(context.Background(), keepFiles(kept)); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for p, want := range kept {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: written %s", p, firstDiff(got, want))
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	if pages < 300 {
		t.Errorf("only %d pages rendered", pages)
	}
}
