// Package corpus writes a deterministic synthetic handbook of any size for
// benchmarks: Chinese text, every kind with its front matter, internal links
// with anchors, quizzes and checklists, spread over sections. The same size
// and seed always give the same files.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

var words = strings.Fields(`客户 服务 团队 顾问 设计师 项目经理 前台 文员 接待 电话 转接 问候 名片 微笑 礼貌
清洁 保洁 电梯 洗手间 不锈钢 地面 玻璃 门窗 垃圾 消毒 灭菌 感染 防护 手套 口罩 毛巾 地拖 水桶 吸尘机
检查 考核 记录 表格 责任区 组长 队长 部长 巡查 整改 投诉 处理 跟踪 回访 满意度 质量 标准 规范 流程
工程 施工 预算 方案 合同 单源 需求 咨询 评估 档案 信息 保密 沟通 协调 会议 培训 学习 提高 效率
应急 火灾 暴雨 积水 漏水 水管 爆裂 关闭 阀门 通知 维修 保安 现场 清运 打扫 地漏 指示牌 小心地滑
备件 库存 台账 报表 入库 出库 清点 包装 验收 服务站 经销商 物流 异常 磨损 划伤 对账 安全 防火
价格 质量 产品 价值 成本 期望 忠诚 抱怨 机会 承诺 体验 环境 展示 资料 画册 杂志 茶水 座位`)

var roles = []string{"客户顾问", "设计师", "项目经理", "助理设计师", "前台文员", "保洁员", "保洁组长", "保洁队长", "环境管理部部长", "分公司客服", "安防员", "楼层助理"}

var kinds = []string{"procedure", "cleaning", "emergency", "etiquette", "personality", "standard", "rubric", "checklist", "training", "page"}

type gen struct {
	r *rand.Rand
}

func (g *gen) word() string { return words[g.r.Intn(len(words))] }

func (g *gen) sentence() string {
	n := 6 + g.r.Intn(12)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.word())
		if i > 0 && i < n-1 && g.r.Intn(6) == 0 {
			b.WriteString(",")
		}
	}
	b.WriteString("。")
	return b.String()
}

func (g *gen) para() string {
	n := 2 + g.r.Intn(4)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.sentence())
	}
	return b.String()
}

func (g *gen) list(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.TrimSuffix(g.sentence(), "。")
	}
	return out
}

func yamlList(key string, items []string) string {
	var b strings.Builder
	b.WriteString(key + ":\n")
	for _, it := range items {
		fmt.Fprintf(&b, "  - %s\n", it)
	}
	return b.String()
}

// Page is the path and headings of a generated page, for links.
type page struct {
	path     string
	headings []string
}

// Options says what to write.
type Options struct {
	Pages int
	Seed  int64
	// Hugo also writes a Hugo site with the same Markdown bodies under
	// Dir/hugo (content only; the bench adds a minimal theme).
	Hugo bool
}

