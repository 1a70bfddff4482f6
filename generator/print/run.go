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

// Warnings returns a line for each checklist in r.Shrunk.
func (r *Report) Warnings() []string {
	var out []string
	for _, d := range r.Shrunk {
		out = append(out, fmt.Sprintf("%s: fits on one sheet only with its steps at %dpt, where posters want 14pt: shorten it", d.Item.source(), stepSize(d.Fit)))
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

func (e *OverflowError) Error() string {
	var b strings.Builder
	for i, d := range e.Docs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s: prints on %d pages (%s): a checklist must fit on one sheet; shorten its steps or its sign-off grid", d.Item.source(), d.Pages, d.Out)
	}
	return b.String()
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
		return &Report{}, errors.New("the site has nothing to print: it has no page of kind checklist")
	}
	paper := opt.Paper
	if paper == "" {
		paper = m.Paper
	}
	if paper != "" {
		if _, ok := papers[strings.ToUpper(paper)]; !ok {
			return nil, fmt.Errorf("paper %q is not supported: use A4 or Letter", paper)
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
	if w := fontWarning(); w != "" {
		fmt.Fprintln(progress, w)
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
					fmt.Fprintf(progress, "[%d/%d] %s: %v\n", done, len(jobs), j.name(), err)
				} else {
					docs[i] = d
					fmt.Fprintf(progress, "[%d/%d] %s → %s (%s)%s\n", done, len(jobs), j.name(), j.out, pages(d.Pages), overflowNote(d))
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
	if err := errors.Join(errs...); err != nil {
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

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

func overflowNote(d Doc) string {
	switch {
	case d.Booklet:
		return ""
	case d.Pages > 1:
		return " — does not fit on one sheet"
	case shrunk(d):
		return fmt.Sprintf(" — steps shrunk to %dpt to fit", stepSize(d.Fit))
	}
	return ""
}

// shrunk reports whether d is a poster whose steps print below 14 pt.
// Forms set their items smaller anyway.
func shrunk(d Doc) bool { return !d.Booklet && d.Item.Form == "" && d.Fit >= 3 }

// stepSize is the size in points of a poster's steps at density fit.
func stepSize(fit int) int { return min(14, 16-fit) }

// selectJobs picks the manifest's items that opt asks for and names their
// output files.
func selectJobs(m *Manifest, opt RunOptions) ([]job, error) {
	var probs []string
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
					return nil, fmt.Errorf("pattern %q: %w", pat, err)
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
				probs = append(probs, fmt.Sprintf("no checklist matches %q (checklists: %s)", pat, names(m.Checklists)))
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
				probs = append(probs, fmt.Sprintf("no handbook for role %q (roles: %s)", r, strings.Join(roles, ", ")))
			}
		}
	}
	if len(probs) > 0 {
		return nil, errors.New(strings.Join(probs, "\n"))
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
func fontWarning() string {
	fc, err := exec.LookPath("fc-list")
	if err != nil {
		return ""
	}
	out, err := exec.Command(fc, ":lang=zh", "family").Output()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		return ""
	}
	return "warning: no Chinese font is installed; Chinese text will print as boxes: install fonts-noto-cjk"
}
