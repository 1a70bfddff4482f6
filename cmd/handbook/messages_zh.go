package main

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"%d problem(s) found; nothing was written.": "共 %d 个问题，没有写入任何文件。",
		"%d problem(s) found.":                      "共 %d 个问题。",
		"error: %s":                                 "错误：%s",
		"warning: %s":                               "警告：%s",
		"ok: %d pages checked, no problems.":        "检查完毕：%d 个页面，没有问题。",
		"new takes a KIND and a PATH, as in `handbook new cleaning cleaning/lobby.md` (kinds: %s), or site and a folder, as in `handbook new site my-handbook`": "new 后面要写类型和路径，例如 `handbook new cleaning cleaning/lobby.md`（类型：%s）；或者写 site 和文件夹，例如 `handbook new site my-handbook`",
		"Created a new handbook in %s.\nNext: cd %s && handbook serve":                                                                                          "已在 %s 新建手册。\n下一步：cd %s && handbook serve",
		"Created %s": "已创建 %s",
		"rendering":  "正在生成页面",
		"pages":      "页数",
		"HTML pages": "HTML 页面",
		"files":      "文件",
		"warnings":   "警告",
		"Built in %d ms into %s\nOpen %s in a browser, or run `handbook serve`.":       "生成完毕，用时 %d 毫秒，输出到 %s\n用浏览器打开 %s，或运行 `handbook serve`。",
		"--format %q: use gift or csv":                                                 "--format %q：请用 gift 或 csv",
		"no quiz matches %s":                                                           "没有与 %s 相符的测验",
		"nothing was written.":                                                         "没有写入任何内容。",
		"%s already exists: choose another file; nothing was written":                  "%s 已存在：请换一个文件名；没有写入任何内容",
		"standard output":                                                              "标准输出",
		"%d problem(s); the questions above were not converted or need a look.":        "共 %d 个问题：上面的题目没有转换，或需要检查。",
		"%d checklist(s) do not fit on one sheet; their PDF files were written to %s.": "%d 份清单一张纸印不下；它们的 PDF 文件已写入 %s。",
		"Wrote %d PDF file(s) into %s":                                                 "已将 %d 个 PDF 文件写入 %s",
		"unknown command %q for %s: did you mean %s? (see `%s --help`)":                "%[2]s 没有 %[1]q 这个命令：是不是要写 %[3]s？（命令列表见 `%[4]s --help`）",
		"unknown command %q for %s (see `%s --help`)":                                  "%[2]s 没有 %[1]q 这个命令（命令列表见 `%[3]s --help`）",
		"unknown flag %s (see --help for the flags)":                                   "没有 %s 这个选项（选项列表见 --help）",
		"flag %s needs a value, as in %s VALUE":                                        "选项 %s 后面要写一个值，例如 %s 值",
		"%q is not a valid value for %s: %s":                                           "%q 不是 %s 可用的值：%s",
		"takes %s argument(s), got %s (see --help)":                                    "这个命令要 %s 个参数，现在有 %s 个（用法见 --help）",
		"takes at most %s argument(s), got %s (see --help)":                            "这个命令最多要 %s 个参数，现在有 %s 个（用法见 --help）",
	})
}
