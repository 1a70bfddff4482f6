package frontmatter

import "handbook/generator/diag"

func init() {
	diag.Register(map[string]string{
		"front matter opened with %s is never closed: add a line with %s after the last field": "以 %s 开始的前置元数据没有结束：请在最后一个字段后面加一行 %s",
		"%s front matter":  "%s 前置元数据",
		"malformed %s: %s": "%s的格式有误：%s",
		"malformed %s: %s (check indentation and quote values that contain : or #)": "%s的格式有误：%s（请检查缩进；值里有 : 或 # 时，请给整个值加上引号）",
		"the file must be key: value pairs":                                         "文件内容必须是一行行的 \"键: 值\"",
		"front matter must be key: value pairs":                                     "前置元数据必须是一行行的 \"键: 值\"",
		"front matter: %s":                                                          "前置元数据：%s",
		"unknown field %q":                                                          "没有 %q 这个字段",
		"unknown field %q: did you mean %q?":                                        "没有 %q 这个字段：是不是要写 %q？",
		"unknown field %q (fields here: %s)":                                        "没有 %q 这个字段（这里可用的字段：%s）",

		// What a value must be, and what it is.
		"%s must be %s, not %s%s":       "%s 应填%s，不能是%s%s",
		"%s is expected here, not %s%s": "这里应填%s，不能是%s%s",
		"a list":                        "列表",
		"a single text":                 "一段文字",
		"a whole number":                "整数",
		"true or false":                 "是或否（true 或 false）",
		`"key: value" lines`:            `若干行 "键: 值"`,
		`: write [a, b], or one "- item" line per item`: `：请写成 [a, b]，或者每项一行 "- 条目"`,
		": write them on the lines below, indented":     "：请写在下面几行，并向右缩进",

		// Dates.
		"a date must be written as YYYY-MM-DD":            "日期必须写成 YYYY-MM-DD 的格式",
		"date %q is not written as YYYY-MM-DD":            "日期 %q 不是 YYYY-MM-DD 的格式",
		"date %q does not exist: months go from 01 to 12": "日期 %q 不存在：月份只有 01 到 12",
		"date %q does not exist: %04d-%02d has %d days":   "日期 %q 不存在：%04d-%02d 只有 %d 天",
		"%s: write %04d-%02d-%02d":                        "%s：请写成 %04d-%02d-%02d",

		// Slips in front matter.
		"this line is indented with a tab: indent with spaces, not tabs":                                                          "这一行用 Tab 键缩进了：请用空格缩进，不要用 Tab",
		"this line is indented with a full-width space (\u3000): indent with ordinary spaces":                                     "这一行用全角空格（\u3000）缩进了：请用普通的半角空格缩进",
		"%q has no space after the dash: write \"- %s\"":                                                                          "%q 的短横线后面缺少空格：请写成 \"- %s\"",
		"the quote %c that starts this value is not closed: add %c at the end of the value, on this line":                         "这个值开头的引号 %c 没有配对：请在这一行的值末尾加上 %c",
		"the list opened with [ is not closed: add ] at its end, on this line":                                                    "以 [ 开始的列表没有结束：请在这一行的列表末尾加上 ]",
		"%q has a full-width colon \"：\" after the key: write an ASCII colon and a space instead, as in \"%s: %s\"":               "%q 的键后面用了全角冒号 \"：\"：请改成半角冒号加一个空格，例如 \"%s: %s\"",
		"%q has no space after the colon: write \"%s: %s\"":                                                                       "%q 的冒号后面缺少空格：请写成 \"%s: %s\"",
		"%q is neither a \"key: value\" line nor a \"- item\" line: put it after a key, or indent it under the text it continues": "%q 既不是 \"键: 值\" 行，也不是 \"- 条目\" 行：请把它写在某个键后面，或者缩进到它所接续的文字下面",

		// Text after " #".
		"the text after # (%q) is taken as a comment and would be left out of the page: to keep it, write it into the value (a note for editors goes on a line of its own starting with #)":                 "# 后面的文字（%q）会被当作注释，不会出现在页面上：要保留它，请把它写进值里（给编辑看的备注请单独写一行，以 # 开头）",
		"the text after # (%q) is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes (a note for editors goes on a line of its own starting with #)":           "# 后面的文字（%q）会被当作注释，不会出现在页面上：要保留它，请给整个值加上引号（给编辑看的备注请单独写一行，以 # 开头）",
		"the text after # (%q) is taken as a comment and would be left out of the page: to keep it, put the whole value in quotes, as in %s (a note for editors goes on a line of its own starting with #)": "# 后面的文字（%q）会被当作注释，不会出现在页面上：要保留它，请给整个值加上引号，例如 %s（给编辑看的备注请单独写一行，以 # 开头）",
		"did not find expected key":                                                            "这里应是 \"键: 值\"，却没有找到键",
		"mapping values are not allowed in this context":                                       "这里不能再出现 \"键: 值\"（值里的 \": \" 让它像一个键）",
		"found character that cannot start any token":                                          "有一个字符不能用在值的开头（如 @、` 或 %%）",
		"could not find expected ':'":                                                          "找不到应有的冒号 \":\"",
		"did not find expected node content":                                                   "这里缺少值",
		"did not find expected ',' or ']'":                                                     "列表里缺少 \",\" 或结尾的 \"]\"",
		"did not find expected ',' or '}'":                                                     "缺少 \",\" 或结尾的 \"}\"",
		"found unexpected end of stream":                                                       "内容意外结束（是不是引号或括号没有配对？）",
		"block sequence entries are not allowed in this context":                               "这里不能出现以 \"- \" 开头的列表项",
		"did not find expected '-' indicator":                                                  "缺少列表项开头的 \"- \"",
		"found unknown escape character":                                                       "双引号里的反斜杠 \\ 后面是无法识别的字符：请把 \\ 写成 \\\\，或改用单引号",
		"strings cannot contain newlines":                                                      "文字里不能换行（是不是少了结尾的英文双引号？）",
		"expected value but found %q instead":                                                  "这里应是一个值，却是 %q（文字要放在英文双引号里，如 title = \"员工手册\"）",
		"Key '%s' has already been defined.":                                                   "%s 写了两次：请删掉其中一个",
		"expected a top-level item to end with a newline, comment, or EOF, but got %s instead": "一行只能写一个设置，这一行后面却还有 %s（值里有空格时，整个值要放在英文双引号里）",
	})
}
