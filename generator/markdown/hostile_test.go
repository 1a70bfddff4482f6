package markdown_test

import (
	"strings"
	"testing"
	"time"

	"handbook/generator/content"
	"handbook/generator/markdown"
)

func renderAt(t *testing.T, unsafe bool, contentPath, src string) markdown.Result {
	t.Helper()
	r := markdown.New(markdown.Options{UnsafeHTML: unsafe, URLOf: content.URLOf})
	res, err := r.Render(contentPath, []byte(src), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestNoScriptURLsWhereverPlaced renders links that spell a script URL in
// ways goldmark decodes only when writing, or that the root marker or a
// file name turns into one, and places the body at every depth.
func TestNoScriptURLsWhereverPlaced(t *testing.T) {
	for _, src := range []string{
		"[a](javascript:alert(1))",
		"[a](java&#x73;cript:alert(1))",
		"[a](java&#115;cript:alert(1))",
		"[a](javascript&colon;alert(1))",
		"[a](javascript&#58;alert(1)#x)",
		"[a](<javascript&#58;alert(1)>)",
		"[a](vbscript&#58;msgbox)",
		"[a](data&#58;text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"![a](javascript&#58;alert(1))",
		"[a](%01javascript:alert(1))",
		"[a](&#1;javascript:alert(1))",
		"[a](./javascript:alert(1).md)",
		"[a](javascript:alert(1).md)",
		"[a][x]\n\n[x]: java&#115;cript:alert(1)",
	} {
		for _, p := range []string{"b.md", "a/b.md"} {
			res := renderAt(t, false, p, src+"\n")
			for _, root := range []string{"", "../"} {
				if out := markdown.Relocate(res.HTML, root); Hostile(out) != "" {
					t.Errorf("%s in %s placed at %q: %s\n%s", src, p, root, Hostile(out), out)
				}
			}
		}
	}
}

// TestLinksReadAsWritten checks that escapes and references in a link are
// resolved before the link is checked and rewritten, once.
func TestLinksReadAsWritten(t *testing.T) {
	res := renderAt(t, false, "a/b.md", "[x](c&amp;d.md#e) [y](c%26d.md) [z](f%23g.md) [w](100%25.md)\n")
	var targets []string
	for _, l := range res.Links {
		targets = append(targets, l.Target+"#"+l.Anchor)
	}
	if got, want := strings.Join(targets, " "), "a/c&d.md#e a/c&d.md# a/f#g.md# a/100%.md#"; got != want {
		t.Errorf("targets %s, want %s", got, want)
	}
	out := markdown.Relocate(res.HTML, "")
	for _, want := range []string{`href="a/c%26d.html#e"`, `href="a/f%23g.html"`, `href="a/100%25.html"`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
}

func TestHeadingAttributesOnlyIDAndClass(t *testing.T) {
	src := "## 标题 {#h .warn onclick=\"alert(1)\" style=\"position:fixed\" autofocus=\"\" tabindex=\"1\"}\n"
	res := renderAt(t, false, "a/b.md", src)
	if !strings.Contains(res.HTML, `<h2 id="h" class="warn">标题</h2>`) {
		t.Errorf("heading attributes not limited to id and class:\n%s", res.HTML)
	}
	res = renderAt(t, true, "a/b.md", src)
	if !strings.Contains(res.HTML, `style="position:fixed"`) {
		t.Errorf("unsafe_html should keep the attributes the renderer allows:\n%s", res.HTML)
	}
}

// TestManyEqualHeadings gives 10,000 headings one text: IDs stay unique
// and the page renders in linear time.
func TestManyEqualHeadings(t *testing.T) {
	var b strings.Builder
	for range 10000 {
		b.WriteString("## 标题\n\n正文\n\n")
	}
	start := time.Now()
	res := renderAt(t, false, "a/b.md", b.String())
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("10,000 headings took %s", d)
	}
	seen := map[string]bool{}
	for _, h := range res.Headings {
		if seen[h.ID] {
			t.Fatalf("ID %q twice", h.ID)
		}
		seen[h.ID] = true
	}
	if len(seen) != 10000 || !seen["标题-9999"] {
		t.Errorf("%d IDs", len(seen))
	}
}
