package chromium

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"no Chromium found: install it with `apt-get install chromium` (Debian) and a CJK font such as fonts-noto-cjk, or set CHROME_PATH": "找不到 Chromium 浏览器：请安装它（Debian 上运行 `apt-get install chromium`）和一种中文字体（如 fonts-noto-cjk），或者用 CHROME_PATH 指定浏览器程序",
		"CHROME_PATH=%s is not a program: %v": "CHROME_PATH=%s 不是可以运行的程序：%v",
	})
}
