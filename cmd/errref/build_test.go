package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader/loadertest"
)

// copyEntries copies the repository's entries into a new checkout,
// writing the files in the given order (reversed when reverse is set)
// with distinct modification times.
func copyEntries(t *testing.T, reverse bool) string {
	t.Helper()
	src := filepath.Join(loadertest.Checkout(t), "entries")
	des, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if reverse {
		slices.Reverse(des)
	}
	dst := t.TempDir()
	if err := os.Mkdir(filepath.Join(dst, "entries"), 0o755); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for i, de := range des {
		b, err := os.ReadFile(filepath.Join(src, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, "entries", de.Name())
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		mt := base.Add(time.Duration(i) * time.Hour)
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func runCmd(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	code = run(args, &Deps{IO: ios, Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errOut.String()
}

// TestBuildDeterministic: two builds from the same entries, copied in
// opposite orders with different times and under different time zones,
// are byte-identical, every file of them.
func TestBuildDeterministic(t *testing.T) {
	a, b := copyEntries(t, false), copyEntries(t, true)
	if code, _, stderr := runCmd(t, nil, "-C", a, "build"); code != 0 {
		t.Fatalf("build a: exit %d\n%s", code, stderr)
	}
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("UTC+13", 13*3600)
	if code, _, stderr := runCmd(t, nil, "-C", b, "build"); code != 0 {
		t.Fatalf("build b: exit %d\n%s", code, stderr)
	}
	ta, tb := readTree(t, filepath.Join(a, "dist")), readTree(t, filepath.Join(b, "dist"))
	if len(ta) < 5 {
		t.Fatalf("bundle has only %d files", len(ta))
	}
	if diff := cmp.Diff(ta, tb); diff != "" {
		t.Errorf("builds differ (-a +b):\n%s", diff)
	}

	// A given SOURCE_DATE_EPOCH is reproducible too.
	env := map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}
	for _, dir := range []string{a, b} {
		if code, _, stderr := runCmd(t, env, "-C", dir, "build", "-o", "dist-epoch"); code != 0 {
			t.Fatalf("build with epoch: exit %d\n%s", code, stderr)
		}
	}
	if diff := cmp.Diff(readTree(t, filepath.Join(a, "dist-epoch")), readTree(t, filepath.Join(b, "dist-epoch"))); diff != "" {
		t.Errorf("builds with SOURCE_DATE_EPOCH differ (-a +b):\n%s", diff)
	}
}

// TestBuildFailureKeepsDist: a build that finds errors exits 1 and leaves
// the previous bundle exactly as it was.
func TestBuildFailureKeepsDist(t *testing.T) {
	dir := copyEntries(t, false)
	if code, _, stderr := runCmd(t, nil, "-C", dir, "build"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := readTree(t, filepath.Join(dir, "dist"))
	// The seed's auth-73 with a bad severity, whatever entries/ holds.
	bad := filepath.Join(dir, "entries", "auth-73.json")
	data := strings.Replace(readSeedEntry(t, "auth-73.json"), `"severity": "error"`, `"severity": "critical"`, 1)
	if err := os.WriteFile(bad, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, nil, "-C", dir, "build")
	if code != exitFindings {
		t.Fatalf("build with a bad entry: exit %d, want %d\n%s", code, exitFindings, stderr)
	}
	wantLine := dir + `/entries/auth-73.json:10:15: error: /severity: found "critical"; want one of "info", "warn", "error", "fatal" [schema]`
	if !strings.Contains(stderr, wantLine) {
		t.Errorf("stderr lacks %q:\n%s", wantLine, stderr)
	}
	if diff := cmp.Diff(before, readTree(t, filepath.Join(dir, "dist"))); diff != "" {
		t.Errorf("failed build changed dist/ (-before +after):\n%s", diff)
	}
}

func TestExitCodes(t *testing.T) {
	clean := copyEntries(t, false)
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"check clean", []string{"-C", clean, "check"}, exitOK},
		{"build clean", []string{"-C", clean, "build", "-o", t.TempDir()}, exitOK},
		{"unknown flag", []string{"build", "--bogus"}, exitUsage},
		{"unknown command", []string{"bogus"}, exitUsage},
		{"stray argument", []string{"-C", clean, "check", "x"}, exitUsage},
		{"unknown exporter", []string{"-C", clean, "build", "--only", "pdf"}, exitUsage},
		{"missing checkout", []string{"-C", filepath.Join(clean, "nope"), "check"}, exitUsage},
		{"no entries folder", []string{"-C", t.TempDir(), "check"}, exitUsage},
		{"bad SOURCE_DATE_EPOCH", []string{"-C", clean, "build", "--source-date-epoch", "x"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, stderr := runCmd(t, nil, tc.args...); code != tc.want {
				t.Errorf("errref %v: exit %d, want %d\n%s", tc.args, code, tc.want, stderr)
			}
		})
	}
}
