package config

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"language %q is not supported: use zh-CN or en":                                          "不支持语言 %q：请用 zh-CN 或 en",
		"paper %q is not supported: use A4 or Letter":                                            "不支持纸张 %q：请用 A4 或 Letter",
		"base_url %q must be an absolute http(s) URL such as https://intranet.example/handbook/": "base_url %q 必须是以 http:// 或 https:// 开头的完整网址，例如 https://intranet.example/handbook/",
	})
}
