package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/model"
)

// Link is a titled link in a view; URL is relative to the site root.
type Link struct {
	Title   string
	URL     string
	Kind    string
	Summary string
	Updated string
	Count   int
	Note    string // facts shown after the title in a group's list: a quiz's questions and time
}

// Group is a titled list of links.
type Group struct {
	ID    string // anchor, when the group is a section of its page
	Title string
	URL   string
	Links []Link
}

// Entry is one page placed inside a role handbook.
type Entry struct {
	Page   *model.Page
	Anchor string
	Body   template.HTML
	Fields template.HTML // the front-matter sections, IDs prefixed
	Kind   string
	QR     template.HTML
}

// FieldsView is what the fields partial draws: the front-matter sections of
// one page, with IDs under Prefix.
type FieldsView struct {
	FM     *model.FrontMatter
	Prefix string
	Level  int // heading level of the section titles
}

// SiteView is what every page knows of the site.
type SiteView struct {
	Title      string
	Lang       string
	BaseURL    string
	Paper      string
	Dev        bool
	Handbooks  []Link
	Sections   []Link
	Checklists []Link
	Quizzes    []Link
	Recent     []Link
	KindsJSON  string
	RolesJSON  string

	assets map[string]string // static file → its version query, see staticSet
}

// View is the data of one output page.
type View struct {
	Site        *SiteView
	Root        string // path from this page to the site root: "", "../" …
	URL         string
	Layout      string
	Title       string
	Description string
	Page        *model.Page
	Kind        string
	Body        template.HTML
	Fields      template.HTML // the front-matter sections (partials/fields.html)
	TOC         []model.Heading
	Crumbs      []Link
	Prev, Next  *Link
	Backlinks   []Link
	Roles       []Link
	Tags        []Link
	Department  *Link
	List        []Link
	Groups      []Group
	Entries     []Entry
	Extra       any
	Chrome      *Chrome
	QR          template.HTML // inline SVG linking to OnlineURL, for printed pages
	OnlineURL   string        // absolute URL of the page when base_url is set
}

// Chrome is the header and footer every page shares, rendered once for
// each folder depth.
type Chrome struct {
	Header, Footer template.HTML
}

// chrome returns the shared header and footer for pages at root.
func (s *Site) chrome(sv *SiteView, root string) (*Chrome, error) {
	s.chromeMu.Lock()
	defer s.chromeMu.Unlock()
	if c, ok := s.chromes[root]; ok {
		return c, nil
	}
	v := &View{Site: sv, Root: root}
	h, err := s.Theme.Partial("partials/header.html", v)
	if err != nil {
		return nil, err
	}
	f, err := s.Theme.Partial("partials/footer.html", v)
	if err != nil {
		return nil, err
	}
	c := &Chrome{Header: template.HTML(h), Footer: template.HTML(f)}
	s.chromes[root] = c
	return c, nil
}

// Rel returns the root-relative URL u relative to this page.
func (v *View) Rel(u string) string { return v.Root + u }

// Asset is Rel for a file of the theme's static/ folder, with the query
// that names its version (see staticSet).
func (v *View) Asset(u string) string { return v.Root + u + v.Site.assets[u] }

func rootOf(url string) string { return strings.Repeat("../", strings.Count(url, "/")) }

// linksEvery reports whether the text of index links each of pages.
func linksEvery(index *model.Page, pages []*model.Page) bool {
	if index == nil || len(pages) == 0 {
		return false
	}
	linked := map[string]bool{}
	for _, l := range index.Links {
		linked[l.Target] = true
	}
	for _, p := range pages {
		if !linked[p.Path] {
			return false
		}
	}
	return true
}

