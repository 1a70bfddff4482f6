package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"time"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/model"
	"handbook/generator/quiz"
	"handbook/generator/search"
)

// quizFile is one file of the quiz folder, read and parsed.
type quizFile struct {
	quiz     *quiz.Quiz // nil when it could not be parsed at all
	problems diag.List
	ok       bool // parsed without problems
}

// readQuizzes reads and parses the files of the quiz folder on all cores.
// It needs nothing of the content, so it runs while the content loads.
func readQuizzes(ctx context.Context, src fs.FS, dir string) ([]quizFile, diag.List) {
	var problems diag.List
	var files []string
	err := fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		problems.Addf(dir, 0, "cannot read the quiz folder: %v", err)
	}
	sort.Strings(files)
	out := make([]quizFile, len(files))
	parallel(ctx, len(files), func(i int) error {
		f, qf := files[i], &out[i]
		if strings.HasPrefix(f, dir+"/drills/") {
			qf.problems.Addf(f, 0, "%s/drills/ is where generated drills are published: move this quiz to another folder", dir)
			return nil
		}
		raw, err := fs.ReadFile(src, f)
		if err != nil {
			qf.problems.Addf(f, 0, "cannot read: %v", err)
			return nil
		}
		text, err := content.Normalize(f, raw)
		if err != nil {
			qf.problems.Append(err)
			return nil
		}
		q, err := quiz.Parse(f, text)
		if err != nil {
			addQuizErrors(&qf.problems, err)
		}
		qf.quiz, qf.ok = q, q != nil && err == nil
		return nil
	})
	return out, problems
}

// checkQuizzes checks the parsed quiz files and the drills generated from
// the content against the site, and keeps them.
func (s *Site) checkQuizzes(files []quizFile, drills []*quiz.Quiz, problems *diag.List) {
	for _, qf := range files {
		*problems = append(*problems, qf.problems...)
		q := qf.quiz
		if q == nil {
			continue
		}
		for _, r := range q.Roles {
			if s.roles[r] == nil {
				problems.Add(diag.New(q.Path, q.RolesLine(), s.unknownRoleMsg(r), nil))
				s.noteUnknownRole(r, *problems)
			}
		}
	}
	all := allQuizzes(files, drills)
	errs := quiz.Validate(all, func(p, anchor string) bool {
		// A page with problems of its own, reported there, is not
		// reported again as missing from every quiz that cites it.
		return s.HasAnchor(p, anchor) || s.failedToLoad(p)
	})
	addQuizErrors(problems, errs)
	s.quizzes = all
}

// allQuizzes lists the quizzes a site publishes: the authored ones that
// parsed, in file order, then the drills.
func allQuizzes(files []quizFile, drills []*quiz.Quiz) []*quiz.Quiz {
	var all []*quiz.Quiz
	for _, qf := range files {
		if qf.quiz != nil && qf.ok {
			all = append(all, qf.quiz)
		}
	}
	return append(all, drills...)
}

func addQuizErrors(problems *diag.List, err error) {
	var qe quiz.Errors
	if errors.As(err, &qe) {
		for _, e := range qe {
			problems.Add(e.Diag())
		}
		return
	}
	problems.Append(err)
}

// quizURL is where a quiz is published: quizzes/x.md → quizzes/x.html.
func quizURL(q *quiz.Quiz) string { return content.URLOf(q.Path) }

// quizLinks returns links to the quizzes for role ("" for all).
func (s *Site) quizLinks(role string) []Link {
	var out []Link
	for _, q := range s.quizzes {
		if role != "" && !contains(q.Roles, role) {
			continue
		}
		out = append(out, Link{Title: q.Title, URL: quizURL(q), Summary: q.Summary, Count: len(q.Questions), Kind: s.Theme.T("kind.quiz"), Note: s.quizFacts(q)})
	}
	return out
}

