package print

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/chromium"
	"handbook/generator/diag"
)

// ErrNoChromium is returned when no browser to print with is installed.
var ErrNoChromium = chromium.ErrNotFound

// Paper sizes in inches, for pages that set no size of their own.
var papers = map[string]chromedp.PaperSize{
	"A4":     chromedp.PaperA4,
	"LETTER": chromedp.PaperLetter,
}

// Options says how to print one page.
type Options struct {
	// Paper is "A4" or "Letter". When set, it replaces the size the page's
	// CSS asks for; "" keeps the page's own (A4 when it names none).
	Paper string
	// Booklet prints a long document such as a role handbook: its table of
	// contents is shown, and each page has a footer with Title and the page
	// number.
	Booklet bool
	Title   string
}

// Printer prints web pages to PDF with a headless Chromium that it starts
// with a fresh profile and no network services of its own. Close stops it.
type Printer struct {
	Browser string // the program that runs

	dir           string
	ctx           context.Context // the browser's
	cancelAlloc   context.CancelFunc
	cancelBrowser context.CancelFunc
}

// NewPrinter starts a browser. It returns ErrNoChromium when none is
// installed. The browser stops when ctx ends or at Close.
func NewPrinter(ctx context.Context) (*Printer, error) {
	path, err := chromium.Find()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "handbook-chromium-")
	if err != nil {
		return nil, err
	}
	// A desktop window, so that pages lay out as on a desk, not a phone.
	opts := chromium.Options(path, dir, 1280, 1024)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	p := &Printer{Browser: path, dir: dir, ctx: bctx, cancelAlloc: cancelAlloc, cancelBrowser: cancelBrowser}
	if err := chromedp.Do(bctx); err != nil {
		p.Close()
		return nil, diag.New("", 0, diag.T("starting %s: %v", path, err), err)
	}
	return p, nil
}

// Close stops the browser and removes its profile.
func (p *Printer) Close() error {
	p.cancelBrowser()
	p.cancelAlloc()
	return os.RemoveAll(p.dir)
}

// bookletCSS shows what the screen stylesheet hides from print in a long
// document: its table of contents, which then stands on a page of its own.
// Each of its entries has room on the right for the page number that
// numberContents writes in.
const bookletCSS = `.toc, .handbook-toc { display: block !important; break-after: page; }
.toc a { color: #000; text-decoration: none; }
.toc-page { float: right; min-width: 3em; margin-left: 1em; text-align: right; font-variant-numeric: tabular-nums; }`

// PDF loads url, waits until it is laid out and prints it. The page's CSS
// @page rule decides the paper and margins unless opt.Paper is set.
//
// A page that lays itself out by script after loading (to fit a sheet on
// one page, say) sets window.printReady to a promise; PDF waits for it, up
// to 10 seconds. When opt.Paper is set, the page's root element has the
// class paper-a4 or paper-letter from DOMContentLoaded on.
func (p *Printer) PDF(ctx context.Context, url string, opt Options) ([]byte, error) {
	r, err := p.render(ctx, url, opt)
	return r.pdf, err
}

type rendered struct {
	pdf []byte
	fit int // the largest data-fit of the page's sheets: how much they were shrunk
}

