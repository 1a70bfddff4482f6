package search

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"handbook/generator/model"
)

// handbookWords are the words of the synthetic pages, most frequent first.
var handbookWords = strings.Fields(`
保洁 清洁 客户 检查 服务 员工 要求 地面 标准 工作
垃圾 主管 前台 接待 安全 设备 记录 卫生间 流程 电梯
消毒 玻璃 大堂 礼仪 培训 步骤 注意 工具 处理 及时
组长 楼梯 停车场 应急 报告 拖把 抹布 清洁剂 微笑 问候
电话 投诉 表格 每日 每周 每月 巡查 质量 评分 态度
仪容 仪表 着装 工牌 钥匙 门禁 访客 登记 会议室 茶水间
办公室 绿化 浇水 修剪 保安 巡逻 监控 停电 漏水 维修
报修 物业 业主 租户 快递 收发 文件 档案 保密 交接
值班 排班 请假 考勤 奖励 处罚 制度 规定 禁止 必须
认真 负责 协助 配合 沟通 汇报 六无 五净 地毯 吸尘
除尘 擦拭 清洗 晾干 摆放 整齐 干净 无污渍 无灰尘 无异味
垃圾桶 洗手液 纸巾 补充 更换 扶手 按钮 轿厢 不锈钢 镜面
光亮 顾问 设计师 客户顾问 火灾 疏散 急救 演练 盘点 采购`)

var fillerWords = strings.Fields(`的 了 和 在 是 对 将 应 并 及 每 由 等 要 按 后 前 时 把 被`)

var kinds = []string{"role", "procedure", "etiquette", "cleaning", "emergency", "standard", "checklist", "training"}

var kindLabels = map[string]string{
	"role": "岗位职责", "procedure": "服务流程", "etiquette": "礼仪规范", "cleaning": "清洁规程",
	"emergency": "应急处理", "standard": "标准", "checklist": "检查表", "training": "培训",
}

var roleNames = []string{"保洁员", "保洁组长", "前台接待", "客户顾问", "设计师", "保安", "主管"}

// SyntheticDocs makes n handbook-like pages of about 900 characters each.
// Each page has a topic: a dozen handbook words, popular ones more often,
// that make up about half its words. The rest are filler characters, other
// handbook words, rare words from the wide range of common Han characters,
// and a little Latin text. The same n always gives the same pages.
func SyntheticDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	hw := rand.NewZipf(r, 1.01, 10, uint64(len(handbookWords)-1))
	rareChars := make([]rune, 3000)
	for i := range rareChars {
		rareChars[i] = rune(0x4E00 + r.IntN(0x9FA5-0x4E00))
	}
	rc := rand.NewZipf(r, 1.01, 4, uint64(len(rareChars)-1))
	latin := []string{"WiFi", "APP", "5S", "17:00", "OK", "PDCA", "SOP", "VIP", "A4", "CRM"}

	var topic []string
	word := func() string {
		switch x := r.IntN(100); {
		case x < 45:
			return topic[r.IntN(len(topic))]
		case x < 55:
			return handbookWords[hw.Uint64()]
		case x < 80:
			return fillerWords[r.IntN(len(fillerWords))]
		case x < 98:
			return string([]rune{rareChars[rc.Uint64()], rareChars[rc.Uint64()]})
		default:
			return " " + latin[r.IntN(len(latin))] + " "
		}
	}
	sentence := func(words int) string {
		var b strings.Builder
		for i := range words {
			b.WriteString(word())
			if i > 0 && i%6 == 0 {
				b.WriteString("，")
			}
		}
		b.WriteString("。")
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		kind := kinds[r.IntN(len(kinds))]
		topic = topic[:0]
		for range 12 {
			topic = append(topic, handbookWords[hw.Uint64()])
		}
		title := topic[0] + topic[1] + []string{"规程", "职责", "标准", "要点", "流程"}[r.IntN(5)]
		d := Doc{
			URL:       fmt.Sprintf("%s/p%05d.html", kind, i),
			Title:     title,
			Kind:      kind,
			KindLabel: kindLabels[kind],
			Roles:     []string{roleNames[r.IntN(len(roleNames))]},
			Tags:      []string{handbookWords[hw.Uint64()]},
			Summary:   sentence(8),
		}
		nsec := 3 + r.IntN(5)
		for s := range nsec {
			var text strings.Builder
			for range 2 + r.IntN(4) {
				text.WriteString(sentence(8 + r.IntN(10)))
			}
			sec := model.Section{Text: text.String()}
			if s > 0 {
				sec.ID = fmt.Sprintf("s%d", s)
				sec.Heading = topic[r.IntN(len(topic))] + handbookWords[hw.Uint64()]
			}
			d.Sections = append(d.Sections, sec)
		}
		docs[i] = d
	}
	return docs
}
