package site

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		// Parts of messages.
		"%s and %d more":          "%s，另有 %d 处",
		"none":                    "无",
		"1 page":                  "1 个页面",
		"%d pages":                "%d 个页面",
		"1 quiz":                  "1 个测验",
		"%d quizzes":              "%d 个测验",
		"1 page and 1 quiz":       "1 个页面和 1 个测验",
		"1 page and %d quizzes":   "1 个页面和 %d 个测验",
		"%d pages and 1 quiz":     "%d 个页面和 1 个测验",
		"%d pages and %d quizzes": "%d 个页面和 %d 个测验",

		// Links.
		"broken link %q: %s does not exist":                                                      "失效的链接 %q：%s 不存在",
		"broken link %q: %s does not exist: did you mean %s?":                                    "失效的链接 %q：%s 不存在：是不是要写 %s？",
		"broken anchor %q: %s has no heading with ID %q (its headings: %s)":                      "失效的锚点 %q：%s 中没有锚点为 %q 的小标题（已有锚点：%s）",
		"link %q has a space, so the page shows it as text, not as a link: %s":                   "链接 %q 中有空格，所以页面把它显示为文字而不是链接：%s",
		"remove the space, write %%20 in its place, or put the destination in <…>, as in (<%s>)": "请删除空格，或在空格处写 %%20，或把链接地址放在 <…> 中，例如 (<%s>)",
		"write the space as %%20, as in (%s), or put the destination in <…>, as in (<%s>)":       "请把空格写成 %%20，例如 (%s)，或把链接地址放在 <…> 中，例如 (<%s>)",
		"remove the space: the page is %s":                                                       "请删除空格，写成 %s",
		"the heading's ID is %q: write %s#%s":                                                    "小标题的锚点是 %q：请写 %s#%s",
		"remove the space; %s has no heading with ID %q either (its headings: %s)":               "请删除空格；不过 %s 中也没有锚点为 %q 的小标题（已有锚点：%s）",

		// Roles.
		"unknown role %q: roles must be titles of role pages (%s)":                                                                "未知的岗位 %q：岗位必须是岗位页面的标题（现有岗位：%s）",
		"unknown role %q: separate roles with the ASCII comma \",\", not %q, as in [%s]":                                          "未知的岗位 %q：多个岗位要用英文逗号 \",\" 分隔，不能用 %q，例如 [%s]",
		"unknown role %q: separate roles with the ASCII comma \",\", not %q, as in [%s]; roles must be titles of role pages (%s)": "未知的岗位 %q：多个岗位要用英文逗号 \",\" 分隔，不能用 %q，例如 [%s]；岗位必须是岗位页面的标题（现有岗位：%s）",
		"role %q is named by %s (%s) but no role page has that title: %s%s":                                                       "岗位 %q 出现在 %s（%s）中，但没有哪个岗位页面用这个标题：%s%s",
		"if %s is its role page, fix the problems reported there; otherwise ":                                                     "如果 %s 是它的岗位页面，请修正那里报告的问题；否则",
		"if %s is its role page, whose title changed, change the title back to %s; otherwise ":                                    "如果 %s 是它的岗位页面、只是标题改了，请把标题改回 %s；否则",
		"restore its role page in %s (kind: role, title: %s), or change roles: in those files":                                    "请在 %s 中恢复它的岗位页面（kind: role, title: %s），或修改这些文件中的 roles:",
		"restore its role page in %s (kind: role, title: %s), or change roles: in those files to roles that exist (%s)":           "请在 %s 中恢复它的岗位页面（kind: role, title: %s），或把这些文件中的 roles: 改为已有的岗位（%s）",
		"role %q is defined twice, here and in %s: merge the two pages":                                                           "岗位 %q 定义了两次（本页和 %s）：请把这两个页面合并成一个",

		// Pages.
		"maps to the same URL %s as %s: rename one of the two files":                                                                   "与 %[2]s 生成的网址相同（都是 %[1]s）：请给其中一个文件改名",
		"page %q does not exist: give the path of the content page the checklist is drawn from, relative to %s/":                       "页面 %q 不存在：请写这份清单所依据的内容页面的路径（相对于 %s/）",
		"title %q is also the title of %s: give one of them another title, so that readers can tell them apart in lists and search":    "标题 %q 与 %s 的标题相同：请给其中一个换个标题，让读者在列表和搜索中能区分它们",
		"tag %q has a full-width comma \"，\", so it is one tag: to give several, separate them with the ASCII comma \",\", as in [%s]": "标签 %q 中有全角逗号“，”，所以它只是一个标签：要写多个标签，请用英文逗号 \",\" 分隔，例如 [%s]",
		"no %s/ folder in %s: run `handbook new site DIR` to start a handbook, or pass --source":                                       "%[2]s 中没有 %[1]s/ 文件夹：运行 `handbook new site DIR` 新建手册，或用 --source 指定站点文件夹",

		// Quizzes.
		"cannot read the quiz folder: %v": "无法读取测验文件夹：%v",
		"%s/drills/ is where generated drills are published: move this quiz to another folder": "%s/drills/ 用来发布自动生成的练习：请把这个测验移到别的文件夹",
		"cannot read: %v": "无法读取：%v",

		// The output folder.
		"destination %s is the source folder: choose another, such as %s":          "输出文件夹 %s 就是站点文件夹：请换一个，例如 %s",
		"destination %s contains the source folder %s: choose a folder outside it": "输出文件夹 %s 包含站点文件夹 %s：请选择站点文件夹以外的文件夹",
		"destination %s lies inside %s/: choose a folder outside the sources":      "输出文件夹 %s 在 %s/ 里面：输出文件夹不能放在内容、测验或主题文件夹里，请换一个",
		"cannot create %s: %v":       "无法创建 %s：%v",
		"cannot lock %s: %v":         "无法锁定 %s：%v",
		"cannot write beside %s: %v": "无法在 %s 所在的文件夹中写入：%v",
		"writing %s: %v":             "写入 %s 时出错：%v",
		"cannot write the new output to disk, so %s was left as it was: %v": "无法把新的输出写入磁盘，%s 保持原样：%v",
		"cannot replace %s: %v": "无法替换 %s：%v",
		"the new output is in %s, but the disk did not confirm it: %v": "新的输出已在 %s 中，但磁盘没有确认写入：%v",

		// Rendering.
		"rendering the page header and footer: %v": "生成网页的页头和页脚时出错：%v",
		"rendering %s with layouts/%s.html: %v":    "用 layouts/%[2]s.html 生成 %[1]s 时出错：%[3]v",
		"reading %s: %v":                           "读取 %s 时出错：%v",
		"rendering the fields of %s: %v":           "生成 %s 的字段时出错：%v",
		"themes: static/%s: %v":                    "主题文件 static/%s：%v",
		"partials/checklist-body.html was given %T: it takes the page's view (.) or an entry of .Entries; to give it other data, copy it into the site's theme, where it is executed as a template": "partials/checklist-body.html 收到了 %T：它只接受页面的视图 (.) 或 .Entries 中的一项；要传入其他数据，请把它复制到站点的主题中，它在那里作为模板执行",
	})
}