// Write writes a site of opt.Pages content pages into dir.
func Write(dir string, opt Options) error {
	g := &gen{r: rand.New(rand.NewSource(opt.Seed))}
	nsec := max(4, opt.Pages/200)
	files := map[string]string{
		"handbook.toml":     "title = \"合成手册\"\nlanguage = \"zh-CN\"\n",
		"content/_index.md": "---\ntitle: 合成手册\nkind: page\n---\n\n" + g.para() + "\n",
	}
	var pages []page
	for i, r := range roles {
		p := fmt.Sprintf("roles/role-%02d.md", i)
		files["content/"+p] = fmt.Sprintf("---\ntitle: %s\nkind: role\ndepartment: 部门%d\nsummary: %s\nupdated: 2026-01-%02d\n%s%s---\n\n## 岗位说明\n\n%s\n",
			r, i%4, strings.TrimSuffix(g.sentence(), "。"), 1+i%28, yamlList("duties", g.list(6)), yamlList("permissions", g.list(2)), g.para())
		pages = append(pages, page{path: p, headings: []string{"岗位说明"}})
	}
	for s := 0; s < nsec; s++ {
		files[fmt.Sprintf("content/sec%03d/_index.md", s)] = fmt.Sprintf("---\ntitle: 栏目%d\nkind: page\nweight: %d\n---\n\n%s\n", s, s, g.para())
	}
	n := opt.Pages - len(roles)
	for i := 0; i < n; i++ {
		p := fmt.Sprintf("sec%03d/p%05d.md", i%nsec, i)
		heads := []string{"概述", fmt.Sprintf("要求%d", i%7), "注意事项"}
		pages = append(pages, page{path: p, headings: heads})
	}
	body := func(i int, self page) string {
		var b strings.Builder
		for j, h := range self.headings {
			fmt.Fprintf(&b, "## %s\n\n%s\n\n", h, g.para())
			if j == 1 {
				for _, it := range g.list(4) {
					fmt.Fprintf(&b, "- %s\n", it)
				}
				b.WriteString("\n")
			}
			if j == 2 {
				for k := 0; k < 2; k++ {
					t := pages[g.r.Intn(len(pages))]
					rel, _ := filepath.Rel(filepath.Dir(self.path), t.path)
					fmt.Fprintf(&b, "参见[%s](%s#%s)。", g.word(), filepath.ToSlash(rel), t.headings[g.r.Intn(len(t.headings))])
				}
				b.WriteString("\n\n")
			}
		}
		if i%5 == 0 {
			b.WriteString("| 项目 | 要求 | 频率 |\n|---|---|---|\n")
			for k := 0; k < 4; k++ {
				fmt.Fprintf(&b, "| %s | %s%s | 每天%d次 |\n", g.word(), g.word(), g.word(), 1+k)
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	for i, pg := range pages[len(roles):] {
		kind := kinds[i%len(kinds)]
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %s%s%d\nkind: %s\n", g.word(), g.word(), i, kind)
		fmt.Fprintf(&fm, "roles: [%s, %s]\n", roles[i%len(roles)], roles[(i*7+3)%len(roles)])
		fmt.Fprintf(&fm, "department: 部门%d\ntags: [%s, %s]\nweight: %d\nsummary: %s\nupdated: 2026-%02d-%02d\n",
			i%4, g.word(), g.word(), i%50, strings.TrimSuffix(g.sentence(), "。"), 1+i%12, 1+i%28)
		switch kind {
		case "procedure", "etiquette":
			fm.WriteString(yamlList("steps", g.list(5)))
			fm.WriteString(yamlList("taboos", g.list(2)))
		case "cleaning", "checklist":
			fmt.Fprintf(&fm, "area: %s\nfrequency: 每天%d次\nquality_standard: %s\n", g.word(), 1+i%4, strings.TrimSuffix(g.sentence(), "。"))
			fm.WriteString(yamlList("tools", []string{g.word(), g.word(), g.word()}))
			fm.WriteString(yamlList("steps", g.list(6)))
			if kind == "checklist" {
				fm.WriteString("signoff:\n  columns: [日期, 时间, 签名]\n  row_count: 8\n")
			}
		case "emergency":
			fm.WriteString(yamlList("steps", g.list(5)))
		case "personality":
			fm.WriteString(yamlList("traits", g.list(2)))
			fmt.Fprintf(&fm, "strategy: %s\n", strings.TrimSuffix(g.sentence(), "。"))
		case "standard":
			fmt.Fprintf(&fm, "lists:\n  - name: 标准%d\n    applies_to: %s\n    items: [%s, %s, %s, %s]\n", i, g.word(), g.word(), g.word(), g.word(), g.word())
		case "rubric":
			fm.WriteString("grades:\n  - grade: 优\n    criteria: " + strings.TrimSuffix(g.sentence(), "。") + "\n  - grade: 良\n    criteria: " + strings.TrimSuffix(g.sentence(), "。") + "\n")
		case "training":
			fm.WriteString(yamlList("points", g.list(4)))
		}
		fm.WriteString("---\n\n")
		md := body(i, pg)
		files["content/"+pg.path] = fm.String() + md
		if opt.Hugo {
			files["hugo/content/"+pg.path] = fmt.Sprintf("---\ntitle: \"%s\"\n---\n\n%s", pg.path, md)
		}
	}
	// One quiz per 50 pages, ten questions each, testing real sections.
	for q := 0; q < max(1, opt.Pages/50); q++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: 测验%d\nroles: [%s]\npass: 60\n---\n\n", q, roles[q%len(roles)])
		for k := 0; k < 10; k++ {
			t := pages[len(roles)+g.r.Intn(len(pages)-len(roles))]
			c := distinctWords(g.r, 3)
			fmt.Fprintf(&b, "## %s%s? {#q%d-%d}\n\n%s\n\n- [ ] %s\n- [x] %s\n- [ ] %s\n\n> %s\n\n出处:[%s](../content/%s#%s)\n\n",
				g.word(), g.word(), q, k, g.sentence(), c[0], c[1], c[2], g.sentence(), g.word(), t.path, t.headings[0])
		}
		files[fmt.Sprintf("quizzes/q%04d.md", q)] = b.String()
	}
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// distinctWords returns n words of different texts: words has repeats,
// so different places in it are not enough. It draws one permutation, as
// a pick of n places would, so that the rest of the corpus is the same.
func distinctWords(r *rand.Rand, n int) []string {
	var out []string
	for _, i := range r.Perm(len(words)) {
		if !slices.Contains(out, words[i]) {
			if out = append(out, words[i]); len(out) == n {
				break
			}
		}
	}
	return out
}
