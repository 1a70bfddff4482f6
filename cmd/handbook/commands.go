package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"handbook/generator/config"
	"handbook/generator/diag"
	"handbook/generator/scaffold"
	"handbook/generator/server"
	"handbook/generator/site"
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise the
// module's build info is used.
var version = ""

// exitError carries an exit code through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	printError(stderr, err, langOf(cmd))
	return 1
}

// langOf is the language of cmd's messages: that of the site it works on
// (see diag.Lang), or of the site in the current folder.
func langOf(cmd *cobra.Command) string {
	source := "."
	if cmd != nil {
		if f := cmd.Flags().Lookup("source"); f != nil {
			source = f.Value.String()
		}
	}
	return langAt(source)
}

// langAt is the language of messages about the site at source.
func langAt(source string) string { return config.MessageLang(source) }

// say writes a line of the message format in lang.
func say(w io.Writer, lang, format string, args ...any) {
	fmt.Fprintln(w, diag.T(format, args...).In(lang))
}

// printError prints each problem on a line of its own: file:line: message.
func printError(w io.Writer, err error, lang string) {
	var list diag.List
	if errors.As(err, &list) {
		printProblems(w, list, lang)
		say(w, lang, "%d problem(s) found; nothing was written.", len(list))
		return
	}
	if t, ok := usageText(err); ok {
		say(w, lang, "error: %s", t.In(lang))
		return
	}
	say(w, lang, "error: %s", diag.In(err, lang))
}

// printProblems prints each problem of list in lang, one a line.
func printProblems(w io.Writer, list diag.List, lang string) {
	fmt.Fprintln(w, list.In(lang))
}

// printWarnings prints each warning of list in lang, one a line.
func printWarnings(w io.Writer, list diag.List, lang string) {
	for _, e := range list {
		say(w, lang, "warning: %s", e.In(lang))
	}
}

type buildFlags struct {
	source, dest, baseURL string
	drafts                bool
}

// add adds the flags of a build to c; destHelp describes --dest, which
// only commands whose output stays take ("" for none).
func (f *buildFlags) add(c *cobra.Command, destHelp diag.Text) {
	c.Flags().StringVarP(&f.source, "source", "s", ".", "site root: the folder with content/, quizzes/ and handbook.toml")
	if destHelp.Format != "" {
		c.Flags().StringVarP(&f.dest, "dest", "d", "", destHelp.String())
	}
	c.Flags().StringVar(&f.baseURL, "base-url", "", "absolute URL the site is published at (overrides base_url in the config)")
	c.Flags().BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
}

func (f *buildFlags) options() site.Options {
	return site.Options{Source: f.source, Dest: f.dest, BaseURL: f.baseURL, Drafts: f.drafts}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "handbook",
		Short:         "Build a searchable staff handbook with quizzes and printable checklists from Markdown",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		buildCmd(stdout, stderr),
		serveCmd(stdout, stderr),
		checkCmd(stdout, stderr),
		newCmd(stdout),
		versionCmd(stdout),
	)
	root.AddCommand(extraCommands(stdout, stderr)...)
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		localizeHelp(root, langOf(c))
		help(c, args)
	})
	return root
}

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	c := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the output folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt := f.options()
			opt.Progress = progress(stderr, langOf(cmd))
			defer tuneGC()()
			res, err := site.Build(cmd.Context(), opt)
			clearProgress(stderr)
			if err != nil {
				return err
			}
			summary(stdout, res, diag.Lang(res.Config.Language))
			return nil
		},
	}
	f.add(c, diag.T("output folder (default SOURCE/public)"))
	return c
}

func checkCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	c := &cobra.Command{
		Use:   "check",
		Short: "Check the site (front matter, roles, links and anchors, quizzes) without writing anything",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt := f.options()
			opt.Check = true
			defer tuneGC()()
			res, err := site.Build(cmd.Context(), opt)
			if err != nil {
				var list diag.List
				if errors.As(err, &list) {
					lang := langOf(cmd)
					printProblems(stderr, list, lang)
					say(stderr, lang, "%d problem(s) found.", len(list))
					return exitError{1}
				}
				return err
			}
			lang := diag.Lang(res.Config.Language)
			printWarnings(stderr, res.Warnings, lang)
			n := 0
			for k, v := range res.ByKind {
				if k != "handbook" {
					n += v
				}
			}
			say(stdout, lang, "ok: %d pages checked, no problems.", n)
			return nil
		},
	}
	f.add(c, diag.Text{})
	return c
}

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var bind string
	var port int
	var open bool
	c := &cobra.Command{
		Use:   "serve",
		Short: "Build, serve on localhost, and rebuild and reload the browser on every change",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return server.Run(cmd.Context(), server.Options{
				Build: f.options(), Bind: bind, Port: port, Log: stdout, Open: open,
			})
		},
	}
	f.add(c, diag.T("output folder (default: a temporary folder, removed when serve stops)"))
	c.Flags().StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	c.Flags().IntVarP(&port, "port", "p", 1313, "port to listen on")
	c.Flags().BoolVar(&open, "open", false, "open the site in the default browser once it is served")
	return c
}

