package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/errref/errref/internal/jsontree"
)

// TestQuickCompiles fails when the schema gains a keyword the quick
// validator does not check: every file would then go through the
// library, correct but several times slower (docs/performance.md).
func TestQuickCompiles(t *testing.T) {
	if _, err := compileQuick(Compiled()); err != nil {
		t.Fatal(err)
	}
}

// TestQuickSameVerdict holds the quick validator to the library's verdict
// on the seed's entries and on every one-step mutation of them: each
// member removed, each value replaced by a value of every JSON type (and
// by strings and arrays that sit on the schema's limits), each array's
// first item repeated, an unknown member added to each object.
func TestQuickSameVerdict(t *testing.T) {
	docs := seedDocs(t)
	n, invalid := 0, 0
	for name, doc := range docs {
		for _, m := range mutations(doc) {
			n++
			if !sameVerdict(t, name+" "+m.what, m.v) {
				invalid++
			}
		}
	}
	t.Logf("%d mutations, %d of them invalid", n, invalid)
	// Enough of both verdicts that the test means something.
	if n < 10000 || invalid < n/4 || invalid > n*9/10 {
		t.Errorf("%d mutations, %d invalid; want over 10,000 with a quarter to nine tenths invalid", n, invalid)
	}
}

// sameVerdict fails t when the two validators disagree on v and returns
// the library's verdict.
func sameVerdict(t *testing.T, what string, v any) bool {
	t.Helper()
	err := Compiled().Validate(v)
	if got := Valid(v); got != (err == nil) {
		b, _ := json.Marshal(v)
		t.Errorf("%s: quick says valid=%v, the library %v\n%s", what, got, err, b)
	}
	return err == nil
}

func seedDocs(t testing.TB) map[string]any {
	paths, err := filepath.Glob("../testdata/seed/entries/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("seed entries: %v, %d files", err, len(paths))
	}
	docs := map[string]any{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := jsonv2.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(p)] = v
	}
	return docs
}

type mutation struct {
	what string
	v    any
}

// replacements are the values every value is replaced by in turn.
var replacements = []any{
	nil, true, false, 0.0, 1.0, -1.0, 1.5, 1e21, "", "x", "a\tb", "a\nb", "x:1", "auth:3–4", "auth:3-4", "Auth:3",
	strings.Repeat("a", 80), strings.Repeat("a", 81), "windows", "fatal", "critical", "known-bug", "de-DE", "a-b",
	[]any{}, []any{"x"}, []any{"windows", "windows"}, map[string]any{}, map[string]any{"code": "x"},
}

// mutations lists doc with one change each.
func mutations(doc any) []mutation {
	var out []mutation
	var walk func(ptr string, v any, set func(any) any)
	walk = func(ptr string, v any, set func(any) any) {
		for i, r := range replacements {
			out = append(out, mutation{ptr + " = replacement " + strconv.Itoa(i), set(r)})
		}
		switch v := v.(type) {
		case map[string]any:
			out = append(out, mutation{ptr + " + unknown member", set(with(v, "extra", "x"))})
			for k, m := range v {
				out = append(out, mutation{ptr + "/" + k + " removed", set(without(v, k))})
				walk(ptr+"/"+k, m, func(r any) any { return set(with(v, k, r)) })
			}
		case []any:
			out = append(out, mutation{ptr + " emptied", set([]any{})})
			if len(v) > 0 {
				out = append(out, mutation{ptr + " first item repeated", set(append(append([]any{}, v...), v[0]))})
			}
			for i, item := range v {
				walk(ptr+"/"+strconv.Itoa(i), item, func(r any) any {
					c := append([]any{}, v...)
					c[i] = r
					return set(c)
				})
			}
		}
	}
	walk("", doc, func(r any) any { return r })
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	c[k] = v
	return c
}

func without(m map[string]any, k string) map[string]any {
	c := with(m, k, nil)
	delete(c, k)
	return c
}

// FuzzQuick feeds any JSON document to both validators (the seed
// corpus is the seed's entries, which TestQuickSameVerdict mutates
// systematically).
func FuzzQuick(f *testing.F) {
	docs := seedDocs(f)
	for _, v := range docs {
		b, _ := json.Marshal(v)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"a","code":"a:1","codes":[{"code":"a:1"},{"code":"a:1"}]}`))
	f.Add([]byte(`{"position":1.0000000000000001}`))
	var tree jsontree.Tree
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if jsonv2.Unmarshal(data, &v) != nil {
			return
		}
		lib := sameVerdict(t, "fuzzed", v)
		// The loader's way: the bytes parsed into a Tree.
		if err := tree.Parse(data); err != nil {
			t.Fatalf("jsontree.Parse refuses what Unmarshal takes: %v", err)
		}
		if got := ValidValue(tree.Root()); got != lib {
			t.Errorf("ValidValue of the parsed bytes says valid=%v, the library %v\n%s", got, lib, data)
		}
	})
}
