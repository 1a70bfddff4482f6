package chromium

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"no Chromium found: install it with `apt-get install chromium` (Debian) and a CJK font such as fonts-noto-cjk, or on Windows and macOS Google Chrome or Microsoft Edge, or set CHROME_PATH": "找不到 Chromium 浏览器：请安装它（Debian 上运行 `apt-get install chromium`）和一种中文字体（如 fonts-noto-cjk）；Windows 和 macOS 上安装 Google Chrome 或 Microsoft Edge 即可；也可以用 CHROME_PATH 指定浏览器程序",
		"CHROME_PATH=%s is not a program: %v": "CHROME_PATH=%s 不是可以运行的程序：%v",
	})
}
