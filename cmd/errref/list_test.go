package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader/loadertest"
)

// TestListTable: a table with a header on a terminal, tab-separated rows
// without one when piped.
func TestListTable(t *testing.T) {
	seed := filepath.Join(loadertest.Root(t), "testdata", "seed")
	for _, tty := range []bool{true, false} {
		ios, stdout, stderr := iostreams.Test()
		ios.OutTTY = tty
		if code := run([]string{"-C", seed, "list", "--category", "drm"}, &Deps{IO: ios, Getenv: os.Getenv}); code != 0 {
			t.Fatalf("tty=%v: exit %d: %s", tty, code, stderr)
		}
		out := stdout.String()
		if tabbed := strings.Contains(out, "EME_NO_SUPPORTED_KEYSYSTEM\tfatal\tdrm\t"); tabbed == tty {
			t.Errorf("tty=%v: tab-separated = %v:\n%s", tty, tabbed, out)
		}
		if header := strings.Contains(out, "SEVERITY"); header != tty {
			t.Errorf("tty=%v: header = %v:\n%s", tty, header, out)
		}
	}
}
