package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/model"
)

// suggest returns, for the broken link l of page from, the page or file
// the author most likely meant, written as a link that works when pasted
// into from (or several, joined with "or"), and false when nothing comes
// close. It
// tries, in turn: the target with .md for .html or no extension; the end
// of the path written from another folder (content/cleaning/x.md written
// in cleaning/); a file of that name in the target's folder, the page's
// folder, then anywhere; a name one or two letters off in those folders.
func (s *Site) suggest(from *model.Page, l model.Link, assets map[string]bool) (diag.Text, bool) {
	page := isPagePath(l.Target)
	names := s.names(page, assets)
	find := func(p string) string {
		for _, v := range variants(p, page) {
			if f, ok := names.byLower[strings.ToLower(v)]; ok {
				return f
			}
		}
		return ""
	}
	dir := path.Dir(from.Path)
	var found []string
	if f := find(l.Target); f != "" {
		found = []string{f}
	}
	segs := strings.Split(l.Target, "/")
	for i := 1; i < len(segs) && found == nil; i++ {
		if f := find(strings.Join(segs[i:], "/")); f != "" {
			found = []string{f}
		}
	}
	base := segs[len(segs)-1]
	if found == nil {
		found = byName(names, base, path.Dir(l.Target), dir, page)
	}
	if found == nil {
		found = byTypo(names, base, path.Dir(l.Target), dir)
	}
	if found == nil {
		return diag.Text{}, false
	}
	_, frag, hasFrag := strings.Cut(l.Dest, "#")
	var alts []string
	for _, f := range found {
		alt := strings.ReplaceAll(relPath(dir, f), " ", "%20")
		if hasFrag {
			alt += "#" + frag
		}
		if p := s.byPath[f]; p != nil {
			alt += " (" + p.FM.Title + ")"
		}
		alts = append(alts, alt)
	}
	return diag.Or(alts), true
}

// isPagePath tells a link to a page (x.md, x.html, x) from one to a file.
func isPagePath(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".html", ".htm", "":
		return true
	}
	return false
}

// variants are the paths a link to p may have meant: p, and for a page
// x.html, x or the folder x, the source x.md or x/_index.md.
func variants(p string, page bool) []string {
	if !page {
		return []string{p}
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm":
		stem := strings.TrimSuffix(p, path.Ext(p))
		if path.Base(stem) == "index" {
			return []string{p, stem + ".md", path.Dir(stem) + "/_index.md"}
		}
		return []string{p, stem + ".md"}
	case "":
		return []string{p, p + ".md", p + "/_index.md"}
	}
	return []string{p}
}

// fileIndex finds the pages, or the other files, of a site by name.
type fileIndex struct {
	byLower map[string]string   // lower-case path → path
	byBase  map[string][]string // lower-case file name → paths
	byDir   map[string][]string // folder → paths
}

// names returns the index of the pages, or of the other files, made on
// first use: a site with many broken links builds it once.
func (s *Site) names(pages bool, assets map[string]bool) *fileIndex {
	i := 0
	if pages {
		i = 1
	}
	if s.fileNames[i] != nil {
		return s.fileNames[i]
	}
	x := &fileIndex{byLower: map[string]string{}, byBase: map[string][]string{}, byDir: map[string][]string{}}
	add := func(f string) {
		x.byLower[strings.ToLower(f)] = f
		b := strings.ToLower(path.Base(f))
		x.byBase[b] = append(x.byBase[b], f)
		x.byDir[path.Dir(f)] = append(x.byDir[path.Dir(f)], f)
	}
	if pages {
		for _, p := range s.pages {
			add(p.Path)
		}
	} else {
		for a := range assets {
			add(a)
		}
	}
	s.fileNames[i] = x
	return x
}

// byName returns the files named base (or its .md variant) in folder
// first, then near, then anywhere: one, or up to three from elsewhere.
func byName(names *fileIndex, base, first, near string, page bool) []string {
	var in []string
	seen := map[string]bool{}
	for _, v := range variants(base, page) {
		if strings.Contains(v, "/") {
			continue // x/_index.md for x: any folder's index is no clue
		}
		for _, f := range names.byBase[strings.ToLower(v)] {
			if !seen[f] {
				seen[f] = true
				in = append(in, f)
			}
		}
	}
	return pick(in, first, near)
}

// byTypo returns the files of folder first, then near, whose names are one
// or two letters off base (no more than a quarter of the name).
func byTypo(names *fileIndex, base, first, near string) []string {
	stem := strings.TrimSuffix(base, path.Ext(base))
	limit := min(2, utf8.RuneCountInString(stem)/4)
	if limit == 0 {
		return nil
	}
	for _, dir := range []string{first, near} {
		best, out := limit+1, []string(nil)
		for _, f := range names.byDir[dir] {
			name := path.Base(f)
			d := diag.Distance(strings.ToLower(stem), strings.ToLower(strings.TrimSuffix(name, path.Ext(name))))
			switch {
			case d < best:
				best, out = d, []string{f}
			case d == best:
				out = append(out, f)
			}
		}
		if out != nil {
			sort.Strings(out)
			return out[:min(3, len(out))]
		}
	}
	return nil
}

