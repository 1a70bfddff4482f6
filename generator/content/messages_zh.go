package content

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"file is saved as UTF-16 (Unicode) but is not whole: in your editor choose Save As… > Encoding: UTF-8":                                                                                                      "文件以 UTF-16（Unicode）编码保存，但内容不完整：请在编辑器中选择“另存为…”，编码选 UTF-8",
		"file is saved as UTF-16 (Unicode), not UTF-8: in your editor choose Save As… > Encoding: UTF-8":                                                                                                            "文件以 UTF-16（Unicode）编码保存，不是 UTF-8：请在编辑器中选择“另存为…”，编码选 UTF-8",
		"file is GBK/GB18030-encoded, not UTF-8: convert it with `iconv -f GB18030 -t UTF-8 %s > %s.utf8`, check the new file and replace the old one with it, or in your editor choose Save As… > Encoding: UTF-8": "文件是 GBK/GB18030 编码，不是 UTF-8：请用 `iconv -f GB18030 -t UTF-8 %s > %s.utf8` 转换，检查新文件无误后用它替换旧文件；或者在编辑器中选择“另存为…”，编码选 UTF-8",
		"file is not valid UTF-8 (byte 0x%02x at offset %d): save it as UTF-8":                                                                                                                                      "文件不是有效的 UTF-8 编码（字节 0x%02x，位于第 %d 个字节之后）：请把它另存为 UTF-8 编码",
		"file is empty: start it with front matter (---, title: …, kind: …, ---) or delete it":                                                                                                                      "文件是空的：请在开头写上前置元数据（---、title: …、kind: …、---），或者删除它",
		"no front matter: start the file with a --- line, then title: and kind: (one of %s), then ---":                                                                                                              "缺少前置元数据：文件第一行请写 ---，接着写 title: 和 kind:（取 %s 之一），再写一行 ---",
		"missing kind: add `kind:` with one of %s":                                                                                                                                                                  "缺少类型：请加上 `kind:`，取 %s 之一",
		"unknown kind %q: use one of %s":                                                                  "没有 %q 这个类型：请从 %s 中选一个",
		"missing title: add `title:` with the page's title":                                               "缺少标题：请加上 `title:`，写上本页的标题",
		"page has front matter but no content: write the body below the closing --- line":                 "页面只有前置元数据，没有正文：请在结束的 --- 行下面写正文",
		"rendering failed: %v":                                                                            "页面生成失败：%v",
		"the file disappeared while the site was read (deleted or renamed during the build): build again": "读取站点时这个文件不见了（生成过程中被删除或改名）：请重新生成",
		"cannot read: %v": "无法读取：%v",
		"the file name has %q, which has a meaning of its own in a URL, so links to the page would go nowhere: rename it using letters, digits, - and _": "文件名中有 %q，它在网址里另有含义，指向这个页面的链接会失效：请改用字母、数字、- 和 _ 重新命名",
		"the file name has %q, which Windows does not allow in file names and URLs do not take: rename it using letters, digits, - and _":                "文件名中有 %q，Windows 的文件名不允许这个字符，网址里也不能用：请改用字母、数字、- 和 _ 重新命名",
		"cannot read the folder: %v": "无法读取文件夹：%v",
		"symbolic link loop: the link leads back to %s, a folder it is in: delete the link":  "符号链接循环：这个链接指回了它所在的文件夹 %s：请删除这个链接",
		"symbolic links to folders nest more than %d deep (a loop?): delete the link":        "指向文件夹的符号链接嵌套超过 %d 层（是不是循环了？）：请删除这个链接",
		"symbolic link loop: the link leads back to itself: point it at a file or delete it": "符号链接循环：这个链接指向了它自己：请让它指向一个文件，或者删除它",
		"broken symbolic link: its target does not exist: fix the link or delete it":         "符号链接已失效：它指向的目标不存在：请修正这个链接，或者删除它",
		"cannot follow the symbolic link: %v":                                                "无法打开符号链接指向的目标：%v",
		"cannot read the content folder: %v":                                                 "无法读取内容文件夹：%v",
		"form %q is not an inspection form: use %s, or leave form out for a plain checklist": "form 的值 %q 不是可用的检查考评表类型：请从 %s 中选一个；普通清单不用写 form",
	})
}
