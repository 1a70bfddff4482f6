// Package theme loads a theme's html/template layouts, static files and UI
// strings. A site's themes/NAME/ overrides any file of the embedded default
// theme by its path; files it lacks come from the default.
//
// A loaded Theme is read-only and safe for concurrent use.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"handbook/generator/diag"
	"handbook/themes"
)

// Theme is a loaded theme.
type Theme struct {
	FS      fs.FS // the merged files: layouts/, static/, i18n/
	base    *template.Template
	layouts map[string]*template.Template
	strings map[string]string
	Lang    string
	custom  map[string]bool // layouts/ files the site's theme has, unlike the default's
}

// overlay reads from top first, then from base.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			return f, nil
		}
	}
	return o.base.Open(name)
}

// ReadDir merges both directories' entries.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, f := range []fs.FS{o.base, o.top} {
		if f == nil {
			continue
		}
		es, err := fs.ReadDir(f, name)
		if err != nil {
			firstErr = err
			continue
		}
		for _, e := range es {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Load returns the theme name of the site in siteFS (nil for the default
// alone), with UI strings for lang and the template functions funcs.
func Load(siteFS fs.FS, name, lang string, funcs template.FuncMap) (*Theme, error) {
	base, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return nil, err
	}
	var top fs.FS
	if siteFS != nil && name != "" {
		dir := path.Join("themes", name)
		if _, err := fs.Stat(siteFS, dir); err == nil {
			top, _ = fs.Sub(siteFS, dir)
		} else if name != "default" {
			return nil, diag.New("", 0, diag.T("theme %q not found: create %s/ or set theme = \"default\"", name, dir), nil)
		}
	}
	t := &Theme{FS: overlay{top, base}, Lang: lang}
	if err := t.loadStrings(lang); err != nil {
		return nil, err
	}
	fm := template.FuncMap{"T": t.T}
	for k, v := range funcs {
		fm[k] = v
	}
	if err := t.parse(fm); err != nil {
		return nil, err
	}
	if t.custom, err = customLayouts(top, base); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	return t, nil
}

func (t *Theme) loadStrings(lang string) error {
	t.strings = map[string]string{}
	// The zh-CN strings are the fallback for any key a language lacks.
	for _, l := range []string{"zh-CN", lang} {
		file := "i18n/" + l + ".yaml"
		src, err := fs.ReadFile(t.FS, file)
		if err != nil {
			return diag.Errorf("themes/"+file, 0, "UI strings missing: %v", err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(src, &m); err != nil {
			return diag.Errorf("themes/"+file, 0, "invalid UI strings: %v", err)
		}
		for k, v := range m {
			t.strings[k] = v
		}
	}
	return nil
}

// T returns the UI string for key, or key itself when missing.
func (t *Theme) T(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	return key
}

// Strings returns the UI strings whose keys start with prefix.
func (t *Theme) Strings(prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range t.strings {
		if strings.HasPrefix(k, prefix) {
			out[strings.TrimPrefix(k, prefix)] = v
		}
	}
	return out
}

// parse reads layouts/base.html and layouts/partials/*.html once, and each
// other layout into its own clone of them.
func (t *Theme) parse(funcs template.FuncMap) error {
	base := template.New("base.html").Funcs(funcs)
	src, err := fs.ReadFile(t.FS, "layouts/base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	if _, err := base.Parse(string(src)); err != nil {
		return templateError("layouts/base.html", err)
	}
	partials, _ := fs.ReadDir(t.FS, "layouts/partials")
	for _, e := range partials {
		name := "layouts/partials/" + e.Name()
		src, err := fs.ReadFile(t.FS, name)
		if err != nil {
			return err
		}
		if _, err := base.New("partials/" + e.Name()).Parse(string(src)); err != nil {
			return templateError(name, err)
		}
	}
	t.base = base
	t.layouts = map[string]*template.Template{}
	entries, err := fs.ReadDir(t.FS, "layouts")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "base.html" || !strings.HasSuffix(e.Name(), ".html") {
			continue
		}
		name := "layouts/" + e.Name()
		src, err := fs.ReadFile(t.FS, name)
		if err != nil {
			return err
		}
		c, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := c.New(e.Name()).Parse(string(src)); err != nil {
			return templateError(name, err)
		}
		t.layouts[strings.TrimSuffix(e.Name(), ".html")] = c
	}
	return nil
}

func templateError(file string, err error) error {
	return &diag.Error{File: "themes/" + file, Msg: err.Error(), Err: err}
}

// Execute renders layout (a file name under layouts/ without .html) in the
// base skeleton.
func (t *Theme) Execute(w io.Writer, layout string, data any) error {
	tm, ok := t.layouts[layout]
	if !ok {
		return fmt.Errorf("theme has no layouts/%s.html", layout)
	}
	return tm.ExecuteTemplate(w, "base.html", data)
}

// Partial renders a partial template (such as "partials/fields.html").
func (t *Theme) Partial(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	err := t.base.ExecuteTemplate(&b, name, data)
	return b.Bytes(), err
}

// Stock reports whether each of files under layouts/ (such as "layouts/page.html")
// is the default theme's own: the site's theme lacks it or has an identical
// copy.
func (t *Theme) Stock(files ...string) bool {
	for _, f := range files {
		if t.custom[f] {
			return false
		}
	}
	return true
}

// customLayouts lists the files under layouts/ that top has and that differ
// from base's, read once with the templates.
func customLayouts(top, base fs.FS) (map[string]bool, error) {
	custom := map[string]bool{}
	if top == nil {
		return custom, nil
	}
	err := fs.WalkDir(top, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		mine, err := fs.ReadFile(top, p)
		if err != nil {
			return err
		}
		stock, err := fs.ReadFile(base, p)
		if err != nil || !bytes.Equal(mine, stock) {
			custom[p] = true
		}
		return nil
	})
	return custom, err
}

// StandIn makes every template that calls the partial name (such as
// "partials/checklist-body.html") call fn instead, which must return what
// the partial would. For a partial drawn faster in Go; call it before the
// theme renders anything.
func (t *Theme) StandIn(name string, fn func(data any) (template.HTML, error)) error {
	fname := "standIn_" + strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(name)
	all := []*template.Template{t.base}
	for _, tm := range t.layouts {
		all = append(all, tm)
	}
	for _, tm := range all {
		if _, err := tm.Funcs(template.FuncMap{fname: fn}).New(name).Parse("{{" + fname + " .}}"); err != nil {
			return fmt.Errorf("theme: standing in for %s: %w", name, err)
		}
	}
	return nil
}

// Has reports whether the theme has layout.
func (t *Theme) Has(layout string) bool { _, ok := t.layouts[layout]; return ok }

// Render renders layout to bytes.
func (t *Theme) Render(layout string, data any) ([]byte, error) {
	var b bytes.Buffer
	err := t.Execute(&b, layout, data)
	return b.Bytes(), err
}

// StaticFiles lists the files under static/ (slash paths without the prefix).
func (t *Theme) StaticFiles() ([]string, error) {
	var out []string
	err := fs.WalkDir(t.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, "static/"))
		}
		return nil
	})
	return out, err
}
