package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"handbook/generator/quiz"
)

// TestQuizImportRefusesGBK imports a GIFT file saved in GBK, as Windows
// editors in China do: it is refused with the file, the line and how to
// convert it, and nothing garbled is written.
func TestQuizImportRefusesGBK(t *testing.T) {
	code, gift, stderr := cli(t, "quiz", "export", "-s", "../..", "phone")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(gift))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "phone.gift"), filepath.Join(dir, "phone.md")
	if err := os.WriteFile(in, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "quiz", "import", in)
	if code != 1 || stdout != "" {
		t.Errorf("import to standard output: exit %d, output %.80q", code, stdout)
	}
	code, _, stderr = cli(t, "quiz", "import", in, "-o", out)
	if code != 1 {
		t.Errorf("import: exit %d", code)
	}
	// Line 1 is the quiz's path; line 2, its roles, is the first in Chinese.
	for _, want := range []string{in + ":2: file is GBK/GB18030-encoded, not UTF-8", "iconv -f GB18030 -t UTF-8 phone.gift", "nothing was written"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\ufffd") {
		t.Errorf("stderr has garbled text:\n%s", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused import wrote %s: %v", out, err)
	}
}

// TestQuizImportRefusesCSV imports the CSV that export writes: import
// says that it reads GIFT only, names the file it was given and no other,
// and writes nothing.
func TestQuizImportRefusesCSV(t *testing.T) {
	dir := t.TempDir()
	csv, out := filepath.Join(dir, "all.csv"), filepath.Join(dir, "all.md")
	if code, _, stderr := cli(t, "quiz", "export", "-s", "../..", "--format", "csv", "-o", csv); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, "quiz", "import", csv, "-o", out)
	want := csv + ": this is a CSV file, and quiz import reads Moodle GIFT files only"
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start %q", code, stderr, want)
	}
	for _, wrong := range []string{"description", "quizzes/all.md", "has no questions"} {
		if strings.Contains(stderr, wrong) {
			t.Errorf("stderr speaks of %q:\n%s", wrong, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused import wrote %s: %v", out, err)
	}
}

// TestQuizImportNamesWhatItWrote: a problem found in the converted
// Markdown names the file written, not one in quizzes/ that does not exist.
func TestQuizImportNamesWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "pairs.gift"), filepath.Join(dir, "pairs.md")
	os.WriteFile(in, []byte("::m:: 配对 {\n=感染性废物 -> 黄色垃圾袋\n=针头 -> 利器盒\n}\n"), 0o644)
	code, _, stderr := cli(t, "quiz", "import", in, "-o", out)
	if want := out + ":6: matching question needs at least three pairs, has 2"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	if strings.Contains(stderr, "quizzes/") {
		t.Errorf("stderr names a file in quizzes/:\n%s", stderr)
	}
	_, _, stderr = cli(t, "quiz", "import", in)
	if want := "standard output:6: matching question"; !strings.Contains(stderr, want) {
		t.Errorf("to standard output, stderr:\n%s\nwant %q", stderr, want)
	}
}

// TestQuizGIFTRoundTripKeepsSettings exports quizzes of the bundled
// handbook as GIFT and imports them: pass mark, roles, time limit,
// sources, tags, summary and the 是/否 of true/false questions come back.
func TestQuizGIFTRoundTripKeepsSettings(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"aftersales", "elevator-steel"} {
		orig, err := os.ReadFile(filepath.Join("../../quizzes", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := quiz.Parse("quizzes/"+name+".md", orig)
		if err != nil {
			t.Fatal(err)
		}
		gift := filepath.Join(dir, name+".gift")
		if code, _, stderr := cli(t, "quiz", "export", "-s", "../..", "-o", gift, "quizzes/"+name+".md"); code != 0 {
			t.Fatalf("export: exit %d: %s", code, stderr)
		}
		code, md, stderr := cli(t, "quiz", "import", gift)
		if code != 0 || stderr != "" {
			t.Fatalf("import: exit %d: %s", code, stderr)
		}
		got, err := quiz.Parse("quizzes/"+name+".md", []byte(md))
		if err != nil {
			t.Fatal(err)
		}
		type settings struct {
			Title, Summary       string
			Pass                 int
			TimeLimit, Countdn   any
			Roles, Sources, Tags []string
		}
		of := func(q *quiz.Quiz) settings {
			return settings{q.Title, q.Summary, q.Pass, q.TimeLimit, q.Countdown, q.Roles, q.Sources, q.Tags}
		}
		if !reflect.DeepEqual(of(got), of(want)) {
			t.Errorf("%s: settings after a round trip:\ngot  %+v\nwant %+v", name, of(got), of(want))
		}
		for i, q := range want.Questions {
			if q.Type == quiz.TrueFalse && !reflect.DeepEqual(got.Questions[i].Choices, q.Choices) {
				t.Errorf("%s: %s came back as %v, want %v", name, q.ID, got.Questions[i].Choices, q.Choices)
			}
		}
	}
}
