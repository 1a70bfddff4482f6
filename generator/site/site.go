// Package site is the build pipeline: it loads the config, the theme and
// the content, checks the whole site (roles, links, anchors, URLs), renders
// every output page and writes the output atomically.
//
// Build never leaves a half-written destination: it writes into a folder
// beside it and swaps that in only when every step succeeded.
package site

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"handbook/generator/config"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/model"
	"handbook/generator/quiz"
	"handbook/generator/theme"
)

// Options configures a build.
type Options struct {
	Source  string // the site root: config, content/, quizzes/, themes/
	Dest    string // output folder; default public/ under Source
	BaseURL string // overrides the config's base_url
	Drafts  bool   // include pages with draft: true
	Dev     bool   // add the dev server's live-reload script
	Check   bool   // validate only: render but write nothing
	// Progress, if set, is told how far a long step has come.
	Progress func(step string, done, total int)
	Now      func() time.Time

	cache *content.Cache // set by a Session
	// transient, set by a Session, leaves the output to the system's own
	// pace of writing to disk: the dev server's output is rebuilt on the
	// next start.
	// changed, set by a Session from its watcher, holds the only source
	// files (slash paths under Source) that may have changed since the last
	// build; nil when unknown.
	changed   map[string]bool
	transient bool
}

// Result summarises a build.
type Result struct {
	Config   config.Config
	ByKind   map[string]int // content pages by kind, plus "quiz", "handbook" …
	Pages    int            // HTML pages written
	Files    int            // all files written
	Bytes    int64
	Warnings diag.List
	Duration time.Duration
	Dest     string

	incremental bool // only what changed was rendered and written
}

// Build builds the site.
func Build(ctx context.Context, opt Options) (*Result, error) {
	res, _, err := build(ctx, opt, nil)
	return res, err
}

// build builds the site; with a previous build of the same site, prev, it
// renders and writes only what the changes touched (see Session).
func build(ctx context.Context, opt Options, prev *Site) (*Result, *Site, error) {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	start := now()
	if opt.Source == "" {
		opt.Source = "."
	}
	srcFS := newSourceFS(opt.Source)
	cfg, err := config.Load(srcFS)
	if err != nil {
		return nil, nil, err
	}
	if opt.BaseURL != "" {
		cfg.BaseURL = opt.BaseURL
		if err := cfg.Validate(); err != nil {
			return nil, nil, err
		}
	}
	if opt.Dest == "" {
		opt.Dest = filepath.Join(opt.Source, "public")
	}
	if !opt.Check {
		if err := checkDest(opt.Source, opt.Dest, cfg); err != nil {
			return nil, nil, err
		}
	}
	s, err := load(ctx, srcFS, cfg, opt, prev, true)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Config: cfg, ByKind: map[string]int{}, Dest: opt.Dest, Warnings: s.warnings}
	// Pages come sorted by path, so a kind comes in runs: one map update
	// a run, not a page, for the incremental builds of a large site.
	var kind model.Kind
	run := 0
	for _, p := range s.pages {
		if p.FM.Kind != kind {
			if run > 0 {
				res.ByKind[string(kind)] += run
			}
			kind, run = p.FM.Kind, 0
		}
		run++
	}
	if run > 0 {
		res.ByKind[string(kind)] += run
	}
	for _, q := range s.quizzes {
		if q.Generated {
			res.ByKind["drill"]++
		} else {
			res.ByKind["quiz"]++
		}
	}
	res.ByKind["handbook"] = len(s.handbooks)
	if opt.Check {
		err := s.renderOut(ctx, func(File) error { return nil })
		res.Pages = s.rendered
		res.Duration = now().Sub(start)
		return res, s, err
	}
	if prev != nil {
		if ok, err := s.renderChanges(ctx, prev, res); ok || err != nil {
			res.Duration = now().Sub(start)
			return res, s, err
		}
	}
	out, err := newOutput(opt.Dest, !opt.transient)
	if err != nil {
		return nil, nil, err
	}
	if err := s.renderOut(ctx, func(f File) error { return out.Write(f.Path, f.Data) }); err != nil {
		out.Abort()
		return nil, nil, err
	}
	if err := out.Commit(); err != nil {
		return nil, nil, err
	}
	res.Pages = s.rendered
	res.Files, res.Bytes = out.n, out.size
	res.Duration = now().Sub(start)
	return res, s, nil
}

