package print

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"starting %s: %v":                "无法启动 %s：%v",
		"printing %s: %v":                "打印 %s 失败：%v",
		"reading the print manifest: %v": "读取打印索引 print/manifest.json 时出错：%v",
		"the built site has no %s: build it with this version of handbook: %v": "生成的网站里没有 %s：请用这个版本的 handbook 重新生成网站：%v",
		"QR code of %q: %v": "无法为 %q 生成二维码：%v",
		"fits on one sheet only with its steps at %dpt, where posters want 14pt: shorten it":                 "步骤字号要缩小到 %d 磅才能印在一张纸上，而张贴用的清单要求 14 磅：请把它写短一些",
		"prints on %d pages (%s): a checklist must fit on one sheet; shorten its steps or its sign-off grid": "打印出来有 %d 页（%s）：清单必须印在一张纸上；请缩短步骤，或减少签名记录的行数",
		"the site has nothing to print: it has no page of kind checklist":                                    "网站里没有可以打印的内容：没有类型为 checklist 的页面",
		"(1 page)":                                 "（1 页）",
		"(%d pages)":                               "（%d 页）",
		" — does not fit on one sheet":             " — 一张纸印不下",
		" — steps shrunk to %dpt to fit":           " — 步骤字号缩小到 %d 磅才放得下",
		"pattern %q: %v":                           "匹配模式 %q 有误：%v",
		"no checklist matches %q (checklists: %s)": "没有与 %q 相符的清单（现有清单：%s）",
		"no handbook for role %q (roles: %s)":      "没有 %q 这个岗位的手册（现有岗位：%s）",
		"warning: no Chinese font is installed; Chinese text will print as boxes: install fonts-noto-cjk": "警告：没有安装中文字体，中文会印成方框：请安装 fonts-noto-cjk",
	})
}
