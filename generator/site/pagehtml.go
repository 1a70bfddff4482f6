package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"

	"handbook/generator/config"
	"handbook/generator/diag"
	"handbook/generator/model"
	"handbook/generator/theme"
)

// The default theme's most used layouts (page, list, section and handbook
// in layouts/base.html, with partials/meta.html) and its fields and
// checklist partials, written out in Go. At 10,000 pages html/template
// spends most of a build's time on these, calling an escaper through
// reflection for every action; this writes the same bytes directly.
//
// The templates stay the source of truth: a site whose theme replaces any
// of these files is rendered by its templates, and tests render random
// views and whole sites both ways and require identical bytes. A change to
// one of these files must be made here too; those tests say where.

// goLayout is a layout drawn in Go: what it writes inside <main>, and in
// the head and scripts blocks of base.html if anything, and the theme files
// it stands in for.
type goLayout struct {
	main          func(s *Site, w *htmlw, v *View)
	files         []string
	head, scripts func(s *Site, w *htmlw, v *View)
}

var goLayouts = map[string]goLayout{
	"page":     {main: (*Site).writePage, files: []string{"layouts/base.html", "layouts/page.html", "layouts/partials/meta.html"}},
	"list":     {main: (*Site).writeList, files: []string{"layouts/base.html", "layouts/list.html"}},
	"section":  {main: (*Site).writeSection, files: []string{"layouts/base.html", "layouts/section.html"}},
	"handbook": {main: (*Site).writeHandbook, files: []string{"layouts/base.html", "layouts/handbook.html"}},
	"checklist": {main: (*Site).writeChecklist, head: (*Site).writeSheetHead, scripts: (*Site).writeSheetScript,
		files: []string{"layouts/base.html", "layouts/checklist.html", "layouts/" + checklistPartial}},
	"printset": {main: (*Site).writePrintSet, head: (*Site).writeSheetHead, scripts: (*Site).writeSheetScript,
		files: []string{"layouts/base.html", "layouts/printset.html", "layouts/" + checklistPartial}},
	"print": {main: (*Site).writePrintCentre, head: (*Site).writePrintCSS,
		files: []string{"layouts/base.html", "layouts/print.html"}},
}

// fieldsFiles is the theme file renderFieldsHTML stands in for.
var fieldsFiles = []string{"layouts/partials/fields.html"}

// loadTheme loads the site's theme and, where it uses the default's
// checklist partial, has the Go version stand in for it.
func loadTheme(srcFS fs.FS, cfg config.Config) (*theme.Theme, error) {
	th, err := theme.Load(srcFS, cfg.Theme, cfg.Language, nil)
	if err != nil {
		return nil, err
	}
	if th.Stock("layouts/" + checklistPartial) {
		if err := th.StandIn(checklistPartial, checklistBody(th.T)); err != nil {
			return nil, err
		}
	}
	return th, nil
}

// stockLayouts returns the layouts of goLayouts whose files are the
// default theme's.
func (s *Site) stockLayouts() map[string]bool {
	m := map[string]bool{}
	for name, l := range goLayouts {
		if s.Theme.Stock(l.files...) {
			m[name] = true
		}
	}
	// The sheets' script, written as the partial defines it.
	if m["checklist"] || m["printset"] {
		b, err := s.Theme.Partial(sheetScript, nil)
		if err != nil {
			delete(m, "checklist")
			delete(m, "printset")
		}
		s.sheetScript = string(b)
	}
	return m
}

// htmlw writes HTML with the escaping html/template applies in each
// context of the default theme.
type htmlw struct{ bytes.Buffer }

// raw writes trusted HTML.
func (w *htmlw) raw(s string) { w.WriteString(s) }

// text writes s as element text or as a quoted attribute value
// (html/template's htmlEscaper and attrEscaper agree for plain strings).
func (w *htmlw) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		e := textEscapes[s[i]]
		if e == 0 {
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(textReplacements[e])
		last = i + 1
	}
	w.WriteString(s[last:])
}

// textEscapes numbers the bytes text replaces, in textReplacements; the
// rest, Chinese text included, are 0 and written as they are. One load per
// byte tells them apart.
var textEscapes = [256]uint8{0: 1, '"': 2, '&': 3, '\'': 4, '+': 5, '<': 6, '>': 7}

var textReplacements = [...]string{1: "\uFFFD", 2: "&#34;", 3: "&amp;", 4: "&#39;", 5: "&#43;", 6: "&lt;", 7: "&gt;"}

// url writes s as a whole quoted href: a URL with a scheme other than
// http, https or mailto is refused, bytes outside RFC 3986 are
// percent-encoded (valid escapes kept), and the result is attribute
// escaped (the urlfilter, urlnormalizer and attrescaper pipeline).
func (w *htmlw) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	w.urlBytes(s, true)
}

// rel is url(v.Rel(u)) without joining the strings: a page's links are
// most of its URLs.
// asset writes v.Asset(u): the version query is hex digits.
func (w *htmlw) asset(v *View, u string) {
	w.rel(v, u)
	w.raw(v.Site.assets[u])
}

func (w *htmlw) rel(v *View, u string) {
	if v.Root == "" || strings.Trim(v.Root, "./") != "" { // a base URL: checked whole
		w.url(v.Root + u)
		return
	}
	// ../ repeated: url writes it as it is, and with it in front no
	// scheme can start the URL.
	w.WriteString(v.Root)
	w.urlBytes(u, true)
}

// fragment writes s after the # of a quoted href: everything but
// unreserved bytes is percent-encoded (urlescaper, then attrescaper, which
// then has nothing left to escape).
func (w *htmlw) fragment(s string) { w.urlBytes(s, false) }

