package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"handbook/generator/diag"
	"handbook/generator/print"
	"handbook/generator/site"
)

// pdfCmd prints the checklists, inspection forms and role handbooks of a
// site to PDF files with a local Chromium.
func pdfCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var opt print.RunOptions
	c := &cobra.Command{
		Use:   "pdf [PATTERN...]",
		Short: "Print checklists, inspection forms and role handbooks to PDF with Chromium",
		Long: `handbook pdf builds the site into a temporary folder and prints each checklist
and inspection form to OUT/NAME.pdf with a local Chromium (headless).

PATTERN selects checklists: a glob matched against the content path
(checklists/washroom.md), the file name (washroom, wash*) or the title.
With no PATTERN every checklist and form is printed, unless --handbook or
--all-handbooks asks for handbooks only. A role's handbook prints as a booklet:
table of contents, every page of the role, page numbers in the footer.

A checklist that does not fit on one sheet is an error: the command lists
each with its file and page count and exits with status 1.

Chromium and a Chinese font must be installed, e.g. on Debian:
  apt-get install chromium fonts-noto-cjk`,
		Example: `  handbook pdf
  handbook pdf --out pdf washroom 'elevator-*'
  handbook pdf --handbook 保洁员 --paper A4`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			// Look for the browser first: without one, building is wasted.
			p, err := print.NewPrinter(ctx)
			if err != nil {
				return err
			}
			defer p.Close()
			tmp, err := os.MkdirTemp("", "handbook-pdf-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			bo := f.options()
			bo.Dest = filepath.Join(tmp, "site")
			if _, err := site.Build(ctx, bo); err != nil {
				return err
			}
			lang := langOf(cmd)
			opt.SiteDir, opt.Patterns, opt.Progress, opt.Printer, opt.Lang = bo.Dest, args, stdout, p, lang
			rep, err := print.Run(ctx, opt)
			if rep != nil {
				printWarnings(stderr, rep.Warnings(), lang)
			}
			var over *print.OverflowError
			if errors.As(err, &over) {
				fmt.Fprintln(stderr, diag.In(over, lang))
				say(stderr, lang, "%d checklist(s) do not fit on one sheet; their PDF files were written to %s.", len(over.Docs), opt.Out)
				return exitError{1}
			}
			if err != nil {
				return err
			}
			say(stdout, lang, "Wrote %d PDF file(s) into %s", len(rep.Docs), opt.Out)
			return nil
		},
	}
	f.add(c, diag.Text{})
	c.Flags().StringVarP(&opt.Out, "out", "o", "pdf", "folder for the PDF files")
	c.Flags().StringArrayVar(&opt.Handbooks, "handbook", nil, "print the handbook of `ROLE` (its title, e.g. 保洁员, or file name) as a booklet; repeatable")
	c.Flags().BoolVar(&opt.AllHandbooks, "all-handbooks", false, "print the handbook of every role as a booklet")
	c.Flags().StringVar(&opt.Paper, "paper", "", "paper size, A4 or Letter (default: paper in the site's config)")
	return c
}
