package scaffold

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"unknown kind %q: use one of %s, or `site`":                   "没有 %q 这个类型：请从 %s 中选一个，或者用 `site` 新建站点",
		"%s: give a path inside content/, such as cleaning/lobby.md":  "%s：请给出 content/ 里面的路径，例如 cleaning/lobby.md",
		"%s; nothing was created":                                     "%s；没有创建任何文件",
		"%s already exists: choose another name; nothing was changed": "%s 已经存在：请换一个文件名；没有改动任何文件",
		"%s is not empty: choose a new folder for the handbook":       "%s 不是空文件夹：请为手册另选一个新文件夹",
	})
}