// notFoundRoot is the root of 404.html's links, or "" to keep them
// relative. A server returns 404.html for a missing URL in any folder, where
// links relative to the page's own place would miss. The dev server serves
// the site at /. A base URL names the path the site is published at; only
// its path is used, so that the page works under every host name, address
// and scheme the server is reached by. Without a base URL the links stay
// relative, which works at the site root and opened from disk.
func (s *Site) notFoundRoot() string {
	if s.opt.Dev {
		return "/"
	}
	if s.Config.BaseURL == "" {
		return ""
	}
	u, err := url.Parse(s.Config.BaseURL) // checked by config.Validate
	if err != nil {
		return ""
	}
	p := u.EscapedPath()
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// kindLabel is the UI name of kind k. Every link carries one: the names are
// looked up once.
func (s *Site) kindLabel(k model.Kind) string {
	s.kindOnce.Do(func() {
		s.kindLabels = map[model.Kind]string{}
		for _, k := range model.Kinds {
			s.kindLabels[k] = s.Theme.T("kind." + string(k))
		}
	})
	if l, ok := s.kindLabels[k]; ok {
		return l
	}
	return s.Theme.T("kind." + string(k))
}

// link returns the link to p that lists show. A page is listed many times
// (its section, tags, department, neighbours, handbooks): a full render
// makes every page's link once, first (see makeLinks); a render of a few
// pages makes the links it shows.
func (s *Site) link(p *model.Page) Link {
	if l, ok := s.links[p]; ok {
		return l
	}
	return s.makeLink(p)
}

func (s *Site) makeLinks() {
	s.links = make(map[*model.Page]Link, len(s.pages))
	for _, p := range s.pages {
		s.links[p] = s.makeLink(p)
	}
}

func (s *Site) makeLink(p *model.Page) Link {
	return Link{Title: p.FM.Title, URL: p.URL, Kind: s.kindLabel(p.FM.Kind), Summary: p.FM.Summary, Updated: p.FM.Updated.String()}
}

func (s *Site) siteView() *SiteView {
	sv := &SiteView{Title: s.Config.Title, Lang: s.Config.Language, BaseURL: s.Config.BaseURL, Paper: s.Config.Paper, Dev: s.opt.Dev}
	for _, h := range s.handbooks {
		sv.Handbooks = append(sv.Handbooks, Link{Title: h.Role.FM.Title, URL: h.URL, Summary: h.Role.FM.Summary, Count: len(h.Pages)})
	}
	for _, sec := range s.sections {
		sv.Sections = append(sv.Sections, Link{Title: sec.Title(), URL: sec.URL(), Count: len(sec.Pages)})
	}
	var recent []*model.Page
	for _, p := range s.pages {
		if p.FM.Kind == model.KindChecklist {
			sv.Checklists = append(sv.Checklists, s.link(p))
		}
		if !p.FM.Updated.IsZero() && !content.IsIndex(p.Path) {
			recent = append(recent, p)
		}
	}
	sort.SliceStable(recent, func(i, j int) bool {
		a, b := recent[i].FM.Updated, recent[j].FM.Updated
		if !a.Equal(b.Time) {
			return a.After(b.Time)
		}
		return recent[i].Path < recent[j].Path
	})
	if len(recent) > 10 {
		recent = recent[:10]
	}
	for _, p := range recent {
		sv.Recent = append(sv.Recent, s.link(p))
	}
	for _, l := range s.quizLinks("") {
		if !strings.HasPrefix(l.URL, "quizzes/drills/") {
			sv.Quizzes = append(sv.Quizzes, l)
		}
	}
	kinds := map[string]string{}
	for _, k := range model.Kinds {
		kinds[string(k)] = s.kindLabel(k)
	}
	kinds["quiz"] = s.Theme.T("kind.quiz")
	kinds["handbook"] = s.Theme.T("kind.handbook")
	kj, _ := json.Marshal(kinds)
	rj, _ := json.Marshal(s.RoleTitles())
	sv.KindsJSON, sv.RolesJSON = string(kj), string(rj)
	return sv
}

// Render renders every output file and hands each to sink as soon as it is
// made, from several goroutines at once; sink must be safe for concurrent
// use. Nothing is kept in memory after sink returns.
func (s *Site) Render(ctx context.Context, sink func(File) error) error {
	return s.render(ctx, nil, true, false, sink)
}

// render renders the pages whose URL want accepts (all when want is nil),
// and with extras the static files, assets, sitemap and search index. With
// lend, sink keeps nothing of a File after it returns, and is lent the
// pages' buffers rather than copies (see pageFile).
func (s *Site) render(ctx context.Context, want func(url string) bool, extras, lend bool, sink func(File) error) error {
	if want == nil && s.links == nil {
		s.makeLinks()
	}
	st, err := s.statics()
	if err != nil {
		return err
	}
	if s.sv == nil {
		s.sv = s.siteView()
		s.sv.assets = st.version
	}
	sv := s.sv
	s.chromes = map[string]*Chrome{}
	s.fields = map[*model.Page]string{}
	s.goLayouts, s.goFields = nil, false
	if !s.templatesOnly {
		s.goLayouts, s.goFields = s.stockLayouts(), s.Theme.Stock(fieldsFiles...)
	}
	// The search index, the longest job, starts at once if the load has
	// not started it already: it needs only the pages and quizzes, and
	// builds on the other core while the jobs below are listed on this one.
	var searched *searchJob
	if extras {
		searched, s.searching = s.searching, nil
		if searched == nil {
			searched = s.startSearch(s.quizzes)
		}
	}
	type job = func() (File, error)
	var jobs []job
	var urls []string
	page := func(url, layout string, fill func(v *View)) {
		urls = append(urls, url)
		if want != nil && !want(url) {
			return
		}
		jobs = append(jobs, func() (File, error) {
			v := &View{Site: sv, Root: rootOf(url), URL: url, Layout: layout}
			fill(v)
			c, err := s.chrome(sv, v.Root)
			if err != nil {
				return File{}, diag.New("", 0, diag.T("rendering the page header and footer: %v", err), err)
			}
			v.Chrome = c
			s.fieldsMu.Lock()
			err = s.fieldsErr
			s.fieldsMu.Unlock()
			if err != nil {
				return File{}, err
			}
			w := pageBufs.Get().(*htmlw)
			if s.goLayouts[layout] {
				s.drawHTML(w, layout, v)
			} else if err := s.Theme.Execute(w, layout, v); err != nil {
				putPageBuf(w)
				return File{}, diag.New("", 0, diag.T("rendering %s with layouts/%s.html: %v", url, layout, err), err)
			}
			return pageFile(url, w, lend), nil
		})
	}
	var home *model.Page
	for _, p := range s.pages {
		p := p
		if p.Path == "_index.md" {
			home = p
			continue
		}
		if content.IsIndex(p.Path) {
			continue
		}
		layout := "page"
		if s.Theme.Has(string(p.FM.Kind)) {
			layout = string(p.FM.Kind)
		}
		page(p.URL, layout, func(v *View) { s.fillPage(v, p) })
	}
	// The home page and the section pages show their index page's text:
	// an incremental build draws them again when it changed (want).
	page("index.html", "home", func(v *View) {
		v.Title = s.Config.Title
		if home != nil {
			v.Page = home
			v.Body = template.HTML(markdown.Relocate(home.HTML, v.Root))
			v.Description = home.FM.Summary
		}
	})
	for _, sec := range s.sections {
		sec := sec
		page(sec.URL(), "section", func(v *View) {
			v.Title = sec.Title()
			if sec.Index != nil {
				v.Page = sec.Index
				v.Body = template.HTML(markdown.Relocate(sec.Index.HTML, v.Root))
				v.Description = sec.Index.FM.Summary
			}
			v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
			// An index page whose text links every page of its section
			// (a table of them, say) is the section's list itself.
			if linksEvery(sec.Index, sec.Pages) {
				return
			}
			for _, p := range sec.Pages {
				v.List = append(v.List, s.link(p))
			}
		})
	}
	for _, h := range s.handbooks {
		h := h
		page(h.URL, "handbook", func(v *View) { s.fillHandbook(v, h) })
	}
	var manifest []File
	if want == nil {
		page("handbooks/index.html", "list", func(v *View) {
			v.Title = s.Theme.T("home.handbooks")
			v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
			v.List = sv.Handbooks
		})
		s.taxonomies(page)
		s.quizPages(page)
		s.printPages(page, func(f File) { manifest = append(manifest, f) })
		page("search.html", "search", func(v *View) { v.Title = s.Theme.T("search.title") })
		page("404.html", "404", func(v *View) {
			v.Title = s.Theme.T("notfound.title")
			if r := s.notFoundRoot(); r != "" {
				v.Root = r
			}
		})
	} else {
		// Print sets show their sheets' text: an incremental build draws
		// those of the changed sheets.
		s.printSets(page, s.changedSets)
	}
	s.rendered = len(jobs)
	if !extras {
		return s.runJobs(ctx, jobs, sink)
	}
	// The search index is the longest job, and it writes many files: its
	// job goes first, so that the pages render beside the index rather
	// than the cores waiting on it at the end. Its files are then written
	// by whichever workers are free: the first job and one more per core
	// after the last page take them from the list (see writeIndex), so
	// that the writing does not trail on one core after the pages. The
	// sitemap, static files and manifest follow the first job: the sitemap
	// of a large site takes a while, and left to the end it would run on
	// one core while the other waits. Attachments, read from the source as
	// they are copied, come last.
	var (
		indexOnce sync.Once
		indexed   searchIndex
		indexMu   sync.Mutex
		lo, hi    int // the files not yet taken: indexed.files[lo:hi]
	)
	// The first job takes files from the front, the others from the back:
	// two cores creating files in one folder wait on each other.
	writeIndex := func(fromBack bool) (File, error) {
		indexOnce.Do(func() {
			<-searched.done
			indexed = searched.index
			if indexed.err == nil {
				if s.opt.cache != nil { // a Session's: its later builds rewrite only the files that change
					s.indexSums = sums(indexed.files)
				}
				hi = len(indexed.files)
			}
		})
		if indexed.err != nil {
			return File{}, indexed.err
		}
		for {
			indexMu.Lock()
			if lo >= hi {
				indexMu.Unlock()
				return File{}, nil
			}
			i := lo
			if fromBack {
				hi--
				i = hi
			} else {
				lo++
			}
			indexMu.Unlock()
			if err := sink(indexed.files[i]); err != nil {
				return File{}, err
			}
		}
	}
	extra := []func() (File, error){func() (File, error) { return writeIndex(false) }}
	extra = append(extra, func() (File, error) { return File{Path: "sitemap.xml", Data: s.sitemap(urls)}, nil })
	for _, f := range st.files {
		extra = append(extra, func() (File, error) { return f, nil })
	}
	for _, f := range manifest {
		extra = append(extra, func() (File, error) { return f, nil })
	}
	jobs = append(extra, jobs...)
	for _, f := range s.assetFiles() {
		jobs = append(jobs, func() (File, error) { return f, nil })
	}
	for range runtime.GOMAXPROCS(0) - 1 {
		jobs = append(jobs, func() (File, error) { return writeIndex(true) })
	}
	return s.runJobs(ctx, jobs, sink)
}

// Pages are drawn into buffers reused from page to page. Render hands a
// sink a copy of each page at its size; a build, whose sink writes the
// bytes and keeps nothing (renderOut), is lent the buffer itself, which
// returns to the pool once the file is written.
var pageBufs = sync.Pool{New: func() any { return new(htmlw) }}

func putPageBuf(w *htmlw) {
	if w.Cap() <= 1<<20 { // a rare huge page's buffer is not kept
		w.Reset()
		pageBufs.Put(w)
	}
}

// pageFile is the file at url of the page drawn in w, which it takes: lent
// to the sink if lend is set, else copied out.
func pageFile(url string, w *htmlw, lend bool) File {
	if lend {
		return File{Path: url, Data: w.Bytes(), done: func() { putPageBuf(w) }}
	}
	data := bytes.Clone(w.Bytes())
	putPageBuf(w)
	return File{Path: url, Data: data}
}

// renderOut is Render for a sink that keeps nothing of a File after it
// returns: it is handed the pages' buffers, not copies.
func (s *Site) renderOut(ctx context.Context, sink func(File) error) error {
	return s.render(ctx, nil, true, true, sink)
}

// runJobs runs the jobs on all cores and hands each file to sink. A job
// that hands its own files to sink (the search index's) returns a File
// without a Path.
func (s *Site) runJobs(ctx context.Context, jobs []func() (File, error), sink func(File) error) error {
	return parallel(ctx, len(jobs), func(i int) error {
		f, err := jobs[i]()
		if err != nil || f.Path == "" { // a job that handed its files to sink itself
			return err
		}
		if f.done != nil {
			defer f.done()
		}
		if f.From != nil {
			if f.Data, err = f.From(); err != nil {
				return diag.New("", 0, diag.T("reading %s: %v", f.Path, err), err)
			}
		}
		if s.opt.Progress != nil && i%1000 == 999 {
			s.opt.Progress("rendering", i+1, len(jobs))
		}
		return sink(f)
	})
}

// parallel runs f(0) … f(n-1) on all cores and returns the first error.
func parallel(ctx context.Context, n int, f func(i int) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := firstErr != nil
				mu.Unlock()
				if stop || i >= n || ctx.Err() != nil {
					return
				}
				if err := f(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// mustFields is fieldsHTML for fill functions, which cannot fail: an error
// is kept and reported by the job.
func (s *Site) mustFields(p *model.Page) string {
	h, err := s.fieldsHTML(p)
	if err != nil {
		s.fieldsMu.Lock()
		if s.fieldsErr == nil {
			s.fieldsErr = err
		}
		s.fieldsMu.Unlock()
	}
	return h
}

// fieldsHTML draws a page's front-matter sections once; the page, the role
// handbooks and print sets all place the same fragment.
func (s *Site) fieldsHTML(p *model.Page) (string, error) {
	s.fieldsMu.Lock()
	h, ok := s.fields[p]
	s.fieldsMu.Unlock()
	if ok {
		return h, nil
	}
	fv := FieldsView{FM: &p.FM, Level: 2}
	if s.goFields {
		h = s.renderFieldsHTML(fv)
	} else {
		b, err := s.Theme.Partial("partials/fields.html", fv)
		if err != nil {
			return "", diag.New("", 0, diag.T("rendering the fields of %s: %v", p.File, err), err)
		}
		h = string(b)
	}
	s.fieldsMu.Lock()
	s.fields[p] = h
	s.fieldsMu.Unlock()
	return h, nil
}

var demote = strings.NewReplacer("<h2", "<h3", "</h2>", "</h3>", "<h3", "<h4", "</h3>", "</h4>",
	"<h4", "<h5", "</h4>", "</h5>", "<h5", "<h6", "</h5>", "</h6>")

// prefixIDs puts prefix before every id="…" and href="#…" in html, so that
// several pages' fragments can share one document.
func prefixIDs(html, prefix string) string {
	var b strings.Builder
	b.Grow(len(html) + len(html)/50)
	for {
		i := strings.Index(html, ` id="`)
		j := strings.Index(html, ` href="#`)
		k, n := i, len(` id="`)
		if k < 0 || (j >= 0 && j < k) {
			k, n = j, len(` href="#`)
		}
		if k < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:k+n])
		b.WriteString(prefix)
		html = html[k+n:]
	}
}

func (s *Site) fillPage(v *View, p *model.Page) {
	v.Page, v.Title, v.Description = p, p.FM.Title, p.FM.Summary
	if p.FM.Kind == model.KindChecklist {
		v.QR, v.OnlineURL = s.qr(p)
	}
	v.Kind = s.kindLabel(p.FM.Kind)
	v.Body = template.HTML(markdown.Relocate(p.HTML, v.Root))
	v.Fields = template.HTML(s.mustFields(p))
	for _, sec := range p.Sections {
		if sec.ID != "" && sec.Heading == sec.ID && isFieldID(sec.ID) {
			v.TOC = append(v.TOC, model.Heading{Level: 2, ID: sec.ID, Text: s.Theme.T("field." + fieldKey(sec.ID))})
		}
	}
	for _, h := range p.Headings {
		if h.Level == 2 || h.Level == 3 {
			v.TOC = append(v.TOC, h)
		}
	}
	v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
	if sec := s.sectionNamed(p.Section); sec != nil {
		v.Crumbs = append(v.Crumbs, Link{Title: sec.Title(), URL: sec.URL()})
		if i := sec.position(p); i >= 0 {
			if i > 0 {
				l := s.link(sec.Pages[i-1])
				v.Prev = &l
			}
			if i+1 < len(sec.Pages) {
				l := s.link(sec.Pages[i+1])
				v.Next = &l
			}
		}
	}
	for _, b := range s.backlinks[p.Path] {
		v.Backlinks = append(v.Backlinks, s.link(b))
	}
	for _, r := range p.FM.Roles {
		v.Roles = append(v.Roles, Link{Title: r, URL: s.RoleHandbookURL(r)})
	}
	if p.FM.Kind == model.KindRole {
		v.Roles = append(v.Roles, Link{Title: s.Theme.T("handbook.open"), URL: s.RoleHandbookURL(p.FM.Title)})
	}
	for _, t := range p.FM.Tags {
		v.Tags = append(v.Tags, Link{Title: t, URL: s.termURL("tags", t)})
	}
	if p.FM.Department != "" {
		v.Department = &Link{Title: p.FM.Department, URL: s.termURL("departments", p.FM.Department)}
	}
}

func isFieldID(id string) bool { return fieldKey(id) != "" }

func fieldKey(id string) string {
	for _, f := range model.FieldSections {
		if f.ID == id {
			return f.Key
		}
	}
	return ""
}

// maxEmbedded is the most pages a role handbook prints in full; a larger
// one lists its pages by kind, with their summaries, after the role page.
const maxEmbedded = 150

func (s *Site) fillHandbook(v *View, h *handbook) {
	v.Title = strings.ReplaceAll(s.Theme.T("handbook.title"), "{role}", h.Role.FM.Title)
	v.Description = h.Role.FM.Summary
	v.Page = h.Role
	v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}, {Title: s.Theme.T("home.handbooks"), URL: "handbooks/index.html"}}
	embed := h.Pages
	if len(embed) > maxEmbedded {
		embed = embed[:1]
		var g *Group
		for _, p := range h.Pages[1:] {
			label := s.kindLabel(p.FM.Kind)
			if g == nil || g.Title != label {
				v.Groups = append(v.Groups, Group{ID: "kind-" + string(p.FM.Kind), Title: label})
				g = &v.Groups[len(v.Groups)-1]
			}
			g.Links = append(g.Links, s.link(p))
		}
	}
	for i, p := range embed {
		prefix := fmt.Sprintf("p%d-", i+1)
		// IDs must stay unique in the combined page; headings go one level
		// down, under the entry's title.
		body := demote.Replace(prefixIDs(markdown.Relocate(p.HTML, v.Root), prefix))
		v.Entries = append(v.Entries, Entry{
			Page: p, Anchor: strings.TrimSuffix(prefix, "-"), Body: template.HTML(body),
			Fields: template.HTML(demote.Replace(prefixIDs(s.mustFields(p), prefix))), Kind: s.kindLabel(p.FM.Kind),
		})
	}
	if qs := s.quizLinks(h.Role.FM.Title); len(qs) > 0 {
		v.Groups = append(v.Groups, Group{ID: "quizzes", Title: s.Theme.T("handbook.quizzes"), Links: qs})
	}
}