// File is one output file.
type File struct {
	Path string // slash path relative to the site root
	Data []byte
	// From, if set, is a file to copy instead of Data (an asset).
	From func() ([]byte, error)

	done func() // called once the sink has returned: Data may be reused
}

// checkDest refuses a destination that would overwrite or swallow the
// sources.
func checkDest(source, dest string, cfg config.Config) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	src, dst = resolve(src), resolve(dst)
	inside := func(child, parent string) bool {
		rel, err := filepath.Rel(parent, child)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	switch {
	case dst == src:
		return diag.New("", 0, diag.T("destination %s is the source folder: choose another, such as %s", dest, filepath.Join(source, "public")), nil)
	case inside(src, dst):
		return diag.New("", 0, diag.T("destination %s contains the source folder %s: choose a folder outside it", dest, source), nil)
	}
	for _, d := range []string{cfg.ContentDir, cfg.QuizDir, "themes"} {
		if inside(dst, resolve(filepath.Join(src, d))) {
			return diag.New("", 0, diag.T("destination %s lies inside %s/: choose a folder outside the sources", dest, d), nil)
		}
	}
	return nil
}

// resolve follows symbolic links in the part of p that exists.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	if dir == p || dir == "" {
		return p
	}
	return filepath.Join(resolve(filepath.Clean(dir)), base)
}

// Site is a loaded and checked site, ready to render.
type Site struct {
	Config config.Config
	Theme  *theme.Theme
	opt    Options
	src    fs.FS

	pages       []*model.Page // sorted by path
	byPath      map[string]*model.Page
	assets      []string
	roles       map[string]*model.Page // role title → role page
	sections    []*section
	handbooks   []*handbook
	backlinks   map[string][]*model.Page
	warnings    diag.List
	fields      map[*model.Page]string // rendered front-matter sections
	fieldsMu    sync.Mutex
	fieldsErr   error
	stamp       string // config and theme files, for a Session
	rendered    int    // HTML pages rendered
	chromeMu    sync.Mutex
	chromes     map[string]*Chrome           // by path to the root
	quizzes     []*quiz.Quiz                 // authored, then generated drills
	terms       map[string]map[string]string // taxonomy → term → page URL
	quizStamp   string                       // sizes and times of the quiz files
	searching   *searchJob                   // the index a first build started while loading
	changed     []*model.Page                // set by update: the pages whose body changed
	changedSets []printGroup                 // set by renderChanges: the print sets that show a changed page
	sv          *SiteView                    // what every page shows of the site
	static      *staticSet                   // the theme's static files, see statics
	broken      map[string]bool              // files that failed to load
	indexSums   map[string]uint64            // search-index file → hash of the bytes written
	// goLayouts and goFields: the layouts and the fields partial that are
	// the default theme's, which the Go renderers in pagehtml.go draw.
	goLayouts     map[string]bool
	goFields      bool
	sheetScript   string // see writeSheetScript
	templatesOnly bool   // tests: always execute the templates
	kindOnce      sync.Once
	kindLabels    map[model.Kind]string // see kindLabel
	secOnce       sync.Once
	secByName     map[string]*section // see sectionNamed
	hbOnce        sync.Once
	hbURLs        map[string]string        // see RoleHandbookURL
	links         map[*model.Page]Link     // see link
	unknownRoles  map[string][]*diag.Error // see noteUnknownRole
	fileNames     [2]*fileIndex            // see suggest
}

type section struct {
	Name  string // folder
	Index *model.Page
	Pages []*model.Page // without the index, in reading order

	once sync.Once
	pos  map[*model.Page]int // index in Pages
}

// sectionNamed returns the section of folder name, or nil: a page asks for
// its own, and a site may have as many sections as pages.
func (s *Site) sectionNamed(name string) *section {
	s.secOnce.Do(func() {
		s.secByName = make(map[string]*section, len(s.sections))
		for _, x := range s.sections {
			s.secByName[x.Name] = x
		}
	})
	return s.secByName[name]
}