// pick returns the one of files in folder first, else in near, else up to
// three of them, sorted.
func pick(files []string, first, near string) []string {
	sort.Strings(files)
	for _, dir := range []string{first, near} {
		for _, f := range files {
			if path.Dir(f) == dir {
				return []string{f}
			}
		}
	}
	if len(files) > 3 {
		files = files[:3]
	}
	return files
}

// relPath is the relative path from folder dir ("." for the content root)
// to the file at content path p.
func relPath(dir, p string) string {
	var from []string
	if dir != "." {
		from = strings.Split(dir, "/")
	}
	to := strings.Split(p, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// unparsedLink explains a link that the page shows as text because its
// destination has a space, and what to write instead.
func (s *Site) unparsedLink(p *model.Page, l model.Link) diag.Text {
	msg := func(what diag.Text) diag.Text {
		return diag.T("link %q has a space, so the page shows it as text, not as a link: %s", l.Dest, what)
	}
	file, frag, hasFrag := strings.Cut(l.Dest, "#")
	file = strings.TrimSpace(file)
	generic := diag.T("remove the space, write %%20 in its place, or put the destination in <…>, as in (<%s>)", l.Dest)
	if strings.ContainsAny(file, " \t") {
		if t := s.destPath(p, file); s.byPath[t] != nil {
			return msg(diag.T("write the space as %%20, as in (%s), or put the destination in <…>, as in (<%s>)", strings.ReplaceAll(l.Dest, " ", "%20"), l.Dest))
		}
		squeezed := strings.Join(strings.Fields(file), "")
		if t := s.destPath(p, squeezed); s.byPath[t] != nil {
			return msg(diag.T("remove the space: the page is %s", strings.Replace(l.Dest, file, squeezed, 1)))
		}
		return msg(generic)
	}
	target := p
	if file != "" {
		target = s.byPath[s.destPath(p, file)]
	}
	if !hasFrag || target == nil {
		return msg(generic)
	}
	squeezed := strings.Join(strings.Fields(frag), "")
	for _, id := range []string{squeezed, markdown.Slug(frag)} {
		if id != "" && hasAnchor(target, id) {
			return msg(diag.T("the heading's ID is %q: write %s#%s", id, file, id))
		}
	}
	return msg(diag.T("remove the space; %s has no heading with ID %q either (its headings: %s)", target.File, squeezed, anchorList(target)))
}

// destPath is the content path that dest, written in page p, points to.
func (s *Site) destPath(p *model.Page, dest string) string {
	if strings.HasPrefix(dest, "/") {
		return path.Clean(strings.TrimLeft(dest, "/"))
	}
	return path.Join(path.Dir(p.Path), dest)
}

// noteUnknownRole remembers the problem just added to problems, an
// unknown role r, so that groupUnknownRoles can put those of one role
// together.
func (s *Site) noteUnknownRole(r string, problems diag.List) {
	if len(problems) == 0 {
		return
	}
	if s.unknownRoles == nil {
		s.unknownRoles = map[string][]*diag.Error{}
	}
	s.unknownRoles[r] = append(s.unknownRoles[r], problems[len(problems)-1])
}

// groupUnknownRoles replaces the problems of a role named by many files,
// most likely one whose role page was deleted, renamed or broken, with one
// problem that lists where it is named and says what to do.
func (s *Site) groupUnknownRoles(problems *diag.List) {
	const many = 3
	var roles []string
	for r, es := range s.unknownRoles {
		// Roles run together with a full-width comma are not a missing
		// role page: each file gets its own advice (see unknownRoleMsg).
		if len(es) >= many && !strings.ContainsAny(r, "，、") {
			roles = append(roles, r)
		}
	}
	if roles == nil {
		return
	}
	sort.Strings(roles)
	drop := map[*diag.Error]bool{}
	var out []*diag.Error
	for _, r := range roles {
		es := s.unknownRoles[r]
		for _, e := range es {
			drop[e] = true
		}
		out = append(out, diag.New("", 0, s.roleMessage(r, es), nil))
	}
	kept := (*problems)[:0]
	for _, e := range *problems {
		if !drop[e] {
			kept = append(kept, e)
		}
	}
	*problems = append(kept, out...)
}

func (s *Site) roleMessage(r string, es []*diag.Error) diag.Text {
	es = append([]*diag.Error(nil), es...)
	diag.List(es).Sort()
	pages, quizzes := 0, 0
	for _, e := range es {
		if strings.HasPrefix(e.File, s.Config.QuizDir+"/") {
			quizzes++
		} else {
			pages++
		}
	}
	var named diag.Text
	switch {
	case quizzes == 0 && pages == 1:
		named = diag.T("1 page")
	case quizzes == 0:
		named = diag.T("%d pages", pages)
	case pages == 0 && quizzes == 1:
		named = diag.T("1 quiz")
	case pages == 0:
		named = diag.T("%d quizzes", quizzes)
	case pages == 1 && quizzes == 1:
		named = diag.T("1 page and 1 quiz")
	case pages == 1:
		named = diag.T("1 page and %d quizzes", quizzes)
	case quizzes == 1:
		named = diag.T("%d pages and 1 quiz", pages)
	default:
		named = diag.T("%d pages and %d quizzes", pages, quizzes)
	}
	const shown = 5
	var places []string
	for _, e := range es[:min(shown, len(es))] {
		places = append(places, fmt.Sprintf("%s:%d", e.File, e.Line))
	}
	where := diag.Commas(places)
	if len(es) > shown {
		where = diag.T("%s and %d more", where, len(es)-shown)
	}
	// The folder of the role pages, to say where the missing one belongs.
	folder := s.Config.ContentDir + "/roles/"
	var unused []string
	names := s.namedRoles()
	for _, t := range s.sortedRoles() {
		rp := s.roles[t]
		folder = path.Dir(rp.File) + "/"
		if !names[t] {
			unused = append(unused, fmt.Sprintf("%s:%d (%s)", rp.File, rp.FMLines["title"], t))
		}
	}
	var broken []string
	for f := range s.broken {
		if strings.HasPrefix(f, folder) {
			broken = append(broken, f)
		}
	}
	sort.Strings(broken)
	var otherwise any = ""
	switch {
	case len(broken) > 0:
		otherwise = diag.T("if %s is its role page, fix the problems reported there; otherwise ", diag.Or(broken))
	case len(unused) > 0:
		otherwise = diag.T("if %s is its role page, whose title changed, change the title back to %s; otherwise ", diag.Or(unused), r)
	}
	fix := diag.T("restore its role page in %s (kind: role, title: %s), or change roles: in those files", folder, r)
	if rs := s.sortedRoles(); len(rs) > 0 {
		fix = diag.T("restore its role page in %s (kind: role, title: %s), or change roles: in those files to roles that exist (%s)", folder, r, diag.Commas(rs))
	}
	return diag.T("role %q is named by %s (%s) but no role page has that title: %s%s", r, named, where, otherwise, fix)
}

// namedRoles is the set of roles some page or quiz names.
func (s *Site) namedRoles() map[string]bool {
	out := map[string]bool{}
	for _, p := range s.pages {
		for _, r := range p.FM.Roles {
			out[r] = true
		}
	}
	for _, q := range s.quizzes {
		for _, r := range q.Roles {
			out[r] = true
		}
	}
	return out
}

// warnSameTitles warns of pages that share a title, most often a copied
// page that kept the title of its original: readers cannot tell them
// apart in lists, handbooks and search. Two role pages with one title are
// a problem of their own, reported by index.
func (s *Site) warnSameTitles() {
	byTitle := map[string][]*model.Page{}
	var titles []string
	for _, p := range s.pages {
		t := strings.TrimSpace(p.FM.Title)
		if byTitle[t] == nil {
			titles = append(titles, t)
		}
		byTitle[t] = append(byTitle[t], p)
	}
	for _, t := range titles {
		ps := byTitle[t]
		if len(ps) < 2 {
			continue
		}
		roles := 0
		for _, p := range ps {
			if p.FM.Kind == model.KindRole {
				roles++
			}
		}
		if roles == len(ps) {
			continue
		}
		var others []string
		for _, p := range ps[1:] {
			others = append(others, fmt.Sprintf("%s:%d", p.File, p.FMLines["title"]))
		}
		s.Warn(ps[0].File, ps[0].FMLines["title"], "title %q is also the title of %s: give one of them another title, so that readers can tell them apart in lists and search", t, diag.And(others))
	}
}

// warnJoinedTags warns of a tag that holds a full-width comma: tags:
// [特殊区域，电梯] is one tag, with a page of its own, where two were meant.
func (s *Site) warnJoinedTags() {
	for _, p := range s.pages {
		for _, t := range p.FM.Tags {
			if strings.Contains(t, "，") {
				s.Warn(p.File, p.FMLines["tags"], "tag %q has a full-width comma \"，\", so it is one tag: to give several, separate them with the ASCII comma \",\", as in [%s]", t, strings.Join(strings.Split(t, "，"), ", "))
			}
		}
	}
}
