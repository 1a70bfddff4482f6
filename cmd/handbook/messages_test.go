package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"handbook/generator/diag"
)

// messageFuncs are the calls whose first string argument is a message
// format an author reads: by name, and for a selector, the name of the
// package or receiver before the dot ("" for any).
var messageFuncs = map[string]string{
	"T":       "diag",
	"Errorf":  "diag",
	"Addf":    "",
	"Warn":    "",
	"bad":     "",
	"problem": "",
	"say":     "",
}

// notForAuthors are the folders whose messages only the project's own
// developers read: benchmarks, test helpers and the corpus generator.
var notForAuthors = []string{"cmd/handbook-bench", "internal", "generator/browsertest", "generator/search/relevance.go"}

// formats returns every message format written as a string literal in a
// call of messageFuncs in the project's code, with where it is.
func formats(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	found := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(rel, "cmd/prof") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		for _, skip := range notForAuthors {
			if rel == skip || strings.HasPrefix(rel, skip+"/") {
				return nil
			}
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			// The help of a command: its Short and Long, and the usage
			// of each flag, the last argument of a flag's definition.
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "Short" || k.Name == "Long") {
					if s, ok := constString(kv.Value); ok && hasWords(s) {
						found[s] = rel + ":" + strconv.Itoa(fset.Position(kv.Pos()).Line)
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && flagDef.MatchString(sel.Sel.Name) && len(call.Args) >= 3 {
				if s, ok := constString(call.Args[len(call.Args)-1]); ok && hasWords(s) {
					found[s] = rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
				}
				return true
			}
			var name, recv string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
				if f.Name.Name == "diag" {
					recv = "diag"
				}
			case *ast.SelectorExpr:
				name = fn.Sel.Name
				if x, ok := fn.X.(*ast.Ident); ok {
					recv = x.Name
				}
			default:
				return true
			}
			want, ok := messageFuncs[name]
			if !ok || (want != "" && want != recv) {
				return true
			}
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				// The format is the first literal with words: one
				// before it is a file name such as "".
				if hasWords(s) {
					found[s] = rel + ":" + strconv.Itoa(fset.Position(lit.Pos()).Line)
					break
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// flagDef matches the pflag methods that define a flag.
var flagDef = regexp.MustCompile(`^(String|Bool|Int|StringArray|StringSlice|Duration)(Var)?P?$`)

// constString returns the value of a string literal, or of literals
// joined with +.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := constString(e.X)
		y, ok2 := constString(e.Y)
		return x + y, ok1 && ok2
	}
	return "", false
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]`)

// hasWords reports whether format has words beyond its verbs: "%s" needs
// no translation.
func hasWords(format string) bool {
	return strings.IndexFunc(verbRE.ReplaceAllString(format, ""), unicode.IsLetter) >= 0
}

// verbs returns the verb of each argument of format, by argument.
func verbs(format string) map[int]string {
	m := map[int]string{}
	n := 0
	for _, v := range verbRE.FindAllStringSubmatch(format, -1) {
		if strings.HasSuffix(v[0], "%%") {
			continue
		}
		if v[1] != "" {
			n, _ = strconv.Atoi(v[1][1 : len(v[1])-1])
			n--
		}
		m[n] = v[0][len(v[0])-1:]
		n++
	}
	return m
}

// TestMessagesAreInChinese checks that every message an author can get
// has a Chinese translation that takes the same arguments, and that no
// translation is left over from a message that is gone.
func TestMessagesAreInChinese(t *testing.T) {
	found := formats(t)
	if len(found) < 100 {
		t.Fatalf("found only %d message formats: is the scan broken?", len(found))
	}
	cat := diag.Catalog()
	var missing []string
	for en, at := range found {
		zh, ok := cat[en]
		if !ok {
			missing = append(missing, at+": "+strconv.Quote(en))
			continue
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%s: the translation of %q has no Chinese: %q", at, en, zh)
		}
		if ve, vz := verbs(en), verbs(zh); !sameVerbs(ve, vz) {
			t.Errorf("%s: %q takes %v, its translation %q takes %v", at, en, ve, zh, vz)
		}
		if strings.Contains(verbRE.ReplaceAllString(zh, ""), "%") {
			t.Errorf("%s: the translation of %q has a %% that is no verb: write %%%% for a percent sign: %q", at, en, zh)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Chinese for %s", m)
	}
	for en := range cat {
		if _, ok := found[en]; !ok && hasWords(en) && cobraTexts[en] == "" {
			t.Errorf("translation of a message no code writes: %q", en)
		}
	}
}

func sameVerbs(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestVerbs(t *testing.T) {
	for _, c := range []struct {
		format string
		want   map[int]string
	}{
		{"a %s b %d", map[int]string{0: "s", 1: "d"}},
		{"%[2]d 和 %[1]q", map[int]string{0: "q", 1: "d"}},
		{"100%% %q", map[int]string{0: "q"}},
		{"%6.2f", map[int]string{0: "f"}},
	} {
		if got := verbs(c.format); !sameVerbs(got, c.want) {
			t.Errorf("verbs(%q) = %v, want %v", c.format, got, c.want)
		}
	}
	if hasWords("%s: %v") || !hasWords("missing %s") {
		t.Error("hasWords")
	}
}
