package theme

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"theme %q not found: create %s/ or set theme = \"default\"": "找不到主题 %q：请新建文件夹 %s/，或者把 theme 设为 \"default\"",
		"UI strings missing: %v":                                    "缺少界面文字：%v",
		"invalid UI strings: %v":                                    "界面文字有误：%v",
	})
}
