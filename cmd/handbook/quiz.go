package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"handbook/generator/config"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/quiz"
	"handbook/generator/site"
)

func quizCmd(stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "quiz",
		Short: "Exchange quizzes with learning management systems (Moodle GIFT, CSV)",
	}
	c.AddCommand(quizExportCmd(stdout), quizImportCmd(stdout, stderr))
	return c
}

func quizExportCmd(stdout io.Writer) *cobra.Command {
	var source, format, out string
	var drills bool
	c := &cobra.Command{
		Use:   "export [QUIZ...]",
		Short: "Export the site's quizzes as Moodle GIFT or as CSV for a spreadsheet",
		Long: "Export writes every quiz (or the quizzes whose file or title contains one of the\n" +
			"arguments) in Moodle's GIFT format or as CSV (UTF-8 with BOM, one row per question).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "gift" && format != "csv" {
				return diag.Errorf("", 0, "--format %q: use gift or csv", format)
			}
			qs, err := siteQuizzes(cmd.Context(), source, drills)
			if err != nil {
				return err
			}
			qs = selectQuizzes(qs, args)
			if len(qs) == 0 {
				return diag.Errorf("", 0, "no quiz matches %s", strings.Join(args, " "))
			}
			w := stdout
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if format == "gift" {
				err = quiz.ExportGIFT(w, qs)
			} else {
				err = quiz.ExportCSV(w, qs)
			}
			return err
		},
	}
	c.Flags().StringVarP(&source, "source", "s", ".", "site root")
	c.Flags().StringVarP(&format, "format", "f", "gift", "gift or csv")
	c.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	c.Flags().BoolVar(&drills, "drills", false, "include the drills generated from the content")
	return c
}

// siteQuizzes loads and checks the site, and returns its quizzes.
func siteQuizzes(ctx context.Context, source string, drills bool) ([]*quiz.Quiz, error) {
	cfg, err := config.Load(os.DirFS(source))
	if err != nil {
		return nil, err
	}
	s, err := site.Load(ctx, os.DirFS(source), cfg, site.Options{Source: source})
	if err != nil {
		return nil, err
	}
	var out []*quiz.Quiz
	for _, q := range s.Quizzes() {
		if drills || !q.Generated {
			out = append(out, q)
		}
	}
	return out, nil
}

func selectQuizzes(qs []*quiz.Quiz, patterns []string) []*quiz.Quiz {
	if len(patterns) == 0 {
		return qs
	}
	var out []*quiz.Quiz
	for _, q := range qs {
		for _, p := range patterns {
			if strings.Contains(q.Path, p) || strings.Contains(q.Title, p) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

func quizImportCmd(stdout, stderr io.Writer) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "import FILE.gift",
		Short: "Convert a Moodle GIFT file to the handbook's quiz Markdown",
		Long: "Import reads what Moodle accepts and writes Markdown to standard output or to -o FILE.\n" +
			"It reads GIFT only: the CSV that export writes is for spreadsheets and cannot be read back.\n" +
			"Quiz settings (pass mark, roles, time limit, sources, tags, summary) come back from the\n" +
			"comments that export writes. Questions with no counterpart here (numerical, essay,\n" +
			"description) are reported on standard error with their line numbers; the exit status is then 1.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			lang := langAt(".")
			refuse := func(err error) error {
				fmt.Fprintln(stderr, diag.In(err, lang))
				say(stderr, lang, "nothing was written.")
				return exitError{1}
			}
			// A CSV saved by a spreadsheet may be in GBK: say first that
			// it is CSV, which converting would not help.
			if err := quiz.NotGIFT(args[0], raw); err != nil {
				return refuse(err)
			}
			// The same encoding check as the site's own files: a GBK file is
			// refused with how to convert it, never read as garbled text.
			src, err := content.Normalize(args[0], raw)
			if err != nil {
				return refuse(err)
			}
			md, problems := quiz.ImportGIFT(filepath.Base(args[0]), src)
			if out != "" {
				if _, err := os.Stat(out); err == nil {
					return diag.Errorf("", 0, "%s already exists: choose another file; nothing was written", out)
				}
				if err := os.WriteFile(out, md, 0o644); err != nil {
					return err
				}
			} else {
				stdout.Write(md)
			}
			// Check what was written with the same parser the build uses,
			// as if it were in quizzes/, where source links start; the
			// problems name what was written.
			written := out
			if written == "" {
				written = diag.T("standard output").In(lang)
			}
			stem := strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0]))
			if q, err := quiz.Parse("quizzes/"+stem+".md", md); err != nil && len(q.Questions) > 0 {
				var qe quiz.Errors
				if errors.As(err, &qe) {
					for _, p := range qe {
						p.File = written
						problems = append(problems, p)
					}
				}
			}
			for _, p := range problems {
				fmt.Fprintln(stderr, diag.In(p, lang))
			}
			if len(problems) > 0 {
				say(stderr, lang, "%d problem(s); the questions above were not converted or need a look.", len(problems))
				return exitError{1}
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "write the Markdown to FILE")
	return c
}
