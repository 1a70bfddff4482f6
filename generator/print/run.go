package print

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"handbook/generator/diag"
)

// RunOptions says what Run prints.
type RunOptions struct {
	SiteDir string // the built site, with print/manifest.json
	Out     string // folder for the PDF files; made if missing
	// Patterns select checklists: a glob (path.Match) against the content
	// path, the file name with or without .md, or the title. No pattern
	// selects every checklist and form, unless handbooks are asked for.
	Patterns []string
	// Handbooks selects role handbooks, printed as booklets: a role's title
	// (保洁员), its handbook's title or its file name (cleaner).
	Handbooks    []string
	AllHandbooks bool
	Paper        string    // A4 or Letter; "" for the site's paper
	Progress     io.Writer // told of each document printed; may be nil
	Lang         string    // the language of Progress: diag.English ("" too) or diag.Zh
	Printer      *Printer  // nil: Run starts one and stops it at the end
	Workers      int       // pages printed at once; 0 for a few
}

// Doc is one PDF file that Run wrote.
type Doc struct {
	Item    Item
	Out     string // the file written
	Pages   int
	Booklet bool
	// Fit is how far the sheet's layout shrank to fit on one page: 0 not
	// at all, 1 and 2 tighter spacing and grid, 3 and 4 the steps at 13
	// and 12 pt.
	Fit int
}

// Report is what Run printed.
type Report struct {
	Docs      []Doc // in the order of the manifest, checklists first
	Overflows []Doc // checklists that took more than one page
	Shrunk    []Doc // posters that fit only with their steps below 14 pt
}

// Warnings returns a warning for each checklist in r.Shrunk, at its file.
func (r *Report) Warnings() diag.List {
	var out diag.List
	for _, d := range r.Shrunk {
		out.Addf(d.Item.source(), 0, "fits on one sheet only with its steps at %dpt, where posters want 14pt: shorten it", stepSize(d.Fit))
	}
	return out
}

func (it Item) source() string {
	if it.File != "" {
		return it.File
	}
	if it.Path != "" {
		return it.Path
	}
	return it.URL
}

// OverflowError lists the checklists that print on more than one page. Run
// still writes their files.
type OverflowError struct{ Docs []Doc }

func (e *OverflowError) Error() string { return e.In(diag.English) }

// In writes e in lang (see diag.Lang): a line for each checklist.
func (e *OverflowError) In(lang string) string { return e.List().In(lang) }

// List returns a problem for each checklist, at its file.
func (e *OverflowError) List() diag.List {
	var l diag.List
	for _, d := range e.Docs {
		l.Addf(d.Item.source(), 0, "prints on %d pages (%s): a checklist must fit on one sheet; shorten its steps or its sign-off grid", d.Pages, d.Out)
	}
	return l
}

type job struct {
	item    Item
	out     string
	booklet bool
}

// Run prints the selected checklists and handbooks of a built site into
// opt.Out, one PDF each. It returns an *OverflowError when a checklist
// takes more than one page, after writing every file.
func Run(ctx context.Context, opt RunOptions) (*Report, error) {
	m, err := LoadManifest(os.DirFS(opt.SiteDir))
	if err != nil {
		return nil, err
	}
	jobs, err := selectJobs(m, opt)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return &Report{}, diag.New("", 0, diag.T("the site has nothing to print: it has no page of kind checklist"), nil)
	}
	paper := opt.Paper
	if paper == "" {
		paper = m.Paper
	}
	if paper != "" {
		if _, ok := papers[strings.ToUpper(paper)]; !ok {
			return nil, diag.New("", 0, diag.T("paper %q is not supported: use A4 or Letter", paper), nil)
		}
	}
	if opt.Out == "" {
		opt.Out = "."
	}
	root, err := filepath.Abs(opt.SiteDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, err
	}
	progress := opt.Progress
	if progress == nil {
		progress = io.Discard
	}
	lang := opt.Lang
	if lang == "" {
		lang = diag.English
	}
	if w, ok := fontWarning(); ok {
		fmt.Fprintln(progress, w.In(lang))
	}
	p := opt.Printer
	if p == nil {
		if p, err = NewPrinter(ctx); err != nil {
			return nil, err
		}
		defer p.Close()
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = min(4, runtime.GOMAXPROCS(0))
	}

	docs := make([]Doc, len(jobs))
	errs := make([]error, len(jobs))
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(root, filepath.FromSlash(j.item.URL)))}).String()
				r, err := p.render(ctx, u, Options{Paper: paper, Booklet: j.booklet, Title: j.item.Title})
				if err == nil {
					err = os.WriteFile(j.out, r.pdf, 0o644)
				}
				d := Doc{Item: j.item, Out: j.out, Pages: PageCount(r.pdf), Booklet: j.booklet, Fit: r.fit}
				mu.Lock()
				done++
				if err != nil {
					errs[i] = err
					fmt.Fprintf(progress, "[%d/%d] %s: %v\n", done, len(jobs), j.name(), diag.In(err, lang))
				} else {
					docs[i] = d
					fmt.Fprintf(progress, "[%d/%d] %s → %s %s%s\n", done, len(jobs), j.name(), j.out, pages(d.Pages).In(lang), overflowNote(d).In(lang))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := join(errs); err != nil {
		return nil, err
	}
	rep := &Report{Docs: docs}
	for _, d := range docs {
		switch {
		case d.Booklet:
		case d.Pages > 1:
			rep.Overflows = append(rep.Overflows, d)
		case shrunk(d):
			rep.Shrunk = append(rep.Shrunk, d)
		}
	}
	if len(rep.Overflows) > 0 {
		return rep, &OverflowError{Docs: rep.Overflows}
	}
	return rep, nil
}