// termURL returns the page of a taxonomy term (tags or departments).
func (s *Site) termURL(tax, term string) string { return s.terms[tax][term] }

// indexTerms gives every tag and department an ASCII file name: its
// pinyin, with a number added when two terms share one.
func (s *Site) indexTerms() {
	s.terms = map[string]map[string]string{}
	for _, tax := range []string{"tags", "departments"} {
		set := map[string]bool{}
		for _, p := range s.pages {
			if tax == "tags" {
				for _, t := range p.FM.Tags {
					set[t] = true
				}
			} else if p.FM.Department != "" {
				set[p.FM.Department] = true
			}
		}
		var terms []string
		for t := range set {
			terms = append(terms, t)
		}
		sort.Strings(terms)
		urls := map[string]string{}
		used := map[string]bool{}
		for _, t := range terms {
			slug := slugOf(tax, t)
			for i := 2; used[slug]; i++ {
				slug = fmt.Sprintf("%s-%d", slugOf(tax, t), i)
			}
			used[slug] = true
			urls[t] = tax + "/" + slug + ".html"
		}
		s.terms[tax] = urls
	}
}

// slugOf makes an ASCII file name for a taxonomy term: pinyin for Han.
func slugOf(kind, term string) string {
	var parts []string
	var ascii strings.Builder
	flush := func() {
		if ascii.Len() > 0 {
			parts = append(parts, ascii.String())
			ascii.Reset()
		}
	}
	args := pinyin.NewArgs()
	for _, r := range term {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			ascii.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			flush()
			if py := pinyin.LazyPinyin(string(r), args); len(py) > 0 {
				parts = append(parts, py[0])
			}
		default:
			flush()
		}
	}
	flush()
	out := strings.Join(parts, "-")
	if out == "" {
		out = kind
	}
	return out
}

