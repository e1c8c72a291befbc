package exporters_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errref/errref/exporters"
)

// tree reads every file under dir into a map keyed by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWriteBundle(t *testing.T) {
	target := filepath.Join(t.TempDir(), "dist")
	if err := exporters.Write(loadRepo(t), exporters.All, target); err != nil {
		t.Fatal(err)
	}
	got := tree(t, target)
	for _, e := range exporters.All {
		for _, name := range e.Files {
			if strings.HasSuffix(name, "/") {
				continue
			}
			if strings.ContainsAny(name, "*?[") { // a pattern: some file matches it
				if !slices.ContainsFunc(slices.Collect(maps.Keys(got)), func(f string) bool { ok, _ := path.Match(name, f); return ok }) {
					t.Errorf("exporter %s: nothing in the bundle matches %s", e.Name, name)
				}
				continue
			}
			if _, ok := got[name]; !ok {
				t.Errorf("exporter %s: %s missing from the bundle", e.Name, name)
			}
		}
	}
	// SHA256SUMS lists every other file and nothing else.
	var listed []string
	for _, line := range strings.Split(strings.TrimSuffix(got[exporters.SumsFile], "\n"), "\n") {
		_, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not in sha256sum format", line)
		}
		listed = append(listed, name)
	}
	var want []string
	for name := range got {
		if name != exporters.SumsFile {
			want = append(want, name)
		}
	}
	if diff := cmp.Diff(want, listed, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("SHA256SUMS lists (-want +got):\n%s", diff)
	}
	// And the real tool agrees with every checksum.
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum not installed")
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", exporters.SumsFile)
	cmd.Dir = target
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, out)
	}
}

// TestWriteAtomic: an exporter that fails leaves the previous bundle as it
// was, leaves no temporary folder behind, and is named in the error.
func TestWriteAtomic(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "dist")
	b := loadFixture(t)
	if err := exporters.Write(b, exporters.All, target); err != nil {
		t.Fatal(err)
	}
	before := tree(t, target)

	for _, file := range []exporters.File{
		// Written in place, as SQLite is: something first, so that a
		// non-atomic build would leak it.
		{Name: "partial.txt", WriteTo: func(p string) error {
			if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
				return err
			}
			return errors.New("disk on fire")
		}},
		// Rendered as it is placed, as the site's entry pages are.
		{Name: "partial.txt", Make: func() ([]byte, error) { return nil, errors.New("disk on fire") }},
		// Streamed, as errors.json is: more than the writer's buffer
		// first, so that some of it reached the disk.
		{Name: "partial.txt", Stream: func(w io.Writer) error {
			if _, err := w.Write(bytes.Repeat([]byte("half"), 1<<18)); err != nil {
				return err
			}
			return errors.New("disk on fire")
		}},
	} {
		failing := &exporters.Exporter{Name: "broken", Files: []string{"partial.txt"}, Export: func(b *exporters.Bundle) ([]exporters.File, error) {
			return []exporters.File{file}, nil
		}}
		err := exporters.Write(loadRepo(t), append(append([]*exporters.Exporter{}, exporters.All...), failing), target)
		if err == nil || !strings.Contains(err.Error(), "exporter broken: partial.txt: disk on fire") || !strings.Contains(err.Error(), "dist is unchanged") {
			t.Fatalf("Write error = %v, want it to name the exporter and the cause", err)
		}
		if diff := cmp.Diff(before, tree(t, target)); diff != "" {
			t.Errorf("failed build changed the previous bundle (-before +after):\n%s", diff)
		}
		des, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		if len(des) != 1 {
			var names []string
			for _, d := range des {
				names = append(names, d.Name())
			}
			t.Errorf("left beside the bundle: %v, want only dist", names)
		}
	}
}

func TestSelect(t *testing.T) {
	got, err := exporters.Select([]string{"llms", "json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "json" || got[1].Name != "llms" {
		t.Errorf("Select(llms, json) = %v, want json and llms in registry order", got)
	}
	if _, err := exporters.Select([]string{"json", "pdf"}); err == nil || !strings.Contains(err.Error(), "unknown exporter pdf") {
		t.Errorf("Select(pdf) error = %v, want unknown exporter pdf", err)
	}
}

// TestRegistry: names are unique and every exporter documents itself.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range exporters.All {
		if e.Name == "" || seen[e.Name] {
			t.Errorf("exporter name %q empty or duplicated", e.Name)
		}
		seen[e.Name] = true
		if title, _, _ := strings.Cut(e.Doc, "\n"); title == "" {
			t.Errorf("exporter %s: Doc has no title line", e.Name)
		}
		if len(e.Files) == 0 || e.Export == nil {
			t.Errorf("exporter %s: no Files or no Export", e.Name)
		}
	}
}