func (j job) name() string {
	if j.item.Path != "" {
		return j.item.Path
	}
	return j.item.URL
}

// pages is the page count of a document, in brackets.
func pages(n int) diag.Text {
	if n == 1 {
		return diag.T("(1 page)")
	}
	return diag.T("(%d pages)", n)
}

func overflowNote(d Doc) diag.Text {
	switch {
	case d.Booklet:
		return diag.Text{}
	case d.Pages > 1:
		return diag.T(" — does not fit on one sheet")
	case shrunk(d):
		return diag.T(" — steps shrunk to %dpt to fit", stepSize(d.Fit))
	}
	return diag.Text{}
}

// join returns errs, leaving out nils, as one error: nil for none, the
// error itself for one, else an error with a line for each (which can be
// written in any language) and errs as its cause.
func join(errs []error) error {
	var kept []error
	var lines []any
	for _, err := range errs {
		if err == nil {
			continue
		}
		kept = append(kept, err)
		if d, ok := err.(*diag.Error); ok && d.File == "" && d.Text.Format != "" {
			lines = append(lines, d.Text)
		} else {
			lines = append(lines, err.Error())
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	format := strings.Repeat("%s\n", len(lines)-1) + "%s"
	return diag.New("", 0, diag.T(format, lines...), errors.Join(kept...))
}

// shrunk reports whether d is a poster whose steps print below 14 pt.
// Forms set their items smaller anyway.
func shrunk(d Doc) bool { return !d.Booklet && d.Item.Form == "" && d.Fit >= 3 }

// stepSize is the size in points of a poster's steps at density fit.
func stepSize(fit int) int { return min(14, 16-fit) }

// selectJobs picks the manifest's items that opt asks for and names their
// output files.
func selectJobs(m *Manifest, opt RunOptions) ([]job, error) {
	var probs []error
	var items []Item
	wantBooks := opt.AllHandbooks || len(opt.Handbooks) > 0
	switch {
	case len(opt.Patterns) > 0:
		used := make([]bool, len(opt.Patterns))
		for _, it := range m.Checklists {
			picked := false
			for i, pat := range opt.Patterns {
				ok, err := matchItem(pat, it)
				if err != nil {
					return nil, diag.New("", 0, diag.T("pattern %q: %v", pat, err), err)
				}
				used[i] = used[i] || ok
				picked = picked || ok
			}
			if picked {
				items = append(items, it)
			}
		}
		for i, pat := range opt.Patterns {
			if !used[i] {
				probs = append(probs, diag.New("", 0, diag.T("no checklist matches %q (checklists: %s)", pat, names(m.Checklists)), nil))
			}
		}
	case !wantBooks:
		items = m.Checklists
	}
	var books []Item
	if opt.AllHandbooks {
		books = m.Handbooks
	} else {
		for _, r := range opt.Handbooks {
			found := false
			for _, h := range m.Handbooks {
				if matchHandbook(r, h) {
					books = append(books, h)
					found = true
					break
				}
			}
			if !found {
				var roles []string
				for _, h := range m.Handbooks {
					roles = append(roles, strings.Join(h.Roles, "/"))
				}
				probs = append(probs, diag.New("", 0, diag.T("no handbook for role %q (roles: %s)", r, strings.Join(roles, ", ")), nil))
			}
		}
	}
	if err := join(probs); err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	var jobs []job
	add := func(it Item, prefix string, booklet bool) {
		stem := strings.TrimSuffix(it.URL, path.Ext(it.URL))
		name := prefix + path.Base(stem)
		if taken[name] {
			name = prefix + strings.ReplaceAll(stem, "/", "-")
		}
		taken[name] = true
		jobs = append(jobs, job{item: it, out: filepath.Join(opt.Out, name+".pdf"), booklet: booklet})
	}
	for _, it := range items {
		add(it, "", false)
	}
	for _, h := range books {
		add(h, "handbook-", true)
	}
	return jobs, nil
}

func matchItem(pat string, it Item) (bool, error) {
	base := path.Base(it.Path)
	for _, s := range []string{it.Path, base, strings.TrimSuffix(base, path.Ext(base)), it.Title, it.URL} {
		if s == "" {
			continue
		}
		ok, err := path.Match(pat, s)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func matchHandbook(r string, h Item) bool {
	stem := strings.TrimSuffix(path.Base(h.URL), path.Ext(h.URL))
	if r == h.Title || r == stem {
		return true
	}
	for _, role := range h.Roles {
		if r == role {
			return true
		}
	}
	return false
}

func names(items []Item) string {
	var out []string
	for _, it := range items {
		b := path.Base(it.Path)
		out = append(out, strings.TrimSuffix(b, path.Ext(b)))
	}
	sort.Strings(out)
	if len(out) > 30 {
		out = append(out[:30], "…")
	}
	return strings.Join(out, " ")
}

// fontWarning returns a warning when fontconfig knows no Chinese font:
// Chromium would then print Chinese as empty boxes.
func fontWarning() (diag.Text, bool) {
	fc, err := exec.LookPath("fc-list")
	if err != nil {
		return diag.Text{}, false
	}
	out, err := exec.Command(fc, ":lang=zh", "family").Output()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		return diag.Text{}, false
	}
	return diag.T("warning: no Chinese font is installed; Chinese text will print as boxes: install fonts-noto-cjk"), true
}
