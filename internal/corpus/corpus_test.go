package corpus

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/site"
)

func TestCorpusBuildsAndIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, Options{Pages: 300, Seed: 7}); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{"content/sec000/p00000.md", "content/roles/role-03.md", "quizzes/q0001.md"} {
		x, err1 := os.ReadFile(filepath.Join(a, rel))
		y, err2 := os.ReadFile(filepath.Join(b, rel))
		if err1 != nil || err2 != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs with one seed", rel)
		}
	}
	res, err := site.Build(context.Background(), site.Options{Source: a, Dest: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range res.ByKind {
		n += v
	}
	if res.ByKind["checklist"] == 0 || res.ByKind["role"] != 12 {
		t.Errorf("kinds: %v", res.ByKind)
	}
}

// TestQuizChoicesDiffer draws the choices of many questions: words has
// repeats, and a question with the same choice twice fails the build (as
// a 40,000-page corpus once did).
func TestQuizChoicesDiffer(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		c := distinctWords(r, 3)
		if len(c) != 3 || c[0] == c[1] || c[0] == c[2] || c[1] == c[2] {
			t.Fatalf("draw %d: choices %q", i, c)
		}
	}
}
