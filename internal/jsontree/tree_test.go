package jsontree

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/google/go-cmp/cmp"
)

// checkParse fails when Parse and go-json-experiment's Unmarshal into an
// any disagree on data: whether it is JSON, and what it holds.
func checkParse(t *testing.T, tr *Tree, data []byte) {
	t.Helper()
	var want any
	wantErr := jsonv2.Unmarshal(data, &want)
	err := tr.Parse(data)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("Parse(%q): error %v; Unmarshal: %v", data, err, wantErr)
	}
	if err != nil {
		return
	}
	if diff := cmp.Diff(want, tr.Root().Any()); diff != "" {
		t.Fatalf("Parse(%q) unlike Unmarshal (-Unmarshal +Parse):\n%s", data, diff)
	}
	if err := tr.SetAny(want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, tr.Root().Any()); diff != "" {
		t.Fatalf("SetAny(%q) does not give it back (-want +got):\n%s", data, diff)
	}
}

func TestParse(t *testing.T) {
	var tr Tree // one Tree for all: each Parse forgets the last
	for _, data := range []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e3`, `"x"`, ` {"a" : [1, "b", null, {"c": {}}] } `,
		`{"a":1,"a":2}`, `{"a":1} {}`, `{"a":1}x`, `{"a":}`, `{"a":1,}`, `[1,]`, `{`, ``, ` `, `nul`,
		`"\u00e9\n\"\\"`, `{"\u0061":"\ud83d\ude00"}`, "\"\xff\"", `{"a":"\ud800"}`,
		`1e400`, `-1e400`, `1e-400`, `[9007199254740993]`,
		`{"name":"a","name2":{"name":"b"}}`,
	} {
		checkParse(t, &tr, []byte(data))
	}
}

// TestParseFiles: the seed's entries, parsed one after the other into one
// Tree, as the loader does.
func TestParseFiles(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "seed", "entries", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no entries: %v", err)
	}
	var tr Tree
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkParse(t, &tr, data)
	}
}

func TestValue(t *testing.T) {
	var tr Tree
	if k := tr.Root().Kind(); k != Invalid {
		t.Errorf("empty Tree: root kind %v, want Invalid", k)
	}
	var zero Value // every method answers, none panics
	if zero.Kind() != Invalid || zero.Len() != 0 || zero.Str() != "" || zero.Num() != 0 || zero.Name() != "" ||
		zero.First().Kind() != Invalid || zero.Next().Kind() != Invalid || zero.Any() != nil {
		t.Error("the zero Value: want Invalid, empty and nil")
	}
	if _, ok := zero.Member("a"); ok {
		t.Error(`the zero Value has a member "a"; want none`)
	}
	if err := tr.Parse([]byte(`{"n": 7.0, "s": "x", "a": [1, 2.5, 1e400]}`)); err == nil {
		t.Fatal("Parse of 1e400: no error; want one (a float64 cannot hold it)")
	}
	if err := tr.Parse([]byte(`{"n": 7.0, "s": "x", "a": [1, 2.5]}`)); err != nil {
		t.Fatal(err)
	}
	root := tr.Root()
	n, ok := root.Member("n")
	if !ok || n.Kind() != Number || n.Literal() != "7.0" || n.Num() != 7 || !n.IsInteger() {
		t.Errorf(`member "n": %v %q %v %v; want the number 7 written 7.0, an integer`, n.Kind(), n.Literal(), n.Num(), n.IsInteger())
	}
	a, _ := root.Member("a")
	if a.Len() != 2 || a.First().Next().Num() != 2.5 || a.First().Next().IsInteger() || a.First().Next().Next().Kind() != Invalid {
		t.Errorf(`member "a": want [1, 2.5]`)
	}
	if _, ok := root.Member("x"); ok {
		t.Error(`Member("x") found; want none`)
	}
	if err := tr.SetAny(map[string]any{"f": math.Inf(1), "c": complex(1, 2)}); err != ErrNotJSON {
		t.Errorf("SetAny of a complex: error %v; want ErrNotJSON", err)
	}
}

// FuzzParse holds Parse to go-json-experiment's Unmarshal on any bytes.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "seed", "entries", "*.json"))
	for _, p := range paths[:min(len(paths), 8)] {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"a":[1e400,"\u0000"],"b":{"a":null}}`))
	var tr Tree
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, &tr, data)
	})
}

// TestStringsShared: a text that recurs from document to document is one
// string, as go-json-experiment's Unmarshal makes it; without that, the
// loader held 2.5 times the strings at 100,000 entries.
func TestStringsShared(t *testing.T) {
	var tr Tree
	get := func(doc string) string {
		if err := tr.Parse([]byte(doc)); err != nil {
			t.Fatal(err)
		}
		v, _ := tr.Root().Member("step")
		return v.Str()
	}
	a := get(`{"step": "Restart Spotify"}`)
	b := get(`{"other": 1, "step": "Restart Spotify"}`)
	if a != b || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("%q and %q: two copies; want one", a, b)
	}
	if c := get(`{"step": "Restart Spotif\u0079"}`); unsafe.StringData(c) != unsafe.StringData(a) {
		t.Errorf("the same text written with an escape: another copy; want the same")
	}
}