// position returns p's index in the section's pages, or -1.
func (sec *section) position(p *model.Page) int {
	sec.once.Do(func() {
		sec.pos = make(map[*model.Page]int, len(sec.Pages))
		for i, q := range sec.Pages {
			sec.pos[q] = i
		}
	})
	if i, ok := sec.pos[p]; ok {
		return i
	}
	return -1
}

func (sec *section) Title() string {
	if sec.Index != nil {
		return sec.Index.FM.Title
	}
	return sec.Name
}

func (sec *section) URL() string { return sec.Name + "/index.html" }

type handbook struct {
	Role  *model.Page
	URL   string
	Pages []*model.Page // in reading order, the role page first
}

// Load reads and checks a site without writing anything.
func Load(ctx context.Context, srcFS fs.FS, cfg config.Config, opt Options) (*Site, error) {
	return load(ctx, srcFS, cfg, opt, nil, false)
}

// load is Load; given the last good build of the same site, with the same
// config and theme, it takes what it can from it (see Site.update). With
// render, the site is about to be rendered: a first build starts its
// search index while the load still checks the pages.
func load(ctx context.Context, srcFS fs.FS, cfg config.Config, opt Options, prev *Site, render bool) (*Site, error) {
	s := &Site{Config: cfg, opt: opt, src: srcFS}
	var problems diag.List
	if prev != nil {
		s.Theme, s.static = prev.Theme, prev.static
	} else {
		th, err := loadTheme(srcFS, cfg)
		if err != nil {
			return nil, err
		}
		s.Theme = th
	}
	r := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, URLOf: content.URLOf})
	if _, err := fs.Stat(srcFS, cfg.ContentDir); err != nil {
		return nil, diag.New("", 0, diag.T("no %s/ folder in %s: run `handbook new site DIR` to start a handbook, or pass --source", cfg.ContentDir, opt.Source), nil)
	}
	// The quiz files are read while the content loads, unless an
	// incremental build will keep the last build's quizzes.
	s.quizStamp = quizStamp(srcFS, cfg.QuizDir)
	type quizResult struct {
		files    []quizFile
		problems diag.List
	}
	var quizzes chan quizResult
	readQuizFiles := func() {
		quizzes = make(chan quizResult, 1)
		go func() {
			files, probs := readQuizzes(ctx, srcFS, cfg.QuizDir)
			quizzes <- quizResult{files, probs}
		}()
	}
	if prev == nil || s.quizStamp != prev.quizStamp {
		readQuizFiles()
	}
	pages, assets, probs := content.Load(srcFS, cfg.ContentDir, r, opt.Drafts, opt.cache, opt.changed)
	problems = append(problems, probs...)
	s.broken = map[string]bool{}
	for _, p := range probs {
		s.broken[p.File] = true
	}
	if prev != nil && len(problems) == 0 {
		if u := prev.update(pages, assets, s.quizStamp); u != nil {
			return u, nil
		}
	}
	if quizzes == nil {
		readQuizFiles()
	}
	s.pages, s.assets = pages, assets
	// The drills are made while the pages are indexed. On a first build
	// whose pages all loaded, the search index then starts at once: it is
	// the longest job, and needs only the pages and quizzes. If the checks
	// below fail, the build stops and the index is dropped.
	type quizSet struct {
		quizResult
		drills []*quiz.Quiz
	}
	ready := make(chan quizSet, 1)
	early := render && prev == nil && len(problems) == 0
	go func() {
		d := quiz.Drills(pages, cfg.DrillSeed)
		q := <-quizzes
		if early && len(q.problems) == 0 {
			s.searching = s.startSearch(allQuizzes(q.files, d))
		}
		ready <- quizSet{q, d}
	}()
	s.index(&problems)
	q := <-ready
	problems = append(problems, q.problems...)
	s.checkQuizzes(q.files, q.drills, &problems)
	s.groupUnknownRoles(&problems)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Pages returns the content pages, sorted by path. Do not modify them.
func (s *Site) Pages() []*model.Page { return s.pages }

// Page returns the page at content path p, or nil.
func (s *Site) Page(p string) *model.Page { return s.byPath[p] }

