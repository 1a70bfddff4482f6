package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"handbook/generator/diag"
	"handbook/generator/scaffold"
)

// helpArgs fill in the verbs of a command's long help, by command name.
var helpArgs = map[string][]any{
	"new": {strings.Join(scaffold.Kinds(), ", ")},
}

// localizeHelp writes the help of root and every command under it in
// lang: their descriptions, their flags' and, in Chinese, the headings.
// The texts are the English ones the commands are written with, looked
// up as messages.
func localizeHelp(root *cobra.Command, lang string) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Short = helpText(c.Short, lang)
		if c.Long != "" {
			c.Long = diag.Text{Format: c.Long, Args: helpArgs[c.Name()]}.In(lang)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" {
				f.Usage = diag.T("help for %s", c.Name()).In(lang)
				return
			}
			f.Usage = helpText(f.Usage, lang)
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if lang != diag.English {
		cobra.AddTemplateFunc("zh", zhUsage)
		root.SetUsageTemplate(usageZh)
	}
}

var flagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)

// zhUsage turns what cobra and pflag write in English around the help
// texts into Chinese: "[flags]" and "(default …)".
func zhUsage(s string) string {
	s = strings.ReplaceAll(s, " [flags]", " [选项]")
	return flagDefault.ReplaceAllString(s, "（默认 $1）")
}

// helpText is s, an English help text without verbs, in lang.
func helpText(s, lang string) string {
	if s == "" {
		return s
	}
	return diag.Text{Format: s}.In(lang)
}

// usageZh is the usage part of a command's help in Chinese, laid out as
// cobra's own.
const usageZh = `用法：{{if .Runnable}}
  {{zh .UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableInheritedFlags}}

通用选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableSubCommands}}

运行 "{{.CommandPath}} [命令] --help" 查看各个命令的用法。{{end}}
`