func (p *Printer) render(ctx context.Context, url string, opt Options) (rendered, error) {
	paper := chromedp.PaperA4
	if opt.Paper != "" {
		var ok bool
		if paper, ok = papers[strings.ToUpper(opt.Paper)]; !ok {
			return rendered{}, diag.New("", 0, diag.T("paper %q is not supported: use A4 or Letter", opt.Paper), nil)
		}
	}
	tctx, cancel := chromedp.NewContext(p.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	var css, class string
	if opt.Paper != "" {
		css += "@page { size: " + opt.Paper + "; }\n"
		class = "paper-" + strings.ToLower(opt.Paper)
	}
	if opt.Booklet {
		css += bookletCSS
	}
	var steps []chromedp.Action[chromedp.Void]
	if css != "" {
		steps = append(steps, beforeLoad(css, class))
	}
	steps = append(steps, chromedp.Navigate(url), waitReady())
	if opt.Booklet {
		steps = append(steps, chromedp.Evaluate[chromedp.Void](`for (const a of `+tocLinks+`) {
			if (!a.parentElement.querySelector(':scope > .toc-page')) {
				const s = document.createElement('span');
				s.className = 'toc-page';
				a.parentElement.prepend(s);
			}
		}`))
	}
	if err := chromedp.Do(tctx, steps...); err != nil {
		return rendered{}, p.err(ctx, url, err)
	}
	fit, err := chromedp.Run(tctx, chromedp.Evaluate[int](
		`Math.max(0, ...Array.from(document.querySelectorAll('[data-fit]'), e => +e.dataset.fit || 0))`))
	if err != nil {
		return rendered{}, p.err(ctx, url, err)
	}
	pdfOpts := []chromedp.PDFOption{
		chromedp.PDFPaper(paper),
		// Used only by pages that set no margin: 15 mm, as the theme does.
		chromedp.PDFMargin(15 / 25.4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
	}
	if opt.Booklet {
		pdfOpts = append(pdfOpts,
			chromedp.PDFOutlineAndTagged(),
			chromedp.PDFHeaderTemplate(`<span></span>`),
			chromedp.PDFFooterTemplate(footer(opt.Title)))
	}
	b, err := chromedp.Run(tctx, chromedp.PrintToPDF(pdfOpts...))
	if err != nil {
		return rendered{}, p.err(ctx, url, err)
	}
	if opt.Booklet {
		if b, err = numberContents(tctx, b, pdfOpts); err != nil {
			return rendered{}, p.err(ctx, url, err)
		}
	}
	return rendered{pdf: b, fit: fit}, nil
}

// tocLinks are the entries of a booklet's tables of contents.
const tocLinks = `document.querySelectorAll('.toc a[href^="#"], .handbook-toc a[href^="#"]')`

// numberContents gives each entry of a booklet's table of contents the
// page its part starts on, as paper needs: it reads the pages from the
// PDF printed (each entry's anchor is a named destination there), writes
// them into the page and prints again, until the numbers hold (they take
// room already reserved, so one more print is usual).
func numberContents(ctx context.Context, pdf []byte, opts []chromedp.PDFOption) ([]byte, error) {
	for range 3 {
		pages := DestPages(pdf)
		arg, _ := json.Marshal(pages)
		changed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`((pages) => {
			let changed = false;
			for (const a of `+tocLinks+`) {
				const s = a.parentElement.querySelector(':scope > .toc-page');
				let id = a.hash.slice(1);
				try { id = decodeURIComponent(id); } catch (e) {}
				const n = String(pages[id] || '');
				if (s && s.textContent !== n) { s.textContent = n; changed = true; }
			}
			return changed;
		})(`+string(arg)+`)`))
		if err != nil || !changed {
			return pdf, err
		}
		if pdf, err = chromedp.Run(ctx, chromedp.PrintToPDF(opts...)); err != nil {
			return nil, err
		}
	}
	return pdf, nil
}

func (p *Printer) err(ctx context.Context, url string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return diag.New("", 0, diag.T("printing %s: %v", url, err), err)
}

// footer is the booklet's page footer. Chromium draws it in the bottom
// margin at a font size of 0 unless the template sets one.
func footer(title string) string {
	return `<div style="width:100%;margin:0 15mm;font-size:8pt;font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;color:#000;display:flex;justify-content:space-between">` +
		`<span>` + html.EscapeString(title) + `</span>` +
		`<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
}

// beforeLoad makes the next document add a style sheet and a class to its
// root once parsed, before its load event, when its own scripts lay it out.
func beforeLoad(css, class string) chromedp.Action[chromedp.Void] {
	args, _ := json.Marshal([]string{css, class})
	src := `((a) => {
		document.addEventListener('DOMContentLoaded', () => {
			if (a[1]) document.documentElement.classList.add(a[1]);
			const s = document.createElement('style');
			s.textContent = a[0];
			document.head.appendChild(s);
		});
	})(` + string(args) + `)`
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// waitReady waits for the page's fonts, so that no text is measured with a
// fallback font and printed with another, and for window.printReady.
func waitReady() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`Promise.race([
			document.fonts.ready.then(() => window.printReady),
			new Promise(done => setTimeout(done, 10000)),
		]).then(() => true, () => true)`, chromedp.EvalAwaitPromise)(ctx, t)
		return err
	})
}