// HasAnchor reports whether the page at content path p has a section with
// ID anchor ("" is the page itself).
func (s *Site) HasAnchor(p, anchor string) bool {
	pg := s.byPath[p]
	if pg == nil {
		return false
	}
	return anchor == "" || hasAnchor(pg, anchor)
}

// Warn records a warning for the build summary.
func (s *Site) Warn(file string, line int, format string, args ...any) {
	s.warnings.Addf(file, line, format, args...)
}

// RoleHandbookURL returns the URL of the handbook of role title, or "".
func (s *Site) RoleHandbookURL(title string) string {
	s.hbOnce.Do(func() {
		s.hbURLs = make(map[string]string, len(s.handbooks))
		for _, h := range s.handbooks {
			if _, ok := s.hbURLs[h.Role.FM.Title]; !ok {
				s.hbURLs[h.Role.FM.Title] = h.URL
			}
		}
	})
	return s.hbURLs[title]
}

// RoleTitles returns the titles of the role pages in reading order.
func (s *Site) RoleTitles() []string {
	var out []string
	for _, h := range s.handbooks {
		out = append(out, h.Role.FM.Title)
	}
	return out
}

func hasAnchor(p *model.Page, id string) bool {
	for _, h := range p.Headings {
		if h.ID == id {
			return true
		}
	}
	for _, sec := range p.Sections {
		if sec.ID == id && (p.FM.Kind != model.KindChecklist || !isFieldID(id)) {
			return true
		}
	}
	return false
}

// index builds the lookups and checks what spans pages: URLs, roles, links.
func (s *Site) index(problems *diag.List) {
	s.byPath = map[string]*model.Page{}
	s.roles = map[string]*model.Page{}
	s.backlinks = map[string][]*model.Page{}
	urls := map[string]*model.Page{}
	for _, p := range s.pages {
		s.byPath[p.Path] = p
		key := strings.ToLower(p.URL)
		if q, ok := urls[key]; ok {
			problems.Addf(p.File, 1, "maps to the same URL %s as %s: rename one of the two files", p.URL, q.File)
			continue
		}
		urls[key] = p
		if p.FM.Kind == model.KindRole {
			if q, ok := s.roles[p.FM.Title]; ok {
				problems.Addf(p.File, p.FMLines["title"], "role %q is defined twice, here and in %s: merge the two pages", p.FM.Title, q.File)
				continue
			}
			s.roles[p.FM.Title] = p
		}
	}
	assets := map[string]bool{}
	for _, a := range s.assets {
		assets[a] = true
	}
	for _, p := range s.pages {
		if p.FM.Page != "" && s.byPath[p.FM.Page] == nil && !s.failedToLoad(p.FM.Page) {
			problems.Addf(p.File, p.FMLines["page"], "page %q does not exist: give the path of the content page the checklist is drawn from, relative to %s/", p.FM.Page, s.Config.ContentDir)
		}
		for _, r := range p.FM.Roles {
			if s.roles[r] == nil {
				problems.Add(diag.New(p.File, p.FMLines["roles"], s.unknownRoleMsg(r), nil))
				s.noteUnknownRole(r, *problems)
			}
		}
		seen := map[string]bool{}
		for _, l := range p.Links {
			if markdown.Unparsed(l) {
				problems.Add(diag.New(p.File, l.Line, s.unparsedLink(p, l), nil))
				continue
			}
			target := p
			if l.Target != "" {
				target = s.byPath[l.Target]
				if target == nil {
					if assets[l.Target] {
						continue
					}
					if s.failedToLoad(l.Target) {
						continue // the target has problems of its own, reported there
					}
					if alt, ok := s.suggest(p, l, assets); ok {
						problems.Addf(p.File, l.Line, "broken link %q: %s does not exist: did you mean %s?", l.Dest, s.Config.ContentDir+"/"+l.Target, alt)
					} else {
						problems.Addf(p.File, l.Line, "broken link %q: %s does not exist", l.Dest, s.Config.ContentDir+"/"+l.Target)
					}
					continue
				}
				if !seen[target.Path] && target != p {
					seen[target.Path] = true
					s.backlinks[target.Path] = append(s.backlinks[target.Path], p)
				}
			}
			if l.Anchor != "" && !hasAnchor(target, l.Anchor) {
				problems.Addf(p.File, l.Line, "broken anchor %q: %s has no heading with ID %q (its headings: %s)", l.Dest, target.File, l.Anchor, anchorList(target))
			}
		}
	}
	s.warnSameTitles()
	s.warnJoinedTags()
	s.buildSections()
	s.buildHandbooks()
	s.indexTerms()
}

