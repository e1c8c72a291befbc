package main

import (
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

// TestScripts runs the end-to-end scripts in testdata/script/*.txtar:
// the real binary on small fixture trees, checking output and exit codes.
// Update their expected output with: go test ./cmd/errref -run TestScripts -testwork
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"fill": cmdFill},
		Setup: func(env *testscript.Env) error {
			// The repository, for its seed and docs; the checkout whose
			// live entries the scripts may only assert properties of.
			env.Setenv("REPO", loadertest.Root(t))
			env.Setenv("CHECKOUT", loadertest.Checkout(t))
			return nil
		},
	})
}