func (w *htmlw) urlBytes(s string, norm bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case norm && c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			// Kept by the normaliser; & and + are then attribute escaped.
			switch c {
			case '&':
				w.WriteString(s[last:i])
				w.WriteString("&amp;")
				last = i + 1
			case '+':
				w.WriteString(s[last:i])
				w.WriteString("&#43;")
				last = i + 1
			}
			continue
		}
		w.WriteString(s[last:i])
		w.WriteByte('%')
		w.WriteByte("0123456789abcdef"[c>>4])
		w.WriteByte("0123456789abcdef"[c&15])
		last = i + 1
	}
	w.WriteString(s[last:])
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (w *htmlw) int(n int) { w.WriteString(strconv.Itoa(n)) }

// drawHTML draws layout, one of goLayouts, in layouts/base.html, into w.
func (s *Site) drawHTML(w *htmlw, layout string, v *View) {
	w.Grow(len(v.Body) + len(v.Fields) + len(v.Chrome.Header) + len(v.Chrome.Footer) + 2048)
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(v.Site.Lang)
	w.raw("\" data-root=\"")
	w.text(v.Root)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if v.Title != "" && v.Title != v.Site.Title {
		w.text(v.Title)
		w.raw(" · ")
	}
	w.text(v.Site.Title)
	w.raw("</title>\n")
	if v.Description != "" {
		w.raw("<meta name=\"description\" content=\"")
		w.text(v.Description)
		w.raw("\">")
	}
	w.raw("\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"stylesheet\" href=\"")
	w.asset(v, "static/style.css")
	w.raw("\">\n<link rel=\"stylesheet\" href=\"")
	w.asset(v, "static/search.css")
	w.raw("\">\n")
	l := goLayouts[layout]
	if l.head != nil {
		l.head(s, w, v)
	}
	w.raw("\n</head>\n<body class=\"layout-")
	w.text(v.Layout)
	w.raw("\">\n")
	w.raw(string(v.Chrome.Header))
	w.raw("\n")
	if len(v.Crumbs) > 0 {
		w.raw("<nav class=\"crumbs\" aria-label=\"breadcrumb\"><ol>")
		for _, c := range v.Crumbs {
			w.raw("<li><a href=\"")
			w.rel(v, c.URL)
			w.raw("\">")
			w.text(c.Title)
			w.raw("</a></li>")
		}
		w.raw("<li aria-current=\"page\">")
		w.text(v.Title)
		w.raw("</li></ol></nav>")
	}
	w.raw("\n<main id=\"main\" tabindex=\"-1\">\n")
	l.main(s, w, v)
	w.raw("\n</main>\n")
	w.raw(string(v.Chrome.Footer))
	w.raw("\n")
	if l.scripts != nil {
		l.scripts(s, w, v)
	}
	w.raw("\n")
	if v.Site.Dev {
		w.raw("<script src=\"/__handbook/live.js\" defer></script>")
	}
	w.raw("\n</body>\n</html>\n")
}

