package quiz

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Markdown returns q written in the quiz file format, with YAML front
// matter. Parse(q.Path, q.Markdown()) gives back the same quiz (lines
// aside): every text is escaped so that it reads back as written.
func (q *Quiz) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(q.frontMatter(true))
	b.WriteString("---\n")
	for i := range q.Questions {
		b.WriteString("\n")
		q.writeQuestion(&b, &q.Questions[i])
	}
	return b.Bytes()
}

// frontMatter returns the front matter of q as YAML, with the title or
// without it (ExportGIFT gives the title as the category).
func (q *Quiz) frontMatter(withTitle bool) []byte {
	fm := struct {
		Title     string   `yaml:"title,omitempty"`
		Roles     []string `yaml:"roles,omitempty,flow"`
		Pass      int      `yaml:"pass,omitempty"`
		TimeLimit string   `yaml:"time_limit,omitempty"`
		Countdown string   `yaml:"countdown,omitempty"`
		Sources   []string `yaml:"sources,omitempty,flow"`
		Tags      []string `yaml:"tags,omitempty,flow"`
		Summary   string   `yaml:"summary,omitempty"`
	}{"", q.Roles, q.Pass, formatDuration(q.TimeLimit), formatDuration(q.Countdown), q.Sources, q.Tags, q.Summary}
	if withTitle {
		fm.Title = q.Title
	}
	out, err := yaml.Marshal(fm)
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	if string(out) == "{}\n" {
		return nil
	}
	return out
}

func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

func (q *Quiz) writeQuestion(b *bytes.Buffer, qq *Question) {
	attrs := []string{}
	if qq.ID != "" {
		attrs = append(attrs, "#"+qq.ID)
	}
	if qq.Type != Single {
		attrs = append(attrs, "type="+qq.Type)
	}
	b.WriteString("## " + escapeInline(oneLine(qq.Prompt)))
	if len(attrs) > 0 {
		b.WriteString(" {" + strings.Join(attrs, " ") + "}")
	}
	b.WriteString("\n\n")
	if qq.Situation != "" {
		writeParagraphs(b, qq.Situation, "")
		b.WriteString("\n")
	}
	switch qq.Type {
	case Order:
		for i, s := range qq.Order {
			fmt.Fprintf(b, "%d. %s\n", i+1, escapeItem(s))
		}
	case Match:
		for _, p := range qq.Pairs {
			fmt.Fprintf(b, "- %s => %s\n", escapeItem(p.Left), escapeInline(oneLine(p.Right)))
		}
	case Short:
		for _, s := range qq.Answers {
			fmt.Fprintf(b, "- %s\n", escapeItem(s))
		}
	default:
		for _, c := range qq.Choices {
			box := "[ ]"
			if c.Correct {
				box = "[x]"
			}
			fmt.Fprintf(b, "- %s %s\n", box, escapeItem(c.Text))
		}
	}
	if qq.Explanation != "" {
		b.WriteString("\n")
		writeParagraphs(b, qq.Explanation, "> ")
	}
	if qq.Source.Path != "" {
		dest := q.sourceDest(qq.Source)
		if strings.ContainsAny(dest, " ()<>") {
			dest = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(dest) + ">"
		}
		text := qq.Source.Text
		if text == "" {
			text = qq.Source.Path
		}
		fmt.Fprintf(b, "\n出处:[%s](%s)\n", escapeInline(oneLine(text)), dest)
	}
}

// sourceDest returns the link from the quiz file to a content section.
func (q *Quiz) sourceDest(l Link) string {
	dir := path.Dir(q.Path)
	up := ""
	if dir != "." && dir != "" {
		up = strings.Repeat("../", strings.Count(dir, "/")+1)
	}
	dest := up + "content/" + l.Path
	if l.Anchor != "" {
		dest += "#" + l.Anchor
	}
	return dest
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeParagraphs writes plain text as Markdown paragraphs, each line
// prefixed (for a blockquote); a single newline becomes a hard break.
func writeParagraphs(b *bytes.Buffer, text, prefix string) {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if i > 0 {
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
		}
		lines := strings.Split(strings.Trim(p, "\n"), "\n")
		for j, l := range lines {
			b.WriteString(prefix + escapeLineStart(escapeInline(strings.TrimSpace(l))))
			if j < len(lines)-1 {
				b.WriteString("\\")
			}
			b.WriteString("\n")
		}
	}
}

var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `{`, `\{`, `}`, `\}`, `&`, `\&`,
)

// escapeInline escapes the characters that Markdown or the heading
// attribute syntax could read as markup.
func escapeInline(s string) string { return inlineEscaper.Replace(s) }

// escapeItem escapes the text of a list item, which must not start
// another block either.
func escapeItem(s string) string { return escapeLineStart(escapeInline(oneLine(s))) }

// escapeLineStart escapes what would start a block at the beginning of a
// line: list markers, headings, setext underlines, numbered items.
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=', '>', '#':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