// quizFacts is what a list of quizzes tells of one besides its title: how
// many questions, and its time limit if it has one (11 题 · 限时 15 分钟).
func (s *Site) quizFacts(q *quiz.Quiz) string {
	n := fmt.Sprintf(s.Theme.T("quiz.facts"), len(q.Questions))
	if q.TimeLimit <= 0 {
		return n
	}
	t := fmt.Sprintf(s.Theme.T("quiz.seconds"), int(q.TimeLimit/time.Second))
	if q.TimeLimit%time.Minute == 0 {
		t = fmt.Sprintf(s.Theme.T("quiz.minutes"), int(q.TimeLimit/time.Minute))
	}
	return fmt.Sprintf(s.Theme.T("quiz.facts_timed"), n, t)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// QuizView is the data of a quiz page.
type QuizView struct {
	Quiz *quiz.Quiz
	JSON template.JS
	I18n string // the player's UI strings as JSON
}

// quizPages adds the quiz pages and the quiz index.
func (s *Site) quizPages(page func(url, layout string, fill func(v *View))) {
	for _, q := range s.quizzes {
		q := q
		url := quizURL(q)
		page(url, "quiz", func(v *View) {
			v.Title, v.Description = q.Title, q.Summary
			v.Kind = s.Theme.T("kind.quiz")
			v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}, {Title: s.Theme.T("home.quizzes"), URL: "quizzes/index.html"}}
			for _, r := range q.Roles {
				v.Roles = append(v.Roles, Link{Title: r, URL: s.RoleHandbookURL(r)})
			}
			b, err := q.JSON(func(p, anchor string) string {
				target := s.byPath[p]
				if target == nil {
					return ""
				}
				u := v.Root + target.URL
				if anchor != "" {
					u += "#" + anchor
				}
				return u
			})
			if err != nil {
				v.Extra = err
				return
			}
			v.Extra = &QuizView{Quiz: q, JSON: template.JS(b), I18n: s.quizStrings()}
		})
	}
	page("quizzes/index.html", "list", func(v *View) {
		v.Title = s.Theme.T("home.quizzes")
		v.Crumbs = []Link{{Title: s.Theme.T("site.home"), URL: "index.html"}}
		var authored, drills []Link
		for _, l := range s.quizLinks("") {
			if strings.HasPrefix(l.URL, "quizzes/drills/") {
				drills = append(drills, l)
			} else {
				authored = append(authored, l)
			}
		}
		v.Groups = []Group{{Title: s.Theme.T("quiz.authored"), Links: authored}, {Title: s.Theme.T("quiz.drills"), Links: drills}}
	})
}

// quizStrings passes the theme's quiz.player.* strings to the player.
func (s *Site) quizStrings() string {
	b, _ := json.Marshal(s.Theme.Strings("quiz.player."))
	return string(b)
}

// searchFiles builds the search index of the pages and quizzes.
func (s *Site) searchFiles() ([]File, error) { return s.searchFilesOf(s.quizzes) }

// searchJob is a search index building in the background.
type searchJob struct {
	done  chan struct{} // closed when index is set
	index searchIndex
}

type searchIndex struct {
	files []File
	err   error
}

// startSearch starts building the search index of the pages and quizzes.
func (s *Site) startSearch(quizzes []*quiz.Quiz) *searchJob {
	j := &searchJob{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.index.files, j.index.err = s.searchFilesOf(quizzes)
	}()
	return j
}

// searchFilesOf is searchFiles with the quizzes given: the load starts the
// index before it has set s.quizzes.
func (s *Site) searchFilesOf(quizzes []*quiz.Quiz) ([]File, error) {
	var docs []search.Doc
	for _, p := range s.pages {
		if content.IsIndex(p.Path) && p.Text() == "" {
			continue
		}
		docs = append(docs, search.Doc{
			URL: p.URL, Title: p.FM.Title, Kind: string(p.FM.Kind), KindLabel: s.kindLabel(p.FM.Kind),
			Roles: p.FM.Roles, Tags: p.FM.Tags, Summary: p.FM.Summary, Sections: s.searchSections(p),
		})
	}
	for _, q := range quizzes {
		d := search.Doc{URL: quizURL(q), Title: q.Title, Kind: "quiz", KindLabel: s.Theme.T("kind.quiz"),
			Roles: q.Roles, Tags: q.Tags, Summary: q.Summary}
		// A generated drill asks about the content pages, which are indexed
		// themselves, and grows with the site: only its title and summary
		// are indexed, so that its document stays small.
		if !q.Generated {
			for _, qq := range q.Questions {
				d.Sections = append(d.Sections, model.Section{Heading: qq.Prompt, Text: qq.Situation})
			}
		}
		docs = append(docs, d)
	}
	ix, err := search.Build(docs, search.Options{})
	if err != nil {
		return nil, err
	}
	var out []File
	for p, b := range ix.Files() {
		out = append(out, File{Path: p, Data: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// searchSections labels front-matter sections in the UI language. A
// checklist is drawn as one printable sheet, whose parts have no anchors:
// its results link to the sheet itself.
func (s *Site) searchSections(p *model.Page) []model.Section {
	out := make([]model.Section, len(p.Sections))
	for i, sec := range p.Sections {
		if k := fieldKey(sec.ID); k != "" && sec.Heading == sec.ID {
			sec.Heading = s.Theme.T("field." + k)
			if p.FM.Kind == model.KindChecklist {
				sec.ID = ""
			}
		}
		out[i] = sec
	}
	return out
}

// Quizzes returns the site's quizzes: the authored ones, then the drills.
func (s *Site) Quizzes() []*quiz.Quiz { return s.quizzes }