// failedToLoad tells whether the content file at content path p is there
// but failed to load: its problems are reported on it, so what refers to
// it does not report it as missing.
func (s *Site) failedToLoad(p string) bool { return s.broken[s.Config.ContentDir+"/"+p] }

func (s *Site) sortedRoles() []string {
	var out []string
	for r := range s.roles {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

func filepathBase(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func anchorList(p *model.Page) diag.Text {
	var ids []string
	for _, sec := range p.Sections {
		if sec.ID != "" && hasAnchor(p, sec.ID) {
			ids = append(ids, "#"+sec.ID)
		}
	}
	for _, h := range p.Headings {
		if h.Level > 2 {
			ids = append(ids, "#"+h.ID)
		}
	}
	if len(ids) == 0 {
		return diag.T("none")
	}
	if len(ids) > 12 {
		ids = append(ids[:12], "…")
	}
	return diag.T("%s", strings.Join(ids, " "))
}

func (s *Site) buildSections() {
	bySec := map[string]*section{}
	for _, p := range s.pages {
		name := p.Section
		if name == "" {
			continue
		}
		sec := bySec[name]
		if sec == nil {
			sec = &section{Name: name}
			bySec[name] = sec
			s.sections = append(s.sections, sec)
		}
		if p.Path == name+"/_index.md" {
			sec.Index = p
		} else {
			sec.Pages = append(sec.Pages, p)
		}
	}
	for _, sec := range s.sections {
		model.SortPages(sec.Pages)
	}
	sort.SliceStable(s.sections, func(i, j int) bool {
		wi, wj := 0, 0
		if s.sections[i].Index != nil {
			wi = s.sections[i].Index.FM.Weight
		}
		if s.sections[j].Index != nil {
			wj = s.sections[j].Index.FM.Weight
		}
		if wi != wj {
			return wi < wj
		}
		return s.sections[i].Name < s.sections[j].Name
	})
}

// kindOrder is the reading order of a role handbook.
var kindOrder = map[model.Kind]int{}

func init() {
	for i, k := range []model.Kind{model.KindRole, model.KindPage, model.KindProcedure, model.KindEtiquette,
		model.KindPersonality, model.KindStandard, model.KindCleaning, model.KindEmergency,
		model.KindRubric, model.KindChecklist, model.KindTraining, model.KindGlossary} {
		kindOrder[k] = i
	}
}

func (s *Site) buildHandbooks() {
	var roles []*model.Page
	for _, p := range s.roles {
		roles = append(roles, p)
	}
	model.SortPages(roles)
	// One pass over the pages: a hospital group may have hundreds of roles.
	byTitle := make(map[string]int, len(roles))
	for i, r := range roles {
		byTitle[r.FM.Title] = i
	}
	rest := make([][]*model.Page, len(roles))
	for _, p := range s.pages {
		if content.IsIndex(p.Path) {
			continue
		}
		for j, name := range p.FM.Roles {
			i, ok := byTitle[name]
			if !ok || p == roles[i] || slices.Contains(p.FM.Roles[:j], name) {
				continue
			}
			rest[i] = append(rest[i], p)
		}
	}
	for i, r := range roles {
		h := &handbook{Role: r, URL: "handbooks/" + strings.TrimSuffix(filepathBase(r.URL), ".html") + ".html"}
		h.Pages = append(h.Pages, r)
		pages := rest[i]
		model.SortPages(pages)
		sort.SliceStable(pages, func(i, j int) bool {
			return kindOrder[pages[i].FM.Kind] < kindOrder[pages[j].FM.Kind]
		})
		h.Pages = append(h.Pages, pages...)
		s.handbooks = append(s.handbooks, h)
	}
}
