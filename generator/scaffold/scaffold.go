// Package scaffold creates content files from the theme's archetypes and
// starts new handbook sites. It never overwrites an existing file.
package scaffold

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/model"
	"handbook/generator/theme"
	"handbook/themes"
)

// Kinds lists the kinds that have an archetype.
func Kinds() []string {
	var out []string
	for _, k := range model.Kinds {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

// archetype returns the archetype of kind, from the site's theme folder if
// it has one, else from the default theme.
func archetype(source, kind string) ([]byte, error) {
	if !model.Kind(kind).Valid() {
		return nil, diag.New("", 0, diag.T("unknown kind %q: use one of %s, or `site`", kind, strings.Join(Kinds(), ", ")), nil)
	}
	name := "archetypes/" + kind + ".md"
	if b, err := os.ReadFile(filepath.Join(source, "themes", "default", filepath.FromSlash(name))); err == nil {
		return b, nil
	}
	return fs.ReadFile(themes.Default, "default/"+name)
}

// NewPage writes a new content file of kind at path (relative to the
// content folder, or starting with content/) and returns its path.
func NewPage(source, kind, path string, now time.Time) (string, error) {
	tmpl, err := archetype(source, kind)
	if err != nil {
		return "", err
	}
	path = filepath.ToSlash(path)
	path = strings.TrimPrefix(path, "content/")
	if !strings.HasSuffix(path, ".md") {
		path += ".md"
	}
	if !fs.ValidPath(path) {
		return "", diag.New("", 0, diag.T("%s: give a path inside content/, such as cleaning/lobby.md", path), nil)
	}
	if p, ok := content.NameText(path); ok {
		return "", diag.Errorf("content/"+path, 0, "%s; nothing was created", p)
	}
	title := strings.TrimSuffix(filepath.Base(path), ".md")
	title = strings.ReplaceAll(title, "-", " ")
	out := filepath.Join(source, "content", filepath.FromSlash(path))
	b, err := execute(tmpl, map[string]string{"Title": title, "Date": now.Format("2006-01-02")})
	if err != nil {
		return "", err
	}
	return out, writeNew(out, b)
}

func execute(tmpl []byte, data any) ([]byte, error) {
	t, err := template.New("archetype").Parse(string(tmpl))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, data)
	return b.Bytes(), err
}

func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return diag.New("", 0, diag.T("%s already exists: choose another name; nothing was changed", path), err)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// folders are where a new site keeps each kind.
var folders = map[model.Kind]string{
	model.KindRole: "roles", model.KindProcedure: "procedures", model.KindEtiquette: "etiquette",
	model.KindPersonality: "personalities", model.KindCleaning: "cleaning", model.KindEmergency: "emergencies",
	model.KindStandard: "standards", model.KindRubric: "inspection", model.KindChecklist: "checklists",
	model.KindTraining: "training", model.KindPage: "pages",
}

// NewSite starts a handbook in dir: a config file, a home page, a role, one
// page of every other kind for that role, and a quiz.
func NewSite(dir string) error {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return diag.New("", 0, diag.T("%s is not empty: choose a new folder for the handbook", dir), nil)
	}
	today := time.Now().Format("2006-01-02")
	files := map[string]string{
		"handbook.toml": "# 手册站点的设置。全部设置见 handbook 的 README（“Configuration”一节）和中文编写指南。\n" +
			"title = \"我们的员工手册\"\n" +
			"# 界面文字和工具提示的语言：zh-CN 或 en\nlanguage = \"zh-CN\"\n" +
			"# 打印纸张：A4 或 Letter\npaper = \"A4\"\n" +
			"# 网站发布的完整网址；填写后，打印的清单上会印二维码\n# base_url = \"https://intranet.example/handbook/\"\n",
		"content/_index.md": "---\ntitle: 我们的员工手册\nkind: page\n---\n\n欢迎。新员工请从自己的岗位手册读起。\n",
		"quizzes/intro.md": "---\ntitle: 入职测验\nroles: [员工]\npass: 60\nsources: [procedures/procedure.md]\n---\n\n" +
			"## 第一步是什么? {#first-step}\n\n你第一天上班。\n\n- [x] 第一步\n- [ ] 最后一步\n\n> 程序的第一步就是第一步。\n\n出处:[程序](../content/procedures/procedure.md#步骤)\n",
	}
	// The sample pages are titled by their kind's name in the interface,
	// 示例清洁规程, as readers see them in navigation and search.
	ui, err := theme.Load(nil, "", "zh-CN", nil)
	if err != nil {
		return err
	}
	for _, k := range model.Kinds {
		tmpl, err := archetype(dir, string(k))
		if err != nil {
			return err
		}
		b, err := execute(tmpl, map[string]string{"Title": "示例" + ui.T("kind."+string(k)), "Date": today})
		if err != nil {
			return err
		}
		s := string(b)
		if k == model.KindRole {
			s = strings.Replace(s, "title: 示例"+ui.T("kind.role"), "title: 员工", 1)
		} else {
			s = strings.Replace(s, "roles: []", "roles: [员工]", 1)
		}
		name := "content/" + folders[k] + "/" + string(k) + ".md"
		if k == model.KindGlossary {
			name = "content/glossary.md"
		}
		files[name] = s
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(n)), []byte(files[n])); err != nil {
			return err
		}
	}
	return nil
}
