package server

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"strings"

	"handbook/generator/content"
	"handbook/generator/markdown"
)

// noSitePage is what every URL shows while no build has succeeded: a page
// without the theme (which may be what is broken) that names the problems,
// and whose live-reload script shows them in the overlay and reloads into
// the site after the save that fixes them.
func (s *Server) noSitePage(problems string) []byte {
	s.mu.Lock()
	lang := s.cfg.Language
	s.mu.Unlock()
	title, text := "手册还不能显示", "网站有错误，还没有成功生成过。下面列出每个问题所在的文件和行号；改好并保存后，这一页会自动打开网站。"
	if lang == "en" {
		title, text = "The handbook cannot be shown yet", "The site has problems and has not been built yet. Each problem below names its file and line; once you save the fix, this page opens the site."
	} else {
		lang = "zh-CN"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s" data-hb-nosite>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>
body { font: 16px/1.7 system-ui, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2328; margin: 0 auto; max-width: 46rem; padding: 2rem 1rem 60vh; }
pre { white-space: pre-wrap; }
#hb-dev-overlay { position: fixed; right: 1rem; bottom: 1rem; left: 1rem; z-index: 9999; background: #2d0b0b; color: #ffd7d5; border: 2px solid #f85149;
  border-radius: 10px; padding: 1rem 1.2rem; font: 14px/1.6 ui-monospace, monospace; white-space: pre-wrap; max-height: 60vh; overflow: auto; }
#hb-dev-overlay strong { display: block; color: #fff; font: 600 1rem/1.6 system-ui, sans-serif; }
</style>
<script src="/__handbook/live.js" defer></script>
</head>
<body>
<main>
<h1>%s</h1>
<p>%s</p>
<noscript><pre>%s</pre></noscript>
</main>
</body>
</html>
`, lang, html.EscapeString(title), html.EscapeString(title), html.EscapeString(text), html.EscapeString(problems))
	return b.Bytes()
}

// draftOf returns the content file (a slash path from the site root) of
// name, a missing output path, when that file is a page marked draft: true
// that the server leaves out for want of --drafts; otherwise "".
func (s *Server) draftOf(name string) string {
	if s.opt.Build.Drafts || !strings.HasSuffix(name, ".html") {
		return ""
	}
	s.mu.Lock()
	dir := s.cfg.ContentDir
	s.mu.Unlock()
	var candidates []string
	if base := path.Base(name); base == "index.html" {
		d := strings.TrimSuffix(name, base)
		candidates = []string{d + "_index.md", d + "index.md"}
	} else {
		candidates = []string{strings.TrimSuffix(name, ".html") + ".md"}
	}
	for _, rel := range candidates {
		file := path.Join(dir, rel)
		raw, err := os.ReadFile(filepath.Join(s.opt.Build.Source, filepath.FromSlash(file)))
		if err != nil {
			continue
		}
		r := markdown.New(markdown.Options{URLOf: content.URLOf})
		if p, err := content.ParseFile(r, file, rel, raw); err == nil && p.FM.Draft {
			return file
		}
	}
	return ""
}

// draftNote says on the 404 page notFound, served for name, that the page
// is the draft file, and says it once in the terminal too.
func (s *Server) draftNote(notFound []byte, name, file string) []byte {
	s.mu.Lock()
	lang, said := s.cfg.Language, s.drafts[name]
	s.drafts[name] = true
	s.mu.Unlock()
	if !said {
		s.say("%s is not served: %s is a draft (draft: true). Restart with `handbook serve --drafts` to preview drafts, or remove the draft: true line to publish it.", name, file)
	}
	text := fmt.Sprintf("这一页是草稿：%s 里写着 draft: true，所以预览里没有它。要预览草稿，请用 handbook serve --drafts 重新启动；要发布它，删掉 draft: true 这一行。", file)
	if lang == "en" {
		text = fmt.Sprintf("This page is a draft: %s has draft: true, so the preview leaves it out. To preview drafts, restart with handbook serve --drafts; to publish it, remove the draft: true line.", file)
	}
	note := `<p id="hb-dev-draft" role="note" style="margin:1rem;padding:.8rem 1rem;border:2px solid #d29922;border-radius:8px;background:#fff8c5;color:#3b2300">` + html.EscapeString(text) + `</p>`
	// Put the note at the top of the main content, or of the body.
	for _, tag := range []string{"<main", "<body"} {
		if i := bytes.Index(notFound, []byte(tag)); i >= 0 {
			if j := bytes.IndexByte(notFound[i:], '>'); j >= 0 {
				at := i + j + 1
				return bytes.Join([][]byte{notFound[:at], []byte(note), notFound[at:]}, nil)
			}
		}
	}
	return append([]byte(note), notFound...)
}
