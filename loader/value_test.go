package loader

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"unsafe"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/jsontree"
	"github.com/errref/errref/internal/synth/synthtest"
)

// checkAssign fails when decoded takes data's parsed tree over and
// gives anything but what jsonv2.Unmarshal gives; it reports whether
// decoded took it.
func checkAssign(t *testing.T, data []byte) bool {
	t.Helper()
	var tree jsontree.Tree
	if tree.Parse(data) != nil {
		return false
	}
	var got entry.Entry
	if !decoded(&got, tree.Root()) {
		return false
	}
	var want entry.Entry
	if err := jsonv2.Unmarshal(data, &want, jsonv2.RejectUnknownMembers(true)); err != nil {
		t.Fatalf("decoded %s, which jsonv2 refuses: %v", data, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decoded %s unlike jsonv2 (-jsonv2 +decoded):\n%s", data, diff)
	}
	return true
}

// TestAssignSynth: every seed entry and 1,000 generated ones take the
// fast path, and give what jsonv2 gives.
func TestAssignSynth(t *testing.T) {
	for _, dir := range []string{filepath.Join("..", "testdata", "seed", "entries"), filepath.Join(synthtest.Tree(t, 1000), "entries")} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no entries in %s: %v", dir, err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !checkAssign(t, data) {
				t.Errorf("%s: the fast path refused a valid entry, which jsonv2 then decodes a second time", p)
			}
		}
	}
}

func TestAssignRefuses(t *testing.T) {
	for _, data := range []string{
		`{"position": 7.0}`, `{"position": 1e2}`, `{"position": 9007199254740993}`,
		`{"position": "7"}`, `{"unknown": 1}`, `{"note": {"kind": 1}}`, `{"causes": "x"}`,
		`{"message": {"misleading": "yes"}}`, `{"chain": [{"label": "a", "extra": true}]}`,
		`{"id": "x", "title": "\"position\": 7", "position": 7.5}`, `{"position": 7E0}`, `{"position": -1e0}`,
	} {
		var tree jsontree.Tree
		if err := tree.Parse([]byte(data)); err != nil {
			t.Fatal(err)
		}
		var e entry.Entry
		if decoded(&e, tree.Root()) {
			t.Errorf("decoded %s; want it left to jsonv2", data)
		}
	}
}

func TestIntegerLiteral(t *testing.T) {
	for lit, want := range map[string]bool{
		"7": true, "-0": true, "12": true, "9007199254740993": true,
		"7.0": false, "7e0": false, "7E0": false, "-": false, "": false, "1.5": false,
	} {
		if got := integerLiteral(lit); got != want {
			t.Errorf("integerLiteral(%q) = %v, want %v", lit, got, want)
		}
	}
}

// FuzzAssign holds decoded to jsonv2.Unmarshal on any bytes.
func FuzzAssign(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "seed", "entries", "*.json"))
	for _, p := range paths[:min(len(paths), 8)] {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"position": 1.0, "note": null, "codes": [], "message": {"misleading": null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAssign(t, data)
	})
}

// TestVocabularyShared: the words of the vocabularies are the package's
// constants, whichever file they were decoded from, and the entries stay
// what jsonv2 gives (checkAssign).
func TestVocabularyShared(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(synthtest.Tree(t, 200), "entries", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no entries: %v", err)
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	inVocab := func(what, s string, vocab []string) {
		t.Helper()
		if !slices.ContainsFunc(vocab, func(w string) bool { return same(w, s) }) {
			t.Errorf("%s %q: a copy of its own; want the package's constant", what, s)
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, ds := Parse(p, data)
		if len(ds) > 0 || !checkAssign(t, data) {
			t.Fatalf("%s: %v, or not decoded on the fast path", p, ds)
		}
		e := f.Entry
		inVocab("severity", string(e.Severity), entry.Strings(entry.Severities))
		for _, c := range e.Categories {
			inVocab("category", string(c), entry.Strings(entry.Categories))
		}
		for _, pl := range e.Platforms {
			inVocab("platform", pl, entry.Platforms)
		}
		for _, n := range e.Chain {
			inVocab("state", string(n.State), entry.Strings(states))
		}
		if e.Note != nil {
			inVocab("note kind", string(e.Note.Kind), entry.Strings(noteKinds))
		}
	}
}

// TestLabelsInterned: equal chain labels of two entries share one copy.
func TestLabelsInterned(t *testing.T) {
	// unique keeps a label's copy while something holds its handle, or
	// until a collection: none while the entries are compared.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var es [2]entry.Entry
	for i := range es {
		es[i].Chain = []entry.Node{{Label: strings.Clone("Spotify app"), State: entry.Neutral}}
		vocabulary(&es[i])
	}
	if a, b := es[0].Chain[0].Label, es[1].Chain[0].Label; a != "Spotify app" || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("labels %q and %q: two copies; want one", a, b)
	}
}

// TestVocabularyListsShared: entries with the same categories, in the
// same order, share one list, which append copies; nil and empty lists
// stay what they were.
func TestVocabularyListsShared(t *testing.T) {
	decode := func(cats ...entry.Category) *entry.Entry {
		e := &entry.Entry{Categories: slices.Clone(cats), Platforms: []string{strings.Clone("windows")}}
		vocabulary(e)
		return e
	}
	a, b := decode("auth", "network"), decode("auth", "network")
	if &a.Categories[0] != &b.Categories[0] || &a.Platforms[0] != &b.Platforms[0] {
		t.Error("two entries with the same categories and platforms: two lists; want one")
	}
	if c := decode("network", "auth"); &c.Categories[0] == &a.Categories[0] {
		t.Error("categories in another order: the same list; want another")
	}
	if cap(a.Categories) != len(a.Categories) {
		t.Errorf("shared list: capacity %d, length %d; want equal, so that append copies", cap(a.Categories), len(a.Categories))
	}
	if e := decode(); e.Categories != nil {
		t.Errorf("no categories: got %#v; want nil", e.Categories)
	}
	if e := decode([]entry.Category{}...); e.Categories == nil {
		t.Error("an empty list of categories: got nil; want it empty")
	}
	if e := decode("auth", "nope"); !slices.Equal(e.Categories, []entry.Category{"auth", "nope"}) {
		t.Errorf("a word out of the vocabulary: got %q; want it kept", e.Categories)
	}
}
