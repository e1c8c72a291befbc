package checks_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// mapFS copies the checkout at dir into memory, for Fix to rewrite.
func mapFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFixesResolve runs Fix on the failing testdata and checks that every
// fixed file is canonical and valid, and that no fix is offered any more.
func TestFixesResolve(t *testing.T) {
	for _, dir := range []string{"testdata/whitespace/fail", "testdata/naming/fail", "testdata/cause-chain/fail"} {
		t.Run(dir, func(t *testing.T) {
			fsys := mapFS(t, dir)
			res, rep, err := checks.Fix(fsys, checks.Options{}, func(p string, _, data []byte) error {
				fsys[p] = &fstest.MapFile{Data: data}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Fixed) == 0 {
				t.Fatal("no fix applied")
			}
			for _, e := range rep.Failed {
				t.Errorf("fix failed: %v", e)
			}
			for _, fx := range rep.Fixed {
				nf, ds := loader.Parse(fx.File, fsys[fx.File].Data)
				for _, d := range ds {
					t.Errorf("fixed file invalid: %s", d)
				}
				if nf.Entry == nil {
					continue
				}
				if again, _ := entry.Format(nf.Entry); !bytes.Equal(again, fsys[fx.File].Data) {
					t.Errorf("%s: fixed file is not canonical", fx.File)
				}
			}
			for _, d := range res.Diags {
				if d.Fix != nil {
					t.Errorf("fix offered again after fixing: %s", d)
				}
			}
		})
	}
}

func TestApplyFixes(t *testing.T) {
	data, err := os.ReadFile("../testdata/seed/entries/auth-1.json")
	if err != nil {
		t.Fatal(err)
	}
	f, ds := loader.Parse("entries/auth-1.json", data)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	tests := []struct {
		name    string
		fixes   []diag.Fix
		check   func(e *entry.Entry) bool
		wantErr string
	}{
		{"set a string", []diag.Fix{{Pointer: "/title", Value: "New title"}},
			func(e *entry.Entry) bool { return e.Title == "New title" }, ""},
		{"removals from the end back", []diag.Fix{{Pointer: "/causes/0", Remove: true}, {Pointer: "/causes/2", Remove: true}},
			func(e *entry.Entry) bool {
				return len(e.Causes) == 1 && e.Causes[0] == "Network connectivity loss at startup"
			}, ""},
		{"overlapping fixes: first wins", []diag.Fix{{Pointer: "/chain/1/label", Value: "B"}, {Pointer: "/chain/1", Value: map[string]any{"label": "A", "state": "fragile"}}},
			func(e *entry.Entry) bool { return e.Chain[1].Label == "A" && e.Chain[1].Detail == "" }, ""},
		{"a missing member is added", []diag.Fix{{Pointer: "/message/misleading", Value: false}},
			func(e *entry.Entry) bool { return e.Message.Misleading != nil && !*e.Message.Misleading }, ""},
		{"missing item", []diag.Fix{{Pointer: "/causes/9", Value: "x"}}, nil, "no item"},
		{"schema broken", []diag.Fix{{Pointer: "/severity", Value: "bad"}}, nil, "invalid"},
		{"last cause removed", []diag.Fix{{Pointer: "/resolution/0", Remove: true}, {Pointer: "/resolution/1", Remove: true}, {Pointer: "/resolution/2", Remove: true}, {Pointer: "/resolution/3", Remove: true}}, nil, "invalid"},
		{"unknown member", []diag.Fix{{Pointer: "/bogus", Value: 1}}, nil, "does not decode"},
		{"whole entry removed", []diag.Fix{{Pointer: "", Remove: true}}, nil, "whole entry"},
		{"inside a string", []diag.Fix{{Pointer: "/title/x", Value: 1}}, nil, "neither object nor array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := checks.ApplyFixes(f, tt.fixes)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v; want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			nf, ds := loader.Parse(f.Path, out)
			if len(ds) > 0 {
				t.Fatal(ds)
			}
			if !tt.check(nf.Entry) {
				t.Errorf("fix not applied as wanted:\n%s", out)
			}
		})
	}
	bad, _ := loader.Parse("entries/x.json", []byte("{"))
	if _, _, err := checks.ApplyFixes(bad, nil); err == nil {
		t.Error("ApplyFixes rewrote a file with syntax errors")
	}
}

// FuzzRules: no entry file makes a rule or a fix panic, and every fix a
// rule offers yields a canonical file or an error.
func FuzzRules(f *testing.F) {
	for _, dir := range []string{"../entries", "testdata/whitespace/fail/entries", "testdata/cause-chain/fail/entries", "testdata/identity/fail/entries"} {
		des, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, de := range des {
			data, err := os.ReadFile(dir + "/" + de.Name())
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _ := loader.Parse("entries/fuzz.json", data)
		if file.Entry == nil {
			return
		}
		ds := checks.Run(checks.All, &loader.Set{Files: []*loader.File{file}})
		var fixes []diag.Fix
		for _, d := range ds {
			if d.Fix != nil {
				fixes = append(fixes, *d.Fix)
			}
		}
		if len(fixes) == 0 {
			return
		}
		out, _, err := checks.ApplyFixes(file, fixes)
		if err != nil {
			return
		}
		nf, nds := loader.Parse(file.Path, out)
		if len(nds) > 0 {
			t.Fatalf("fixed file invalid: %v", nds)
		}
		if again, _ := entry.Format(nf.Entry); !bytes.Equal(again, out) {
			t.Fatal("fixed file not canonical")
		}
	})
}
