package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/internal/golden"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader/loadertest"
)

// TestMain lets the scripts run "errref" as a real command: testscript
// re-executes this test binary under that name.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"errref": func() { os.Exit(run(os.Args[1:], &Deps{IO: iostreams.System(), Getenv: os.Getenv})) },
	})
}

// update rewrites the files that scripts compare output with (cmp):
// go test ./cmd/errref -run TestScripts -update. It refuses to rewrite a
// script whose expectations would lose findings (golden.Dropped) unless
// -drop says that is meant. Review the diff either way.
var (
	update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")
	drop   = flag.Bool("drop", false, "with -update: allow findings to disappear from the expected output")
)

const scriptDir = "testdata/script"

// TestScripts runs the end-to-end scripts in testdata/script/*.txtar:
// the real binary on small fixture trees, checking output and exit codes.
func TestScripts(t *testing.T) {
	dir := scriptDir
	if *update {
		// testscript rewrites the scripts it runs: let it rewrite copies,
		// and keep what drops no finding once every script has run.
		dir = t.TempDir()
		copyScripts(t, scriptDir, dir)
		t.Cleanup(func() {
			refused, err := keepUpdates(dir, scriptDir, *drop)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range refused {
				t.Error(r)
			}
		})
	}
	testscript.Run(t, testscript.Params{
		Dir:           dir,
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fill": cmdFill,
			// crlf FILE: rewrite FILE with CRLF line ends, as an editor on
			// Windows may save it.
			"crlf": func(ts *testscript.TestScript, neg bool, args []string) {
				editFile(ts, args, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })
			},
			// bom FILE: prepend a UTF-8 byte-order mark to FILE.
			"bom": func(ts *testscript.TestScript, neg bool, args []string) {
				editFile(ts, args, func(b []byte) []byte { return append([]byte("\ufeff"), b...) })
			},
		},
		Setup: func(env *testscript.Env) error {
			// The repository, for its seed and docs; the checkout whose
			// live entries the scripts may only assert properties of.
			env.Setenv("REPO", loadertest.Root(t))
			env.Setenv("CHECKOUT", loadertest.Checkout(t))
			return nil
		},
	})
}

// editFile rewrites the one file args name with edit.
func editFile(ts *testscript.TestScript, args []string, edit func([]byte) []byte) {
	if len(args) != 1 {
		ts.Fatalf("usage: crlf|bom FILE")
	}
	p := ts.MkAbs(args[0])
	b, err := os.ReadFile(p)
	ts.Check(err)
	ts.Check(os.WriteFile(p, edit(b), 0o644))
}

// copyScripts copies the *.txtar files of from into to.
func copyScripts(t *testing.T, from, to string) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(from, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// keepUpdates copies back each script of updated that differs from its
// original in orig, unless a file of its archive would lose findings and
// drop is false: then it leaves the original and returns why.
func keepUpdates(updated, orig string, drop bool) (refused []string, err error) {
	names, err := filepath.Glob(filepath.Join(updated, "*.txtar"))
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		dst := filepath.Join(orig, filepath.Base(n))
		was, err := os.ReadFile(dst)
		if err != nil {
			return nil, err
		}
		is, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if bytes.Equal(was, is) {
			continue
		}
		if gone := droppedInArchive(was, is); len(gone) > 0 && !drop {
			refused = append(refused, fmt.Sprintf("%s: -update would drop %s; rerun with -update -drop if that is meant:\n%s",
				dst, diag.Plural(len(gone), "finding"), strings.Join(gone, "\n")))
			continue
		}
		if err := os.WriteFile(dst, is, 0o644); err != nil {
			return nil, err
		}
	}
	return refused, nil
}

// droppedInArchive lists, file by file, the findings the expected files
// of the archive was would lose in is.
func droppedInArchive(was, is []byte) []string {
	old := map[string]string{}
	for _, f := range txtar.Parse(was).Files {
		old[f.Name] = string(f.Data)
	}
	var gone []string
	for _, f := range txtar.Parse(is).Files {
		for _, l := range golden.Dropped(old[f.Name], string(f.Data)) {
			gone = append(gone, fmt.Sprintf("%s: %s", f.Name, l))
		}
	}
	return gone
}

// TestKeepUpdates: an update that loses a finding is refused, and the
// script left as it was, unless drop is set; one that only adds or
// rewords findings is kept.
func TestKeepUpdates(t *testing.T) {
	const (
		a      = "entries/a.json:1:2: error: /id: found x; want y [naming]\n"
		b      = "entries/b.json:3:4: error: /title: found x; want y [schema]\n"
		script = "exec errref check\ncmp stdout want.txt\n-- want.txt --\n"
	)
	for _, tt := range []struct {
		name, was, is string
		drop, kept    bool
	}{
		{name: "drops", was: script + a + b, is: script + a},
		{name: "drops, with -drop", was: script + a + b, is: script + a, drop: true, kept: true},
		{name: "adds", was: script + a, is: script + a + b, kept: true},
		{name: "rewords", was: script + a, is: script + strings.Replace(a, "want y", "want z", 1), kept: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			orig, updated := t.TempDir(), t.TempDir()
			for dir, data := range map[string]string{orig: tt.was, updated: tt.is} {
				if err := os.WriteFile(filepath.Join(dir, "x.txtar"), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			refused, err := keepUpdates(updated, orig, tt.drop)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(orig, "x.txtar"))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.was
			if tt.kept {
				want = tt.is
			}
			if string(got) != want {
				t.Errorf("script after update:\n%s\nwant:\n%s", got, want)
			}
			if tt.kept != (len(refused) == 0) {
				t.Errorf("refused = %q, want refusal %v", refused, !tt.kept)
			}
			if !tt.kept && (len(refused) != 1 || !strings.Contains(refused[0], "want.txt: "+strings.TrimSuffix(b, "\n"))) {
				t.Errorf("refusal does not name the lost finding: %q", refused)
			}
		})
	}
}

// TestTuneGC: errref sets its GOGC, unless the user set one.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tuneGC(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC unset: the collector's percent is %d; want %d", got, gcPercent)
	}
	tuneGC(func(k string) string {
		if k == "GOGC" {
			return "200"
		}
		return ""
	})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=200 set by the user: errref changed the percent to %d; want it left alone", got)
	}
}
