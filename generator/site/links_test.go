package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkAndRoleMessages changes the test site as an author would and
// checks what `check` says: each message names the file and line and
// says what to write instead.
func TestLinkAndRoleMessages(t *testing.T) {
	page := func(body string) string { return "---\ntitle: X\nkind: page\n---\n" + body + "\n" }
	cleaning := func(title string) string {
		return "---\ntitle: " + title + "\nkind: page\nroles: [保洁员]\n---\n正文。\n"
	}
	for _, tc := range []struct {
		name  string
		files map[string]string // "" removes the file
		want  []string
		not   []string
	}{
		{"link from the root to nothing",
			map[string]string{"content/roles/x.md": page("见[没有](/cleaning/nosuch.md)。")},
			[]string{`content/roles/x.md:5: broken link "/cleaning/nosuch.md": content/cleaning/nosuch.md does not exist`}, nil},
		{"link from the root to a missing anchor",
			map[string]string{"content/roles/x.md": page("见[电梯](/cleaning/elevator.md#月度清洁)。")},
			[]string{`content/roles/x.md:5: broken anchor "/cleaning/elevator.md#月度清洁": content/cleaning/elevator.md has no heading with ID "月度清洁"`}, nil},
		{"space in an anchor that matches a heading",
			map[string]string{"content/roles/x.md": page("见[电梯](../cleaning/elevator.md#定期 清洁)。")},
			[]string{`content/roles/x.md:5: link "../cleaning/elevator.md#定期 清洁" has a space, so the page shows it as text, not as a link: the heading's ID is "定期清洁": write ../cleaning/elevator.md#定期清洁`}, nil},
		{"space in an anchor that matches nothing",
			map[string]string{"content/roles/x.md": page("正文\n\n见[电梯](../cleaning/elevator.md#不存在 的标题)。")},
			[]string{`content/roles/x.md:7: link "../cleaning/elevator.md#不存在 的标题" has a space, so the page shows it as text, not as a link: remove the space; content/cleaning/elevator.md has no heading with ID "不存在的标题" either (its headings: #区域 #频率 #工具 #步骤 #质量标准 #日常保洁 #定期清洁)`}, nil},
		{"space in a file name",
			map[string]string{"content/roles/x.md": page("见[电梯](../cleaning/ele vator.md)。")},
			[]string{`content/roles/x.md:5: link "../cleaning/ele vator.md" has a space, so the page shows it as text, not as a link: remove the space: the page is ../cleaning/elevator.md`}, nil},
		{"brackets in prose are not links",
			map[string]string{"content/roles/x.md": page("注[一](见 第二章)。`[a](b c.md)`")},
			nil, []string{"has a space"}},
		{"path written from content/ in a page of the folder",
			map[string]string{
				"content/cleaning/a.md":          page("见[电梯](content/cleaning/elevator.md)。"),
				"content/checklists/elevator.md": "---\ntitle: 电梯检查表\nkind: page\n---\n正文。\n",
			},
			[]string{`content/cleaning/a.md:5: broken link "content/cleaning/elevator.md": content/cleaning/content/cleaning/elevator.md does not exist: did you mean elevator.md (电梯)?`}, nil},
		{"path written from the root folder in another folder",
			map[string]string{"content/roles/x.md": page("见[电梯](cleaning/elevator.md#日常保洁)。")},
			[]string{`content/roles/x.md:5: broken link "cleaning/elevator.md#日常保洁": content/roles/cleaning/elevator.md does not exist: did you mean ../cleaning/elevator.md#日常保洁 (电梯)?`}, nil},
		{"the output name instead of the source",
			map[string]string{"content/cleaning/a.md": page("见[电梯](elevator.html)和[电梯](elevator)。")},
			[]string{
				`content/cleaning/a.md:5: broken link "elevator.html": content/cleaning/elevator.html does not exist: did you mean elevator.md (电梯)?`,
				`content/cleaning/a.md:5: broken link "elevator": content/cleaning/elevator does not exist: did you mean elevator.md (电梯)?`,
			}, nil},
		{"a misspelt name",
			map[string]string{"content/roles/x.md": page("见[电梯](../cleaning/elevater.md)。")},
			[]string{`content/roles/x.md:5: broken link "../cleaning/elevater.md": content/cleaning/elevater.md does not exist: did you mean ../cleaning/elevator.md (电梯)?`}, nil},
		{"a role page removed",
			map[string]string{
				"content/roles/cleaner.md": "",
				"content/cleaning/a.md":    cleaning("甲"),
				"content/cleaning/b.md":    cleaning("乙"),
			},
			[]string{`role "保洁员" is named by 3 pages (content/cleaning/a.md:4, content/cleaning/b.md:4, content/cleaning/elevator.md:4) but no role page has that title: restore its role page in content/roles/ (kind: role, title: 保洁员), or change roles: in those files to roles that exist (前台文员)`},
			[]string{`unknown role`}},
		{"a role page whose title changed",
			map[string]string{
				"content/roles/cleaner.md": "---\ntitle: 清洁员\nkind: role\n---\n负责清洁。\n",
				"content/cleaning/a.md":    cleaning("甲"),
				"content/cleaning/b.md":    cleaning("乙"),
			},
			[]string{`role "保洁员" is named by 3 pages (content/cleaning/a.md:4, content/cleaning/b.md:4, content/cleaning/elevator.md:4) but no role page has that title: if content/roles/cleaner.md:2 (清洁员) is its role page, whose title changed, change the title back to 保洁员; otherwise restore`},
			[]string{`unknown role`}},
		{"a role page that does not load",
			map[string]string{
				"content/roles/cleaner.md": "---\ntitle: 保洁员\nkind: rol\n---\n负责清洁。\n",
				"content/cleaning/a.md":    cleaning("甲"),
				"content/cleaning/b.md":    cleaning("乙"),
			},
			[]string{`content/roles/cleaner.md:3: unknown kind "rol"`, `but no role page has that title: if content/roles/cleaner.md is its role page, fix the problems reported there; otherwise restore`},
			[]string{`unknown role`}},
		{"roles run together in many pages",
			map[string]string{
				"content/cleaning/a.md": "---\ntitle: 甲\nkind: page\nroles: [保洁员，前台文员]\n---\n正文。\n",
				"content/cleaning/b.md": "---\ntitle: 乙\nkind: page\nroles: [保洁员，前台文员]\n---\n正文。\n",
				"content/cleaning/c.md": "---\ntitle: 丙\nkind: page\nroles: [保洁员，前台文员]\n---\n正文。\n",
			},
			[]string{`content/cleaning/a.md:4: unknown role "保洁员，前台文员"`, `content/cleaning/c.md:4: unknown role "保洁员，前台文员"`},
			[]string{`no role page`}},
		{"a role named by two pages is a problem of each",
			map[string]string{"content/cleaning/a.md": "---\ntitle: 甲\nkind: page\nroles: [保安]\n---\n正文。\n", "content/cleaning/b.md": "---\ntitle: 乙\nkind: page\nroles: [保安]\n---\n正文。\n"},
			[]string{`content/cleaning/a.md:4: unknown role "保安"`, `content/cleaning/b.md:4: unknown role "保安"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copySite(t)
			for f, s := range tc.files {
				if s == "" {
					if err := os.Remove(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
						t.Fatal(err)
					}
					continue
				}
				write(t, dir, f, s)
			}
			_, err := Build(context.Background(), Options{Source: dir, Check: true})
			msg := fmt.Sprint(err)
			if err == nil && tc.want != nil {
				t.Fatal("check passed")
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("problems:\n%s\nwant them to contain:\n%s", msg, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(msg, w) {
					t.Errorf("problems:\n%s\nwant nothing with %q", msg, w)
				}
			}
		})
	}
}

// TestLinkFromTheRootIsRelative: a link written from / is a link from the
// content root, published relative, so that the site works under any path
// of a server and from disk.
func TestLinkFromTheRootIsRelative(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/frontdesk/p.md", "---\ntitle: 页\nkind: page\n---\n见[电梯](/cleaning/elevator.md#日常保洁)。\n")
	if _, err := buildSite(t, dir); err != nil {
		t.Fatal(err)
	}
	html := read(t, filepath.Join(dir, "public"), "frontdesk/p.html")
	if want := `<a href="../cleaning/elevator.html#%E6%97%A5%E5%B8%B8%E4%BF%9D%E6%B4%81">电梯</a>`; !strings.Contains(html, want) {
		t.Errorf("want %s in\n%s", want, html)
	}
}

// TestSameTitleWarns: a copied page that keeps its title is a warning that
// names both files and lines.
func TestSameTitleWarns(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/cleaning/elevator-copy.md", "---\nkind: cleaning\ntitle: 电梯\n---\n正文。\n")
	res, err := Build(context.Background(), Options{Source: dir, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/cleaning/elevator-copy.md:3: title "电梯" is also the title of content/cleaning/elevator.md:2: give one of them another title, so that readers can tell them apart in lists and search`
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != want {
		t.Errorf("warnings = %q, want [%q]", res.Warnings, want)
	}
}

// TestJoinedTagsWarn: tags written with a full-width comma are one tag,
// which is a warning naming the line and the tags meant.
func TestJoinedTagsWarn(t *testing.T) {
	dir := copySite(t)
	write(t, dir, "content/cleaning/extra.md", "---\nkind: cleaning\ntitle: 特殊区域保洁\ntags: [特殊区域，电梯]\n---\n正文。\n")
	res, err := Build(context.Background(), Options{Source: dir, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/cleaning/extra.md:4: tag "特殊区域，电梯" has a full-width comma "，", so it is one tag: to give several, separate them with the ASCII comma ",", as in [特殊区域, 电梯]`
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != want {
		t.Errorf("warnings = %q, want [%q]", res.Warnings, want)
	}
}
