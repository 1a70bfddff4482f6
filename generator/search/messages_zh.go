package search

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"search: document %q has no URL":              "搜索索引：文档 %q 没有网址",
		"search: two or more documents have this URL": "搜索索引：有两个或更多文档使用这个网址",
	})
}
