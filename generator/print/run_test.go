package print

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var testManifest = &Manifest{
	Paper: "A4",
	Checklists: []Item{
		{Path: "checklists/washroom.md", File: "content/checklists/washroom.md", URL: "checklists/washroom.html", Title: "洗手间清洁检查表", Area: "洗手间"},
		{Path: "checklists/elevator-daily.md", URL: "checklists/elevator-daily.html", Title: "电梯日常保洁检查表", Area: "电梯"},
		{Path: "checklists/elevator-periodic.md", URL: "checklists/elevator-periodic.html", Title: "电梯定期清洁检查表", Area: "电梯"},
		{Path: "forms/washroom.md", URL: "forms/washroom.html", Title: "洗手间日检表", Form: "daily"},
	},
	Handbooks: []Item{
		HandbookItem("保洁员", "保洁员岗位手册", "handbooks/cleaner.html"),
		HandbookItem("前台文员", "前台文员岗位手册", "handbooks/receptionist.html"),
	},
}

func TestManifestRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteManifest(&b, testManifest); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"title": "洗手间清洁检查表"`) {
		t.Errorf("manifest escapes or drops Chinese:\n%s", b.String())
	}
	got, err := ReadManifest(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, testManifest) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, testManifest)
	}
	if _, err := ReadManifest(strings.NewReader("{")); err == nil {
		t.Error("a broken manifest gave no error")
	}
}

func TestSelect(t *testing.T) {
	out := "pdf"
	for _, tc := range []struct {
		name     string
		opt      RunOptions
		want     []string // output files, without the folder
		booklets int
		err      string
	}{
		{name: "all checklists", want: []string{"washroom.pdf", "elevator-daily.pdf", "elevator-periodic.pdf", "forms-washroom.pdf"}},
		{name: "file name glob", opt: RunOptions{Patterns: []string{"elevator-*"}}, want: []string{"elevator-daily.pdf", "elevator-periodic.pdf"}},
		{name: "content path", opt: RunOptions{Patterns: []string{"checklists/washroom.md"}}, want: []string{"washroom.pdf"}},
		{name: "title glob", opt: RunOptions{Patterns: []string{"电梯*"}}, want: []string{"elevator-daily.pdf", "elevator-periodic.pdf"}},
		{name: "two patterns, one item once", opt: RunOptions{Patterns: []string{"washroom", "*washroom*"}}, want: []string{"washroom.pdf", "forms-washroom.pdf"}},
		{name: "handbook only", opt: RunOptions{Handbooks: []string{"保洁员"}}, want: []string{"handbook-cleaner.pdf"}, booklets: 1},
		{name: "handbook by file name", opt: RunOptions{Handbooks: []string{"receptionist"}}, want: []string{"handbook-receptionist.pdf"}, booklets: 1},
		{name: "pattern and handbooks", opt: RunOptions{Patterns: []string{"washroom"}, AllHandbooks: true}, want: []string{"washroom.pdf", "forms-washroom.pdf", "handbook-cleaner.pdf", "handbook-receptionist.pdf"}, booklets: 2},
		{name: "no match", opt: RunOptions{Patterns: []string{"kitchen", "washroom"}}, err: `no checklist matches "kitchen"`},
		{name: "unknown role", opt: RunOptions{Handbooks: []string{"厨师"}}, err: `no handbook for role "厨师" (roles: 保洁员, 前台文员)`},
		{name: "bad glob", opt: RunOptions{Patterns: []string{"[x"}}, err: `pattern "[x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Out = out
			jobs, err := selectJobs(testManifest, tc.opt)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			booklets := 0
			for _, j := range jobs {
				if filepath.Dir(j.out) != out {
					t.Errorf("%s is not in %s", j.out, out)
				}
				got = append(got, filepath.Base(j.out))
				if j.booklet {
					booklets++
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("files %v, want %v", got, tc.want)
			}
			if booklets != tc.booklets {
				t.Errorf("%d booklets, want %d", booklets, tc.booklets)
			}
		})
	}
}

func TestOverflowError(t *testing.T) {
	err := &OverflowError{Docs: []Doc{
		{Item: testManifest.Checklists[0], Out: "pdf/washroom.pdf", Pages: 2},
		{Item: testManifest.Checklists[1], Out: "pdf/elevator-daily.pdf", Pages: 3},
	}}
	want := "content/checklists/washroom.md: prints on 2 pages (pdf/washroom.pdf): a checklist must fit on one sheet; shorten its steps or its sign-off grid\n" +
		"checklists/elevator-daily.md: prints on 3 pages (pdf/elevator-daily.pdf): a checklist must fit on one sheet; shorten its steps or its sign-off grid"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
}