// TestDeclaredOnce: every file of a full bundle is declared by exactly
// one exporter, so that --only replaces exactly that exporter's files.
func TestDeclaredOnce(t *testing.T) {
	b := loadFixture(t)
	for _, e := range exporters.All {
		for name := range render(t, e, b) {
			var by []string
			for _, o := range exporters.All {
				if o.Declares(name) {
					by = append(by, o.Name)
				}
			}
			if len(by) != 1 || by[0] != e.Name {
				t.Errorf("exporter %s writes %s, declared by %v; want by %s alone", e.Name, name, by, e.Name)
			}
		}
	}
}

// TestUndeclaredRefused: the writer refuses a file its exporter did not
// declare, and a name that would leave the bundle.
func TestUndeclaredRefused(t *testing.T) {
	for _, name := range []string{"other.txt", "../escape.txt", "/abs.txt", "a/../b.txt", exporters.SumsFile, exporters.MarkerFile, "bad\nname.txt"} {
		parent := t.TempDir()
		e := &exporters.Exporter{Name: "sneaky", Doc: "x", Files: []string{"declared.txt", "a/"}, Export: func(*exporters.Bundle) ([]exporters.File, error) {
			return []exporters.File{{Name: name, Data: []byte("x")}}, nil
		}}
		err := exporters.Write(loadFixture(t), []*exporters.Exporter{e}, filepath.Join(parent, "dist"))
		if err == nil || !strings.Contains(err.Error(), "exporter sneaky") {
			t.Errorf("%q: err = %v, want a refusal naming the exporter", name, err)
		}
		if des, _ := os.ReadDir(parent); len(des) != 0 {
			t.Errorf("%q: left behind: %v", name, des)
		}
	}
}

// TestWrittenByTwo: two exporters that write one name are refused, named
// in a fixed order whichever ran first, and nothing is left behind.
func TestWrittenByTwo(t *testing.T) {
	mk := func(name string) *exporters.Exporter {
		return &exporters.Exporter{Name: name, Doc: "x", Files: []string{"same.txt"}, Export: func(*exporters.Bundle) ([]exporters.File, error) {
			return []exporters.File{{Name: "same.txt", Data: []byte(name)}}, nil
		}}
	}
	for _, exps := range [][]*exporters.Exporter{{mk("one"), mk("two")}, {mk("two"), mk("one")}} {
		parent := t.TempDir()
		err := exporters.Write(loadFixture(t), exps, filepath.Join(parent, "dist"))
		if err == nil || !strings.Contains(err.Error(), `file "same.txt" is written by both exporter one and exporter two`) {
			t.Errorf("err = %v, want a refusal naming both exporters", err)
		}
		if des, _ := os.ReadDir(parent); len(des) != 0 {
			t.Errorf("left behind: %v", des)
		}
	}
}

// TestRebuildLinks: a rebuild links the files whose bytes did not change
// from the previous bundle (same inode: nothing written or freed), writes
// the ones that changed, and writes a file the previous bundle holds with
// another mode (the names would share it) instead of linking it.
func TestRebuildLinks(t *testing.T) {
	target := filepath.Join(t.TempDir(), "dist")
	b := loadRepo(t)
	if err := exporters.Write(b, exporters.All, target); err != nil {
		t.Fatal(err)
	}
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(target, name))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	csv, codes, llms := stat("errors.csv"), stat("codes.csv"), stat("llms.txt")
	if err := os.Chmod(filepath.Join(target, "codes.csv"), 0o444); err != nil {
		t.Fatal(err)
	}
	b.BaseURL = "https://example.org/elsewhere/" // changes the llms files, not the CSV
	if err := exporters.Write(b, exporters.All, target); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(csv, stat("errors.csv")) {
		t.Error("errors.csv, unchanged, was written again; want it linked")
	}
	if os.SameFile(llms, stat("llms.txt")) {
		t.Error("llms.txt, changed, is the previous file")
	}
	if fi := stat("codes.csv"); os.SameFile(codes, fi) || fi.Mode().Perm() != 0o644 {
		t.Errorf("codes.csv, read-only before: same file %v, mode %v; want a new file, 0644", os.SameFile(codes, fi), fi.Mode().Perm())
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", "--quiet", exporters.SumsFile)
	cmd.Dir = target
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, out)
	}
}