func (s *Site) taxonomies(page func(url, layout string, fill func(v *View))) {
	for _, tax := range []struct {
		name, label string
		terms       func(p *model.Page) []string
	}{
		{"tags", "taxonomy.tags", func(p *model.Page) []string { return p.FM.Tags }},
		{"departments", "taxonomy.departments", func(p *model.Page) []string {
			if p.FM.Department == "" {
				return nil
			}
			return []string{p.FM.Department}
		}},
	} {
		tax := tax
		byTerm := map[string][]*model.Page{}
		for _, p := range s.pages {
			for _, t := range tax.terms(p) {
				byTerm[t] = append(byTerm[t], p)
			}
		}
		var terms []string
		for t := range byTerm {
			terms = append(terms, t)
		}
		sort.Strings(terms)
		var all []Link
		for _, t := range terms {
			t := t
			url := s.termURL(tax.name, t)
			all = append(all, Link{Title: t, URL: url, Count: len(byTerm[t])})
			pages := byTerm[t]
			model.SortPages(pages)
			page(url, "list", func(v *View) {
				v.Title = t
				v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}, {Title: s.Theme.T(tax.label), URL: tax.name + "/index.html"}}
				for _, p := range pages {
					v.List = append(v.List, s.link(p))
				}
			})
		}
		page(tax.name+"/index.html", "list", func(v *View) {
			v.Title = s.Theme.T(tax.label)
			v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
			v.List = all
		})
	}
}

