package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/errref/errref/internal/iostreams"
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
		Setup: func(env *testscript.Env) error {
			// The repository's entries, for scripts that start from them.
			env.Setenv("REPO", repoRoot(t))
			return nil
		},
	})
}

func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd + "/../.."
}