// writePage is layouts/page.html.
func (s *Site) writePage(w *htmlw, v *View) {
	T := s.Theme.T
	p := v.Page
	w.raw("\n<article class=\"page kind-")
	w.text(string(p.FM.Kind))
	w.raw("\">\n<header>\n<h1>")
	w.text(v.Title)
	w.raw("</h1>\n")
	if p.FM.Summary != "" {
		w.raw("<p class=\"summary\">")
		w.text(p.FM.Summary)
		w.raw("</p>")
	}
	w.raw("\n")
	s.writeMeta(w, v)
	w.raw("\n</header>\n")
	if len(v.TOC) > 2 {
		w.raw("<nav class=\"toc\" aria-label=\"")
		w.text(T("page.toc"))
		w.raw("\"><h2 class=\"toc-title\">")
		w.text(T("page.toc"))
		w.raw("</h2><ol>")
		for _, h := range v.TOC {
			w.raw("<li class=\"toc-")
			w.int(h.Level)
			w.raw("\"><a href=\"#")
			w.fragment(h.ID)
			w.raw("\">")
			w.text(h.Text)
			w.raw("</a></li>")
		}
		w.raw("</ol></nav>")
	}
	w.raw("\n")
	w.raw(string(v.Fields))
	w.raw("\n<div class=\"body\">")
	w.raw(string(v.Body))
	w.raw("</div>\n<footer class=\"page-footer\">\n")
	if p.FM.Source != "" {
		w.raw("<p class=\"source\">")
		w.text(T("page.source"))
		w.raw(labelColon(v.Site.Lang))
		w.text(p.FM.Source)
		w.raw("</p>")
	}
	w.raw("\n")
	if len(v.Tags) > 0 {
		w.raw("<p class=\"tags\">")
		w.text(T("page.tags"))
		w.raw(labelColon(v.Site.Lang))
		for _, t := range v.Tags {
			w.raw("<a class=\"tag\" href=\"")
			w.rel(v, t.URL)
			w.raw("\">")
			w.text(t.Title)
			w.raw("</a> ")
		}
		w.raw("</p>")
	}
	w.raw("\n")
	if len(v.Backlinks) > 0 {
		w.raw("<section class=\"backlinks\"><h2>")
		w.text(T("page.backlinks"))
		w.raw("</h2><ul>")
		for _, b := range v.Backlinks {
			w.raw("<li><a href=\"")
			w.rel(v, b.URL)
			w.raw("\">")
			w.text(b.Title)
			w.raw("</a> <span class=\"kind\">")
			w.text(b.Kind)
			w.raw("</span></li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n")
	if v.Prev != nil || v.Next != nil {
		w.raw("<nav class=\"prev-next\" aria-label=\"")
		w.text(T("page.prev"))
		w.raw(" / ")
		w.text(T("page.next"))
		w.raw("\">")
		for _, n := range []struct {
			rel string
			l   *Link
		}{{"prev", v.Prev}, {"next", v.Next}} {
			if n.l != nil {
				w.raw("<a class=\"" + n.rel + "\" rel=\"" + n.rel + "\" href=\"")
				w.rel(v, n.l.URL)
				w.raw("\"><span>")
				w.text(T("page." + n.rel))
				w.raw("</span>")
				w.text(n.l.Title)
				w.raw("</a>")
			}
		}
		w.raw("</nav>")
	}
	w.raw("\n</footer>\n</article>\n")
}

// writeList is layouts/list.html.
func (s *Site) writeList(w *htmlw, v *View) {
	w.listTop(v, "list-page")
	for _, l := range v.List {
		w.link(v, l)
		if l.Kind != "" {
			w.raw(" <span class=\"kind\">")
			w.text(l.Kind)
			w.raw("</span>")
		}
		if l.Count != 0 {
			w.raw(" <small>")
			w.int(l.Count)
			w.raw(" ")
			w.text(s.Theme.T("taxonomy.pages"))
			w.raw("</small>")
		}
		w.summary(l.Summary)
		w.raw("</li>")
	}
	w.raw("</ul>\n")
	for _, g := range v.Groups {
		w.raw("<section><h2>")
		if g.URL != "" {
			w.raw("<a href=\"")
			w.rel(v, g.URL)
			w.raw("\">")
			w.text(g.Title)
			w.raw("</a>")
		} else {
			w.text(g.Title)
		}
		w.raw("</h2><ul class=\"list\">")
		for _, l := range g.Links {
			w.link(v, l)
			w.note(l.Note)
			w.summary(l.Summary)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n</article>\n")
}

// writeSection is layouts/section.html.
func (s *Site) writeSection(w *htmlw, v *View) {
	w.articleTop(v, "section-page")
	if len(v.List) == 0 {
		w.raw("\n\n</article>\n")
		return
	}
	w.raw("\n<ul class=\"list\">")
	for _, l := range v.List {
		w.link(v, l)
		w.raw(" <span class=\"kind\">")
		w.text(l.Kind)
		w.raw("</span>")
		w.summary(l.Summary)
		w.raw("</li>")
	}
	w.raw("</ul>\n</article>\n")
}

// writeArticleHead opens the article of a generated page, a role handbook
// or the print centre: its class, then a header with the title and the
// theme's introduction.
func writeArticleHead(w *htmlw, class, title, intro string) {
	w.raw("\n<article class=\"")
	w.raw(class)
	w.raw("\">\n<header>\n<h1>")
	w.text(title)
	w.raw("</h1>\n<p class=\"summary\">")
	w.text(intro)
	w.raw("</p>\n</header>\n")
}

// writeHandbook is layouts/handbook.html.
func (s *Site) writeHandbook(w *htmlw, v *View) {
	T := s.Theme.T
	writeArticleHead(w, "handbook", v.Title, T("handbook.intro"))
	w.raw("<nav class=\"toc handbook-toc\" id=\"toc\" aria-label=\"")
	w.text(T("handbook.contents"))
	w.raw("\"><h2 class=\"toc-title\">")
	w.text(T("handbook.contents"))
	w.raw("</h2>\n<ol>")
	for _, e := range v.Entries {
		w.raw("<li><a href=\"#")
		w.fragment(e.Anchor)
		w.raw("\">")
		w.text(e.Page.FM.Title)
		w.raw("</a> <span class=\"kind\">")
		w.text(e.Kind)
		w.raw("</span></li>")
	}
	w.raw("\n")
	for _, g := range v.Groups {
		w.raw("<li><a href=\"#")
		w.fragment(g.ID)
		w.raw("\">")
		w.text(g.Title)
		w.raw("</a> <small>")
		w.text(fmt.Sprintf(T("handbook.count"), len(g.Links)))
		w.raw("</small></li>")
	}
	w.raw("</ol></nav>\n")
	for _, e := range v.Entries {
		w.raw("\n<section class=\"handbook-entry kind-")
		w.text(string(e.Page.FM.Kind))
		w.raw("\" id=\"")
		w.text(e.Anchor)
		w.raw("\" aria-labelledby=\"")
		w.text(e.Anchor)
		w.raw("-title\">\n<h2 id=\"")
		w.text(e.Anchor)
		w.raw("-title\"><a href=\"")
		w.rel(v, e.Page.URL)
		w.raw("\">")
		w.text(e.Page.FM.Title)
		w.raw("</a> <span class=\"kind\">")
		w.text(e.Kind)
		w.raw("</span></h2>\n")
		if e.Page.FM.Summary != "" {
			w.raw("<p class=\"summary\">")
			w.text(e.Page.FM.Summary)
			w.raw("</p>")
		}
		w.raw("\n")
		w.raw(string(e.Fields))
		w.raw("\n<div class=\"body\">")
		w.raw(string(e.Body))
		w.raw("</div>\n<p class=\"to-toc\"><a href=\"#toc\">")
		w.text(T("handbook.to_contents"))
		w.raw("</a></p>\n</section>\n")
	}
	w.raw("\n")
	for _, g := range v.Groups {
		w.raw("<section class=\"handbook-group\" id=\"")
		w.text(g.ID)
		w.raw("\"><h2>")
		w.text(g.Title)
		w.raw("</h2><ul class=\"list\">")
		for _, l := range g.Links {
			w.link(v, l)
			w.note(l.Note)
			w.summary(l.Summary)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n</article>\n")
}

// listTop opens the article of a list page, up to its list.
func (w *htmlw) listTop(v *View, class string) {
	w.articleTop(v, class)
	w.raw("\n<ul class=\"list\">")
}

// articleTop opens the article of a list or section page: its title and
// its index page's text.
func (w *htmlw) articleTop(v *View, class string) {
	w.raw("\n<article class=\"" + class + "\">\n<h1>")
	w.text(v.Title)
	w.raw("</h1>\n")
	w.body(v.Body)
}

// body writes <div class="body">BODY</div> when there is a body.
func (w *htmlw) body(b template.HTML) {
	if b != "" {
		w.raw("<div class=\"body\">")
		w.raw(string(b))
		w.raw("</div>")
	}
}

// link opens a list item with the link to l.
func (w *htmlw) link(v *View, l Link) {
	w.raw("<li><a href=\"")
	w.rel(v, l.URL)
	w.raw("\">")
	w.text(l.Title)
	w.raw("</a>")
}

// note writes " <small>NOTE</small>" when there is one.
func (w *htmlw) note(s string) {
	if s != "" {
		w.raw(" <small>")
		w.text(s)
		w.raw("</small>")
	}
}

// summary writes <p>SUMMARY</p> when there is one.
func (w *htmlw) summary(s string) {
	if s != "" {
		w.raw("<p>")
		w.text(s)
		w.raw("</p>")
	}
}

// writeMeta is partials/meta.html.
func (s *Site) writeMeta(w *htmlw, v *View) {
	T := s.Theme.T
	w.raw("<dl class=\"page-meta\">\n")
	if v.Kind != "" {
		w.raw("<div><dt class=\"visually-hidden\">")
		w.text(T("page.in_section"))
		w.raw("</dt><dd class=\"kind\">")
		w.text(v.Kind)
		w.raw("</dd></div>")
	}
	w.raw("\n")
	if len(v.Roles) > 0 {
		w.raw("<div><dt>")
		w.text(T("page.roles"))
		w.raw("</dt><dd>")
		for i, r := range v.Roles {
			if i > 0 {
				w.raw("、")
			}
			if r.URL != "" {
				w.raw("<a href=\"")
				w.rel(v, r.URL)
				w.raw("\">")
				w.text(r.Title)
				w.raw("</a>")
			} else {
				w.text(r.Title)
			}
		}
		w.raw("</dd></div>")
	}
	w.raw("\n")
	if d := v.Department; d != nil {
		w.raw("<div><dt>")
		w.text(T("page.department"))
		w.raw("</dt><dd><a href=\"")
		w.rel(v, d.URL)
		w.raw("\">")
		w.text(d.Title)
		w.raw("</a></dd></div>")
	}
	w.raw("\n")
	if v.Page != nil {
		if u := v.Page.FM.Updated.String(); u != "" {
			w.raw("<div><dt>")
			w.text(T("page.updated"))
			w.raw("</dt><dd><time datetime=\"")
			w.text(u)
			w.raw("\">")
			w.text(u)
			w.raw("</time></dd></div>")
		}
	}
	w.raw("\n</dl>\n")
}

// renderFieldsHTML is partials/fields.html.
func (s *Site) renderFieldsHTML(fv FieldsView) string {
	T := s.Theme.T
	fm := fv.FM
	if fm == nil {
		return "\n"
	}
	w := &htmlw{}
	h := strconv.Itoa(fv.Level)
	// open writes <section class="field CLASS"><hN id="PREFIXID">TITLE</hN>.
	open := func(class, id, key string) {
		w.raw("<section class=\"field ")
		w.raw(class)
		w.raw("\"><h")
		w.raw(h)
		w.raw(" id=\"")
		w.text(fv.Prefix)
		w.raw(id)
		w.raw("\">")
		w.text(T(key))
		w.raw("</h")
		w.raw(h)
		w.raw(">")
	}
	// list writes a section holding one element per item, each in
	// itemOpen … itemClose, inside listOpen … listClose.
	list := func(items []string, class, id, key, listOpen, itemOpen, itemClose, listClose string) {
		if len(items) > 0 {
			open(class, id, key)
			w.raw(listOpen)
			for _, it := range items {
				w.raw(itemOpen)
				w.text(it)
				w.raw(itemClose)
			}
			w.raw(listClose)
			w.raw("</section>")
		}
		w.raw("\n")
	}
	para := func(text, class, id, key, pOpen string) {
		if text != "" {
			open(class, id, key)
			w.raw(pOpen)
			w.text(text)
			w.raw("</p></section>")
		}
		w.raw("\n")
	}
	list(fm.Traits, "field-traits", "特点", "field.traits", "<ul>", "<li>", "</li>", "</ul>")
	para(fm.Strategy, "field-strategy", "应对策略", "field.strategy", "<p class=\"strategy\">")
	para(fm.ReportsTo, "field-reports", "汇报对象", "field.reports_to", "<p>")
	list(fm.Duties, "field-duties", "岗位职责", "field.duties", "<ol>", "<li>", "</li>", "</ol>")
	list(fm.Permissions, "field-permissions", "岗位权限", "field.permissions", "<ol>", "<li>", "</li>", "</ol>")
	if fm.Area != "" || fm.Scope != "" || fm.Frequency != "" || len(fm.Tools) > 0 {
		w.raw("<dl class=\"facts\">\n")
		fact := func(text, id, key string) {
			if text != "" {
				w.raw("<dt id=\"")
				w.text(fv.Prefix)
				w.raw(id)
				w.raw("\">")
				w.text(T(key))
				w.raw("</dt><dd>")
				w.text(text)
				w.raw("</dd>")
			}
			w.raw("\n")
		}
		fact(fm.Area, "区域", "field.area")
		fact(fm.Scope, "范围", "field.scope")
		fact(fm.Frequency, "频率", "field.frequency")
		if len(fm.Tools) > 0 {
			w.raw("<dt id=\"")
			w.text(fv.Prefix)
			w.raw("工具\">")
			w.text(T("field.tools"))
			w.raw("</dt><dd>")
			w.joined(fm.Tools)
			w.raw("</dd>")
		}
		w.raw("\n</dl>")
	}
	w.raw("\n")
	list(fm.Steps, "field-steps", "步骤", "field.steps", "<ol class=\"steps\">", "<li>", "</li>", "</ol>")
	list(fm.Phrases, "field-phrases", "标准用语", "field.phrases", "<ul class=\"phrases\">", "<li>", "</li>", "</ul>")
	para(fm.QualityStandard, "field-quality", "质量标准", "field.quality_standard", "<p>")
	list(fm.Tips, "field-tips", "提示", "field.tips", "<ul>", "<li>", "</li>", "</ul>")
	list(fm.Taboos, "field-taboos", "禁忌", "field.taboos", "<ul>", "<li>", "</li>", "</ul>")
	if len(fm.Lists) > 0 {
		open("field-lists", "标准", "field.lists")
		w.raw("<dl class=\"lists\">")
		for _, l := range fm.Lists {
			w.raw("<dt>")
			w.text(l.Name)
			if l.AppliesTo != "" {
				w.raw("<span class=\"applies\">(")
				w.text(l.AppliesTo)
				w.raw(")</span>")
			}
			w.raw("</dt><dd>")
			w.joined(l.Items)
			w.raw("</dd>")
		}
		w.raw("</dl></section>")
	}
	w.raw("\n")
	list(fm.Items, "field-items", "条目", "field.items", "<ol>", "<li>", "</li>", "</ol>")
	if len(fm.Inspections) > 0 {
		open("field-inspections", "检查制度", "field.inspections")
		w.raw("<table><thead><tr><th scope=\"col\"></th><th scope=\"col\">")
		w.text(T("field.who"))
		w.raw("</th><th scope=\"col\">")
		w.text(T("field.when"))
		w.raw("</th><th scope=\"col\">")
		w.text(T("field.form"))
		w.raw("</th></tr></thead><tbody>")
		for _, in := range fm.Inspections {
			w.raw("<tr><th scope=\"row\">")
			w.text(in.Name)
			w.raw("</th><td>")
			w.text(in.Who)
			w.raw("</td><td>")
			w.text(in.When)
			w.raw("</td><td>")
			w.text(in.Form)
			w.raw("</td></tr>")
			if in.Detail != "" {
				w.raw("<tr class=\"detail\"><td colspan=\"4\">")
				w.text(in.Detail)
				w.raw("</td></tr>")
			}
		}
		w.raw("</tbody></table></section>")
	}
	w.raw("\n")
	list(fm.Methods, "field-methods", "考评办法", "field.methods", "<ol>", "<li>", "</li>", "</ol>")
	if len(fm.Grades) > 0 {
		open("field-grades", "评比标准", "field.grades")
		w.raw("<dl class=\"grades\">")
		for _, g := range fm.Grades {
			w.raw("<dt>")
			w.text(g.Grade)
			w.raw("</dt><dd>")
			w.text(g.Criteria)
			w.raw("</dd>")
		}
		w.raw("</dl></section>")
	}
	w.raw("\n")
	list(fm.RatingRules, "field-rating", "月综合考评", "field.rating_rules", "<ol>", "<li>", "</li>", "</ol>")
	list(fm.Points, "field-points", "要点", "field.points", "<ul>", "<li>", "</li>", "</ul>")
	if len(fm.Terms) > 0 {
		open("field-terms", "术语", "field.terms")
		w.raw("<dl class=\"terms\">")
		for _, t := range fm.Terms {
			w.raw("<dt id=\"")
			w.text(fv.Prefix)
			w.text(t.Term)
			w.raw("\">")
			w.text(t.Term)
			w.raw("</dt><dd>")
			w.text(t.Definition)
			w.raw("</dd>")
		}
		w.raw("</dl></section>")
	}
	w.raw("\n")
	return w.String()
}

// joined writes items separated by 、.
func (w *htmlw) joined(items []string) {
	for i, t := range items {
		if i > 0 {
			w.raw("、")
		}
		w.text(t)
	}
}

// writePrintCSS is the head block of layouts/print.html.
func (s *Site) writePrintCSS(w *htmlw, v *View) {
	w.raw("<link rel=\"stylesheet\" href=\"")
	w.asset(v, "static/print.css")
	w.raw("\">")
}

// writePrintCentre is layouts/print.html: the print centre, which lists
// every sheet by area and by role, thousands of links on a large site.
func (s *Site) writePrintCentre(w *htmlw, v *View) {
	T := s.Theme.T
	writeArticleHead(w, "print-centre", v.Title, T("print.intro"))
	w.raw("<aside class=\"print-tips\" aria-labelledby=\"print-tips\">\n<h2 id=\"print-tips\">")
	w.text(T("print.tips_title"))
	w.raw("</h2>\n<ul>\n<li>")
	w.text(fmt.Sprintf(T("print.tip_paper"), v.Site.Paper))
	w.raw("</li>\n<li>")
	w.text(T("print.tip_headers"))
	w.raw("</li>\n<li>")
	w.text(T("print.tip_laminate"))
	w.raw("</li>\n<li>")
	w.text(T("print.tip_pdf"))
	w.raw("<code>handbook pdf --out pdf</code>")
	w.text(T("print.tip_pdf_after"))
	w.raw("</li>\n</ul>\n</aside>\n")
	extra, _ := v.Extra.([]Group)
	s.writePrintGroups(w, v, v.Groups, "print-by-area", T("print.by_area"))
	w.raw("\n")
	s.writePrintGroups(w, v, extra, "print-by-role", T("print.by_role"))
	w.raw("\n")
	if len(v.Groups) == 0 && len(extra) == 0 {
		w.raw("<p>")
		w.text(T("print.none"))
		w.raw("</p>")
	}
	w.raw("\n</article>\n")
}

// writePrintGroups is one list of groups of the print centre, if any.
func (s *Site) writePrintGroups(w *htmlw, v *View, gs []Group, id, title string) {
	if len(gs) == 0 {
		return
	}
	T := s.Theme.T
	w.raw("<section class=\"print-groups\" aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">")
	w.text(title)
	w.raw("</h2>\n")
	for _, g := range gs {
		w.raw("<section class=\"print-group\">\n<header><h3>")
		w.text(g.Title)
		w.raw("</h3>")
		if g.URL != "" {
			w.raw("<p class=\"group-actions\"><a class=\"button\" href=\"")
			w.rel(v, g.URL)
			w.raw("?print=1\" target=\"_blank\" rel=\"noopener\">")
			w.text(fmt.Sprintf(T("print.all_in_group"), len(g.Links)))
			w.raw("</a> <a href=\"")
			w.rel(v, g.URL)
			w.raw("\">")
			w.text(T("print.preview"))
			w.raw("</a></p>")
		}
		w.raw("</header>\n<ul class=\"print-list\">")
		for _, l := range g.Links {
			w.raw("<li><div><a class=\"title\" href=\"")
			w.rel(v, l.URL)
			w.raw("\">")
			w.text(l.Title)
			w.raw("</a>")
			if l.Kind != "" {
				w.raw(" <span class=\"kind\">")
				w.text(l.Kind)
				w.raw("</span>")
			}
			w.summary(l.Summary)
			w.raw("</div><a class=\"button\" href=\"")
			w.rel(v, l.URL)
			w.raw("?print=1\" target=\"_blank\" rel=\"noopener\" aria-label=\"")
			w.text(fmt.Sprintf(T("print.print_item"), l.Title))
			w.raw("\">")
			w.text(T("print.print"))
			w.raw("</a></li>")
		}
		w.raw("</ul>\n</section>")
	}
	w.raw("\n</section>")
}

// writeSheetHead is the head block of layouts/checklist.html and
// layouts/printset.html. The paper is A4 or Letter, which the CSS escaper
// leaves as it is.
func (s *Site) writeSheetHead(w *htmlw, v *View) {
	s.writePrintCSS(w, v)
	w.raw("\n<style>@page { size: ")
	w.raw(cssWord(v.Site.Paper))
	w.raw("; }</style>")
}

// cssWord returns s if it is letters and digits only, as the paper is,
// and what html/template writes for other text in CSS otherwise.
func cssWord(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "ZgotmplZ"
		}
	}
	return s
}

// sheetScript is the template the sheets' scripts block calls.
const sheetScript = "checklist-print-script"

// writeSheetScript is the scripts block of the sheet layouts: the script of
// partials/checklist-body.html, as executed when the layouts were chosen.
func (s *Site) writeSheetScript(w *htmlw, v *View) { w.raw(s.sheetScript) }

// sheetBar writes the bar above the sheets, up to its hint's text.
func (w *htmlw) sheetBar(v *View, button string) {
	w.raw("\n<div class=\"sheet-bar no-print\">\n<button type=\"button\" class=\"print-button\" data-print>")
	w.text(button)
	w.raw("</button>\n<p>")
}

// sheetBarEnd ends the bar above the sheets.
func (s *Site) sheetBarEnd(w *htmlw, v *View) {
	w.raw("</p>\n<a href=\"")
	w.rel(v, "print/index.html")
	w.raw("\">")
	w.text(s.Theme.T("home.print_centre"))
	w.raw("</a>\n</div>\n")
}

// sheetTop opens the article of one sheet, up to its checklist.
func (s *Site) sheetTop(w *htmlw, v *View, fm *model.FrontMatter, anchor *string, qr template.HTML) {
	w.raw("<article class=\"sheet ")
	if fm.Form != "" {
		w.raw("form form-")
		w.text(fm.Form)
	} else {
		w.raw("poster")
	}
	if v.Site.Paper == "Letter" {
		w.raw(" paper-letter")
	}
	if anchor != nil {
		w.raw("\" id=\"")
		w.text(*anchor)
	}
	w.raw("\">\n")
	if qr != "" {
		w.raw("<figure class=\"qr\">")
		w.raw(string(qr))
		w.raw("<figcaption>")
		w.text(s.Theme.T("print.qr_caption"))
		w.raw("</figcaption></figure>")
	}
	w.raw("\n")
}

// sheetFoot writes the revision date of a sheet and opens its URL's span,
// if it has a URL.
func (s *Site) sheetFoot(w *htmlw, fm *model.FrontMatter) {
	w.raw("\n<footer class=\"sheet-foot\">\n")
	if d := fm.Updated.String(); d != "" {
		w.raw("<span>")
		w.text(s.Theme.T("print.revised"))
		w.raw(" <time datetime=\"")
		w.text(d)
		w.raw("\">")
		w.text(d)
		w.raw("</time></span>")
	}
	w.raw("\n")
}

// writeChecklist is layouts/checklist.html.
func (s *Site) writeChecklist(w *htmlw, v *View) {
	T := s.Theme.T
	w.sheetBar(v, T("print.print_button"))
	w.text(fmt.Sprintf(T("print.sheet_hint"), v.Site.Paper))
	s.sheetBarEnd(w, v)
	fm := &v.Page.FM
	s.sheetTop(w, v, fm, nil, v.QR)
	writeChecklistBody(w, T, fm, v.Body)
	s.sheetFoot(w, fm)
	if v.OnlineURL != "" {
		w.raw("<span class=\"url\">")
		w.text(v.OnlineURL)
		w.raw("</span>")
	}
	w.raw("\n</footer>\n</article>\n")
}

// writePrintSet is layouts/printset.html.
func (s *Site) writePrintSet(w *htmlw, v *View) {
	T := s.Theme.T
	w.sheetBar(v, T("print.print_all_button"))
	w.raw("<b>")
	w.text(v.Title)
	w.raw("</b>")
	w.text(fmt.Sprintf(T("print.set_hint"), len(v.Entries), v.Site.Paper))
	s.sheetBarEnd(w, v)
	for i := range v.Entries {
		e := &v.Entries[i]
		fm := &e.Page.FM
		w.raw("\n")
		s.sheetTop(w, v, fm, &e.Anchor, e.QR)
		writeChecklistBody(w, T, fm, e.Body)
		s.sheetFoot(w, fm)
		if v.Site.BaseURL != "" {
			w.raw("<span class=\"url\">")
			w.text(v.Site.BaseURL)
			w.text(e.Page.URL)
			w.raw("</span>")
		}
		w.raw("\n</footer>\n</article>\n")
	}
	w.raw("\n")
}

// checklistPartial is the partial checklistBody stands in for, inside the
// checklist and print-set templates.
const checklistPartial = "partials/checklist-body.html"

// checklistBody returns partials/checklist-body.html in Go, for the data
// the checklist and print-set layouts give it (the View or an Entry), with
// the UI strings of T. It holds nothing of a build: the theme it is
// installed in outlives builds in the dev server.
func checklistBody(T func(string) string) func(data any) (template.HTML, error) {
	return func(data any) (template.HTML, error) {
		var p *model.Page
		var body template.HTML
		switch d := data.(type) {
		case *View:
			p, body = d.Page, d.Body
		case Entry:
			p, body = d.Page, d.Body
		case *Entry:
			p, body = d.Page, d.Body
		}
		if p == nil {
			return "", diag.New("", 0, diag.T("partials/checklist-body.html was given %T: it takes the page's view (.) or an entry of .Entries; to give it other data, copy it into the site's theme, where it is executed as a template", data), nil)
		}
		w := &htmlw{}
		writeChecklistBody(w, T, &p.FM, body)
		return template.HTML(w.String()), nil
	}
}

func writeChecklistBody(w *htmlw, T func(string) string, fm *model.FrontMatter, body template.HTML) {
	w.raw("<header class=\"sheet-head\">\n<p class=\"sheet-kicker\">")
	if fm.Department != "" {
		w.text(fm.Department)
		w.raw(" · ")
	}
	switch fm.Form {
	case "daily":
		w.text(T("print.form_daily"))
	case "weekly":
		w.text(T("print.form_weekly"))
	case "monthly":
		w.text(T("print.form_monthly"))
	default:
		w.text(T("kind.checklist"))
	}
	w.raw("</p>\n<h1 class=\"sheet-title\">")
	w.text(fm.Title)
	w.raw("</h1>\n")
	if fm.Area != "" || len(fm.Roles) > 0 || fm.Frequency != "" {
		w.raw("<dl class=\"sheet-facts\">\n")
		fact := func(key, text string) {
			if text != "" {
				w.raw("<div><dt>")
				w.text(T(key))
				w.raw("</dt><dd>")
				w.text(text)
				w.raw("</dd></div>")
			}
			w.raw("\n")
		}
		fact("field.area", fm.Area)
		fact("field.frequency", fm.Frequency)
		if len(fm.Roles) > 0 {
			w.raw("<div><dt>")
			w.text(T("page.roles"))
			w.raw("</dt><dd>")
			for i, r := range fm.Roles {
				if i > 0 {
					w.text(T("print.list_sep"))
				}
				w.text(r)
			}
			w.raw("</dd></div>")
		}
		w.raw("\n</dl>")
	}
	w.raw("\n</header>")
	quality := func() {
		if fm.QualityStandard != "" {
			w.raw("<section class=\"sheet-box sheet-quality\"><h2>")
			w.text(T("field.quality_standard"))
			w.raw("</h2><p>")
			w.text(fm.QualityStandard)
			w.raw("</p></section>")
		}
	}
	if fm.Form != "" {
		items := fm.Steps
		if len(items) > 0 {
			w.raw("<p class=\"form-note\"><b>")
			w.text(T("print.instructions"))
			w.raw("</b>")
			w.text(fm.Steps[0])
			w.raw("</p>")
			items = fm.Steps[1:]
		}
		blank := func(keys ...string) {
			for _, k := range keys {
				w.raw("<div><dt>")
				w.text(T(k))
				w.raw("</dt><dd></dd></div>")
			}
		}
		if fm.Form == "monthly" {
			w.raw("\n<dl class=\"form-fields cols-3\">")
			blank("print.month", "print.assessor", "print.zone")
			w.raw("</dl>\n")
			if len(items) > 0 {
				w.raw("<section class=\"form-rules\"><h2>")
				w.text(T("print.rules"))
				w.raw("</h2><ol>")
				for _, it := range items {
					w.raw("<li>")
					w.text(it)
					w.raw("</li>")
				}
				w.raw("</ol></section>")
			}
		} else {
			weekly := fm.Form == "weekly"
			w.raw("\n<dl class=\"form-fields\">")
			blank("print.date", "print.inspector", "print.zone", "print.inspectee")
			w.raw("</dl>\n")
			if len(items) > 0 {
				w.raw("<section class=\"form-items\"><h2>")
				w.text(T("print.items"))
				w.raw("</h2>\n<table class=\"items\"><thead><tr><th scope=\"col\" class=\"n\">")
				w.text(T("print.no"))
				w.raw("</th><th scope=\"col\">")
				w.text(T("print.item_method"))
				w.raw("</th>")
				if weekly {
					w.raw("<th scope=\"col\" class=\"count\">")
					w.text(T("print.issues_found"))
					w.raw("<br>")
					w.text(T("print.issues_count"))
					w.raw("</th>")
				} else {
					w.raw("<th scope=\"col\" class=\"tick\">")
					w.text(T("print.pass"))
					w.raw("</th><th scope=\"col\" class=\"tick\">")
					w.text(T("print.fail"))
					w.raw("</th>")
				}
				w.raw("<th scope=\"col\" class=\"remark\">")
				w.text(T("print.remarks"))
				w.raw("</th></tr></thead>\n<tbody>")
				for _, it := range items {
					w.raw("<tr><td class=\"n\"></td><td>")
					w.text(it)
					w.raw("</td>")
					if weekly {
						w.raw("<td></td>")
					} else {
						w.raw("<td class=\"tick\"><span class=\"check\" role=\"img\" aria-label=\"")
						w.text(T("print.pass"))
						w.raw("\"></span></td><td class=\"tick\"><span class=\"check\" role=\"img\" aria-label=\"")
						w.text(T("print.fail"))
						w.raw("\"></span></td>")
					}
					w.raw("<td></td></tr>")
				}
				w.raw("</tbody>\n</table></section>")
			}
			if weekly {
				w.raw("\n<section class=\"form-grade\"><h2>")
				w.text(T("print.grade"))
				w.raw("</h2>\n<p class=\"grades\">")
				grade := func(g string) {
					w.raw("<span><span class=\"check\"></span>")
					w.text(g)
					w.raw("</span>")
				}
				if len(fm.Grades) > 0 {
					for _, g := range fm.Grades {
						grade(g.Grade)
					}
				} else {
					for _, k := range []string{"print.grade_excellent", "print.grade_good", "print.grade_fair", "print.grade_poor"} {
						grade(T(k))
					}
				}
				w.raw("<span class=\"total\">")
				w.text(T("print.total_issues"))
				w.raw("<i></i>")
				w.text(T("print.issues_unit"))
				w.raw("</span></p>\n")
				if fm.QualityStandard != "" {
					w.raw("<p class=\"criteria\">")
					w.text(fm.QualityStandard)
					w.raw("</p>")
				}
				w.raw("\n</section>")
			} else {
				quality()
			}
		}
	} else {
		w.raw("\n")
		if len(fm.Tools) > 0 {
			w.raw("<p class=\"sheet-tools\"><b>")
			w.text(T("field.tools"))
			w.raw("</b>")
			for i, t := range fm.Tools {
				if i > 0 {
					w.raw("<span class=\"sep\" aria-hidden=\"true\"> · </span>")
				}
				w.raw("<span>")
				w.text(t)
				w.raw("</span>")
			}
			w.raw("</p>")
		}
		w.raw("\n")
		if len(fm.Steps) > 0 {
			w.raw("<section class=\"sheet-steps\"><h2>")
			w.text(T("field.steps"))
			w.raw("</h2>\n<ol class=\"checks\">")
			for _, st := range fm.Steps {
				w.raw("<li><span class=\"check\" aria-hidden=\"true\"></span><span class=\"t\">")
				w.text(st)
				w.raw("</span></li>")
			}
			w.raw("</ol></section>")
		}
		w.raw("\n")
		if len(fm.Phrases) > 0 {
			w.raw("<section class=\"sheet-phrases\"><h2>")
			w.text(T("field.phrases"))
			w.raw("</h2><ul>")
			for _, ph := range fm.Phrases {
				w.raw("<li>")
				w.text(ph)
				w.raw("</li>")
			}
			w.raw("</ul></section>")
		}
		w.raw("\n")
		quality()
	}
	w.raw("\n")
	if len(fm.Taboos) > 0 {
		w.raw("<section class=\"sheet-box sheet-taboos\"><h2>")
		w.text(T("field.taboos"))
		w.raw("</h2><ul>")
		for _, t := range fm.Taboos {
			w.raw("<li>")
			w.text(t)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	if so := fm.Signoff; so != nil {
		if len(so.Columns) > 0 {
			w.raw("\n<section class=\"sheet-signoff\"><h2>")
			if fm.Form != "" {
				w.text(T("print.record"))
			} else {
				w.text(T("print.signoff"))
			}
			w.raw("</h2>\n<table class=\"grid\"><thead><tr>")
			if len(so.Rows) > 0 {
				if so.RowLabel != "" {
					w.raw("<th scope=\"col\">")
					w.text(so.RowLabel)
					w.raw("</th>")
				} else {
					w.raw("<td class=\"corner\"></td>")
				}
			}
			for _, c := range so.Columns {
				w.raw("<th scope=\"col\">")
				w.text(c)
				w.raw("</th>")
			}
			w.raw("</tr></thead>\n<tbody>")
			cells := strings.Repeat("<td></td>", len(so.Columns))
			if len(so.Rows) > 0 {
				for _, r := range so.Rows {
					w.raw("<tr><th scope=\"row\">")
					w.text(r)
					w.raw("</th>")
					w.raw(cells)
					w.raw("</tr>")
				}
			} else {
				n := so.RowCount
				if n <= 0 {
					n = 8
				}
				for range n {
					w.raw("<tr>")
					w.raw(cells)
					w.raw("</tr>")
				}
			}
			w.raw("</tbody>\n</table></section>")
		}
	} else if fm.Form == "monthly" {
		w.raw("\n<section class=\"sheet-signoff\"><h2>")
		w.text(T("print.record"))
		w.raw("</h2>\n<table class=\"grid\"><thead><tr><th scope=\"col\">")
		w.text(T("print.cleaner"))
		w.raw("</th>")
		for i := 1; i <= 4; i++ {
			w.raw("<th scope=\"col\">")
			w.text(fmt.Sprintf(T("print.week_check"), i))
			w.raw("</th>")
		}
		w.raw("<th scope=\"col\">")
		w.text(T("print.monthly_rating"))
		w.raw("</th><th scope=\"col\">")
		w.text(T("print.signature"))
		w.raw("</th></tr></thead>\n<tbody>")
		for range 10 {
			w.raw("<tr><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>")
		}
		w.raw("</tbody></table></section>")
	}
	w.raw("\n")
	if body != "" {
		w.raw("<div class=\"sheet-note\">")
		w.raw(string(body))
		w.raw("</div>")
	}
	w.raw("\n") // the file's last line, after the script's define
}

// labelColon is what follows a label such as 标签 before its value: the
// full-width colon in Chinese, a colon and a space in English.
func labelColon(lang string) string {
	if lang == "en" {
		return ": "
	}
	return "："
}