// staticSet is the theme's static files, CSS and JavaScript minified,
// which keeps every page within its budget of 50 KB of both; and the query
// that each reference to one carries, ?v= and a hash of its bytes. A
// browser that kept an older copy, as an intranet server's default caching
// lets it for a while, then asks for the new one once the theme or the
// tool changed, rather than showing a page with the last version's styles
// or scripts.
type staticSet struct {
	files   []File
	version map[string]string // "static/style.css" → "?v=1a2b3c4d"
}

// statics returns the static files, made once for the theme: an
// incremental build takes its last build's.
func (s *Site) statics() (*staticSet, error) {
	if s.static != nil {
		return s.static, nil
	}
	names, err := s.Theme.StaticFiles()
	if err != nil {
		return nil, err
	}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	st := &staticSet{version: map[string]string{}}
	table := crc32.MakeTable(crc32.Castagnoli)
	for _, n := range names {
		b, err := fs.ReadFile(s.Theme.FS, "static/"+n)
		if err != nil {
			return nil, err
		}
		if mt := map[string]string{".css": "text/css", ".js": "text/javascript"}[path.Ext(n)]; mt != "" {
			if b, err = m.Bytes(mt, b); err != nil {
				return nil, diag.New("", 0, diag.T("themes: static/%s: %v", n, err), err)
			}
		}
		st.files = append(st.files, File{Path: "static/" + n, Data: b})
		st.version["static/"+n] = fmt.Sprintf("?v=%08x", crc32.Checksum(b, table))
	}
	s.static = st
	return st, nil
}

func (s *Site) assetFiles() []File {
	var out []File
	for _, a := range s.assets {
		a := a
		out = append(out, File{Path: a, From: func() ([]byte, error) {
			return fs.ReadFile(s.src, path.Join(s.Config.ContentDir, a))
		}})
	}
	return out
}

func (s *Site) sitemap(all []string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	var urls []string
	for _, u := range all {
		if u != "404.html" {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	updated := map[string]string{}
	for _, p := range s.pages {
		updated[p.URL] = p.FM.Updated.String()
	}
	for _, u := range urls {
		b.WriteString("  <url><loc>")
		template.HTMLEscape(&b, []byte(s.Config.BaseURL+u))
		b.WriteString("</loc>")
		if d := updated[u]; d != "" {
			b.WriteString("<lastmod>" + d + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
