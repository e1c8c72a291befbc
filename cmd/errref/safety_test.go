//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errref/errref/internal/atomicfile"
	"github.com/errref/errref/loader/loadertest"
)

// oneEntry is a checkout holding one seed entry.
func oneEntry(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	data, err := os.ReadFile(filepath.Join(loadertest.SeedDir(t), "entries", "auth-73.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "entries"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "entries", "auth-73.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestSourceDateEpoch: the flag and the environment accept the same
// values, integers from 0 to 253402300799, and refuse every other.
func TestSourceDateEpoch(t *testing.T) {
	root := oneEntry(t)
	for _, tc := range []struct {
		v  string
		ok bool
	}{
		{"0", true},
		{"1700000000", true},
		{"253402300799", true},
		{"253402300800", false},
		{"-5", false},
		{"-1", false},
		{"x", false},
		{"1e9", false},
		{"+5", false},
		{"05", false},
		{" 5", false},
		{"99999999999999999999", false},
	} {
		for _, how := range []string{"flag", "env"} {
			args := []string{"-C", root, "build", "--only", "json", "-o", t.TempDir() + "/dist"}
			var env map[string]string
			if how == "flag" {
				args = append(args, "--source-date-epoch", tc.v)
			} else {
				env = map[string]string{"SOURCE_DATE_EPOCH": tc.v}
			}
			code, _, stderr := runCmd(t, env, args...)
			if tc.ok && code != exitOK || !tc.ok && (code != exitUsage || !strings.Contains(stderr, "want an integer from 0 to 253402300799")) {
				t.Errorf("%s %q: exit %d, want ok=%v\n%s", how, tc.v, code, tc.ok, stderr)
			}
		}
	}
}

// TestNamesEscaped: a file name holding a newline cannot forge a line of
// build's or fmt's plain output (a GitHub "::error" workflow command); it
// is printed escaped, as a layout error (and the github format escapes
// it further, by its own rules).
func TestNamesEscaped(t *testing.T) {
	root := oneEntry(t)
	evil := "x.json\n::error file=auth-73.json,line=1::forged"
	if err := os.WriteFile(filepath.Join(root, "entries", evil), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "-o", t.TempDir() + "/dist"}, {"fmt"}, {"fmt", "--check"}, {"check", "--format", "github"}} {
		code, stdout, stderr := runCmd(t, nil, append([]string{"-C", root}, args...)...)
		if code != exitFindings {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitFindings, stderr)
		}
		for _, line := range strings.Split(stdout+stderr, "\n") {
			if strings.HasPrefix(line, "::error file=auth-73.json") {
				t.Errorf("%v: forged line %q", args, line)
			}
		}
		if args[0] != "check" && !strings.Contains(stdout+stderr, `"x.json\n::error file=auth-73.json,line=1::forged"`) {
			t.Errorf("%v: the name is not printed escaped:\n%s%s", args, stdout, stderr)
		}
	}
}

// TestSpecialFilesNoHang: a FIFO and a link to /dev/zero in entries/ hung
// or exhausted every command that reads entries; now each reports them as
// layout errors and exits 1, promptly.
func TestSpecialFilesNoHang(t *testing.T) {
	root := oneEntry(t)
	if err := syscall.Mkfifo(filepath.Join(root, "entries", "pipe.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(root, "entries", "zero.json")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check"},
		{"build", "-o", t.TempDir() + "/dist"},
		{"fmt", "--check"},
		{"fmt"},
		{"new", "auth:999", "--severity", "error", "--category", "auth"},
	} {
		done := make(chan struct{})
		var code int
		var stdout, stderr string
		go func() {
			code, stdout, stderr = runCmd(t, nil, append([]string{"-C", root}, args...)...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("errref %v did not return in 20s", args)
		}
		if args[0] == "new" {
			continue // it only has to return: it reads entries/ for duplicates
		}
		if code != exitFindings {
			t.Errorf("errref %v: exit %d, want %d\n%s", args, code, exitFindings, stderr)
		}
		for _, want := range []string{"pipe.json:1:1: error: found a named pipe (FIFO)", "zero.json:1:1: error: found a symbolic link"} {
			if !strings.Contains(stdout+stderr, want) {
				t.Errorf("errref %v: stderr lacks %q:\n%s", args, want, stderr)
			}
		}
	}
}

// TestEntriesFolderLinked: entries/ as a symbolic link (a pull request can
// carry one, to any folder of the CI machine) is a layout error; its
// target is neither read nor written, not even by new.
func TestEntriesFolderLinked(t *testing.T) {
	root := t.TempDir()
	outside := oneEntry(t)
	if err := os.Symlink(filepath.Join(outside, "entries"), filepath.Join(root, "entries")); err != nil {
		t.Fatal(err)
	}
	// Named like a rewrite's temporary file, which fmt removes from entries/.
	if err := os.WriteFile(filepath.Join(outside, "entries", atomicfile.TempPrefix+"theirs"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	want := "entries:1:1: error: found a symbolic link (links are never followed); want the folder of entry files [layout]"
	for _, args := range [][]string{
		{"check"},
		{"build", "-o", t.TempDir() + "/dist"},
		{"fmt"},
		{"new", "auth:999", "--severity", "error", "--category", "auth"},
	} {
		code, stdout, stderr := runCmd(t, nil, append([]string{"-C", root}, args...)...)
		if code == exitOK || !strings.Contains(stdout+stderr, want) {
			t.Errorf("errref %v: exit %d, want an error %q\n%s%s", args, code, want, stdout, stderr)
		}
	}
	des, err := os.ReadDir(filepath.Join(outside, "entries"))
	if err != nil || len(des) != 2 {
		t.Errorf("the link's target now holds %d files (%v), want its 2", len(des), err)
	}
}

// TestFmtListsOnlyRewritten: fmt lists the files it rewrote; a file whose
// rewrite failed (an edit saved meanwhile) is not listed, and the error
// says it was not rewritten.
func TestFmtListsOnlyRewritten(t *testing.T) {
	root := oneEntry(t)
	p := filepath.Join(root, "entries", "auth-73.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil { // not canonical: one newline too many
		t.Fatal(err)
	}
	defer func(f func(string, []byte, []byte) error) { replaceFile = f }(replaceFile)
	replaceFile = func(string, []byte, []byte) error { return atomicfile.ErrChanged }
	code, stdout, stderr := runCmd(t, nil, "-C", root, "fmt")
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "changed on disk since it was read; not rewritten") {
		t.Errorf("fmt with a failed rewrite: exit %d, stdout %q, want exit %d and nothing listed\n%s", code, stdout, exitUsage, stderr)
	}
	replaceFile = atomicfile.Replace
	code, stdout, stderr = runCmd(t, nil, "-C", root, "fmt")
	if code != exitOK || !strings.HasSuffix(stdout, "/entries/auth-73.json\n") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("fmt: exit %d, stdout %q, want entries/auth-73.json listed\n%s", code, stdout, stderr)
	}
}

// TestLeftTempRemoved: a temporary file that a killed rewrite left in
// entries/ is never read, and the next fmt or check --fix removes it,
// even when it has nothing to rewrite; check and fmt --check, which
// rewrite nothing, leave it.
func TestLeftTempRemoved(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		removed bool
	}{
		{[]string{"check"}, false},
		{[]string{"fmt", "--check"}, false},
		{[]string{"fmt"}, true},
		{[]string{"check", "--fix"}, true},
	} {
		root := oneEntry(t)
		tmp := filepath.Join(root, "entries", atomicfile.TempPrefix+"123")
		if err := os.WriteFile(tmp, []byte(`{"half`), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCmd(t, nil, append([]string{"-C", root}, tc.args...)...)
		if code != exitOK {
			t.Errorf("%v: exit %d, want 0 (the temporary file is not an entry)\n%s%s", tc.args, code, stdout, stderr)
		}
		if _, err := os.Stat(tmp); (err == nil) == tc.removed {
			t.Errorf("%v: temporary file there: %v, want removed %v", tc.args, err == nil, tc.removed)
		}
	}
}
