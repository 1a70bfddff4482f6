package server

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"warning: serving on %s makes the draft site reachable from other machines; use --bind 127.0.0.1 to keep it local": "警告：在 %s 上提供服务，其他电脑也能打开这个未发布的网站；用 --bind 127.0.0.1 只让本机访问",
		"The site has %d problem(s); the browser shows them until a save fixes them:\n%s":                                  "网站有 %d 个问题；浏览器会一直显示它们，直到保存改好的文件：\n%s",
		"cannot listen on %s:%d: %v (is another server running? try --port)":                                               "无法在 %s:%d 上监听：%v（是不是已经有一个服务器在运行？可以用 --port 换一个端口）",
		"Serving the handbook at %s (press Ctrl+C to stop)":                                                                "手册预览已启动（按 Ctrl+C 停止）：%s",
		"Build failed; still serving the last good site:\n%s":                                                              "生成失败；预览里仍是上一次成功生成的网站：\n%s",
		"Build failed; the browser shows the problems:\n%s":                                                                "生成失败；浏览器里显示了这些问题：\n%s",
		"Rebuilt %d pages in %s": "已重新生成 %d 个页面，用时 %s",
		"%s is not served: %s is a draft (draft: true). Restart with `handbook serve --drafts` to preview drafts, or remove the draft: true line to publish it.": "预览里没有 %s：%s 是草稿（draft: true）。要预览草稿，请用 `handbook serve --drafts` 重新启动；要发布它，请删掉 draft: true 这一行。",
		"warning: %s": "警告：%s",
		"cannot open a browser (%v): open %s in one yourself": "无法打开浏览器（%v）：请自己在浏览器中打开 %s",
	})
}
