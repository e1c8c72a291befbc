package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader/loadertest"
)

// fixtureTree writes files (path → content) under a fresh folder and returns it.
func fixtureTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readSeedEntry is one of the upstream's entries, frozen in testdata/seed,
// for tests that edit its text.
func readSeedEntry(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(loadertest.SeedDir(t), "entries", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCheckFmtRulesExitCodes: 0 clean (warnings allowed), 1 errors, 2 usage or I/O.
func TestCheckFmtRulesExitCodes(t *testing.T) {
	repo := loadertest.Checkout(t)
	clean := readSeedEntry(t, "auth-1.json")
	withError := strings.Replace(clean, `"Service temporarily unavailable"`, `"Service temporarily unavailable "`, 1)
	withWarning := strings.Replace(clean, `"Service temporarily unavailable"`, `"Service Temporarily Unavailable"`, 1)
	messy := strings.ReplaceAll(clean, "\n  ", "\n    ")
	tests := []struct {
		name  string
		files map[string]string // a fresh tree; nil runs in the repository
		args  []string
		want  int
	}{
		{"check repository", nil, []string{"check"}, 0},
		{"check sarif repository", nil, []string{"check", "--format", "sarif"}, 0},
		{"check warning only", map[string]string{"entries/auth-1.json": withWarning}, []string{"check"}, 0},
		{"check error", map[string]string{"entries/auth-1.json": withError}, []string{"check"}, 1},
		{"check error json", map[string]string{"entries/auth-1.json": withError}, []string{"check", "--format", "json"}, 1},
		{"check error github", map[string]string{"entries/auth-1.json": withError}, []string{"check", "--format", "github"}, 1},
		{"check --fix repairs", map[string]string{"entries/auth-1.json": withError}, []string{"check", "--fix"}, 0},
		{"check syntax error", map[string]string{"entries/auth-1.json": "{"}, []string{"check"}, 1},
		{"check unknown format", nil, []string{"check", "--format", "xml"}, 2},
		{"check unknown flag", nil, []string{"check", "--bogus"}, 2},
		{"check no entries folder", map[string]string{"README": ""}, []string{"check"}, 2},
		{"fmt --check repository", nil, []string{"fmt", "--check"}, 0},
		{"fmt --check messy", map[string]string{"entries/auth-1.json": messy}, []string{"fmt", "--check"}, 1},
		{"fmt messy", map[string]string{"entries/auth-1.json": messy}, []string{"fmt"}, 0},
		{"fmt syntax error", map[string]string{"entries/auth-1.json": "{"}, []string{"fmt"}, 1},
		{"fmt no entries folder", map[string]string{"README": ""}, []string{"fmt"}, 2},
		{"rules", nil, []string{"rules"}, 0},
		{"rules markdown", nil, []string{"rules", "--markdown"}, 0},
		{"rules unknown flag", nil, []string{"rules", "--bogus"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := repo
			if tt.files != nil {
				dir = fixtureTree(t, tt.files)
			}
			ios, stdout, stderr := iostreams.Test()
			got := run(append([]string{"-C", dir}, tt.args...), &Deps{IO: ios, Getenv: func(string) string { return "" }})
			if got != tt.want {
				t.Errorf("exit %d; want %d\nstdout:\n%s\nstderr:\n%s", got, tt.want, stdout, stderr)
			}
		})
	}
}

// TestFmtIdempotent: fmt turns a messy file into the repository's bytes,
// and a second run changes nothing.
func TestFmtIdempotent(t *testing.T) {
	clean := readSeedEntry(t, "auth-1.json")
	dir := fixtureTree(t, map[string]string{"entries/auth-1.json": strings.ReplaceAll(clean, "\n  ", "\n\t")})
	for i := range 2 {
		ios, stdout, stderr := iostreams.Test()
		if code := run([]string{"-C", dir, "fmt"}, &Deps{IO: ios, Getenv: os.Getenv}); code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		if listed := stdout.String() != ""; listed != (i == 0) {
			t.Errorf("run %d: listed %q", i, stdout)
		}
		got, err := os.ReadFile(filepath.Join(dir, "entries", "auth-1.json"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != clean {
			t.Fatalf("run %d: file differs from the canonical form:\n%s", i, got)
		}
	}
}

// TestRulesTable: a table on a terminal, tab-separated values when piped.
func TestRulesTable(t *testing.T) {
	for _, tty := range []bool{true, false} {
		ios, stdout, _ := iostreams.Test()
		ios.OutTTY = tty
		if code := run([]string{"rules"}, &Deps{IO: ios, Getenv: os.Getenv}); code != 0 {
			t.Fatalf("tty=%v: exit %d", tty, code)
		}
		out := stdout.String()
		if tabbed := strings.Contains(out, "naming\terror\t"); tabbed == tty {
			t.Errorf("tty=%v: tab-separated = %v:\n%s", tty, tabbed, out)
		}
		if tty && (!strings.Contains(out, "NAME") || !strings.Contains(out, "misleading-message")) {
			t.Errorf("tty: no table with a header and every rule:\n%s", out)
		}
	}
}