func newCmd(stdout io.Writer) *cobra.Command {
	var source string
	c := &cobra.Command{
		Use:   "new KIND PATH | new site DIR",
		Short: "Create a content file from the archetype of KIND, or a new handbook site in DIR",
		// The kinds fill in %s when the help is written (see localizeHelp).
		Long: "handbook new KIND PATH writes content/PATH from the archetype of KIND (%s).\n" +
			"handbook new site DIR starts a new handbook in DIR: config, one page of each kind and one quiz.",
		Example: "  handbook new cleaning cleaning/lobby.md\n  handbook new site my-handbook",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return diag.Errorf("", 0, "new takes a KIND and a PATH, as in `handbook new cleaning cleaning/lobby.md` (kinds: %s), or site and a folder, as in `handbook new site my-handbook`", strings.Join(scaffold.Kinds(), ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "site" {
				if err := scaffold.NewSite(args[1]); err != nil {
					return err
				}
				say(stdout, langAt(args[1]), "Created a new handbook in %s.\nNext: cd %s && handbook serve", args[1], args[1])
				return nil
			}
			p, err := scaffold.NewPage(source, args[0], args[1], time.Now())
			if err != nil {
				return err
			}
			say(stdout, langOf(cmd), "Created %s", p)
			return nil
		},
	}
	c.Flags().StringVarP(&source, "source", "s", ".", "site root")
	return c
}

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			v := version
			if v == "" {
				v = "devel"
				if bi, ok := debug.ReadBuildInfo(); ok {
					if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
						v = bi.Main.Version
					}
					for _, s := range bi.Settings {
						if s.Key == "vcs.revision" && len(s.Value) >= 12 {
							v += " " + s.Value[:12]
						}
					}
				}
			}
			fmt.Fprintf(stdout, "handbook %s\n", v)
		},
	}
}

// summary prints what a build made, like Hugo's table, in lang.
func summary(w io.Writer, res *site.Result, lang string) {
	var kinds []string
	for k := range res.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "\n  %s %s\n  %s\n", pad("", 14), padLeft(diag.T("pages").In(lang), 6), strings.Repeat("-", 21))
	for _, k := range kinds {
		if res.ByKind[k] > 0 {
			fmt.Fprintf(w, "  %s %6d\n", pad(k, 14), res.ByKind[k])
		}
	}
	fmt.Fprintf(w, "  %s\n", strings.Repeat("-", 21))
	for _, row := range []struct {
		label diag.Text
		n     int
	}{{diag.T("HTML pages"), res.Pages}, {diag.T("files"), res.Files}, {diag.T("warnings"), len(res.Warnings)}} {
		fmt.Fprintf(w, "  %s %6d\n", pad(row.label.In(lang), 14), row.n)
	}
	fmt.Fprintln(w)
	printWarnings(w, res.Warnings, lang)
	dest, _ := filepath.Abs(res.Dest)
	say(w, lang, "Built in %d ms into %s\nOpen %s in a browser, or run `handbook serve`.", res.Duration.Milliseconds(), dest, filepath.Join(dest, "index.html"))
}

// pad pads s with spaces to n columns of a terminal, where a Chinese
// character takes two.
func pad(s string, n int) string { return s + strings.Repeat(" ", max(0, n-width(s))) }

// padLeft is pad, with the spaces on the left.
func padLeft(s string, n int) string { return strings.Repeat(" ", max(0, n-width(s))) + s }

// width is the columns s takes in a terminal: two for a wide character.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if unicode.Is(unicode.Han, r) || (r >= 0xFF01 && r <= 0xFF60) || (r >= 0x3000 && r <= 0x303F) {
			n++
		}
	}
	return n
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress returns a progress printer for a terminal, or nil.
func progress(w io.Writer, lang string) func(string, int, int) {
	if !isTerminal(w) {
		return nil
	}
	steps := map[string]diag.Text{"rendering": diag.T("rendering")}
	return func(step string, done, total int) {
		if t, ok := steps[step]; ok {
			step = t.In(lang)
		}
		fmt.Fprintf(w, "\r%s %d/%d…", step, done, total)
	}
}

func clearProgress(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}
