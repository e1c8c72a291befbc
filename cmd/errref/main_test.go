package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

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
// go test ./cmd/errref -run TestScripts -update. Review the diff: a
// finding that disappears from an expectation is a change to explain.
var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// TestScripts runs the end-to-end scripts in testdata/script/*.txtar:
// the real binary on small fixture trees, checking output and exit codes.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
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
