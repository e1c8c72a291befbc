package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader/loadertest"
)

// TestOrdinaryPullRequests plays three ordinary data pull requests, one
// after the other, on a copy of the repository's entries: (a) add an
// entry with errref new and fill it in, (b) reword a resolution step of
// an existing entry and add a cause, (c) delete an entry. After each, as
// CI would: check passes and build writes a bundle that holds exactly the
// entries, in reference order. After the three, the whole test suite
// passes on the changed copy (its tests of the live data read
// $ERRREF_TEST_CHECKOUT; -short leaves that replay out).
func TestOrdinaryPullRequests(t *testing.T) {
	dir := copyEntries(t, false)
	es := loadertest.Load(t, dir).Entries()
	if len(es) < 2 {
		t.Skipf("entries/ has %d entries; the pull requests need two", len(es))
	}
	edited, deleted := es[0], es[len(es)-1]

	t.Run("add", func(t *testing.T) {
		code := freeCode(es, "accounts")
		mustRun(t, "-C", dir, "new", code, "--severity", "error", "--category", "auth,network")
		path := filepath.Join(dir, "entries", entry.Slug(code)+".json")
		if code, _, _ := runCmd(t, nil, "-C", dir, "check"); code != exitFindings {
			t.Errorf("check with placeholders: exit %d, want %d", code, exitFindings)
		}
		if err := fillPlaceholders(path); err != nil {
			t.Fatal(err)
		}
		pullRequestPasses(t, dir)
	})
	t.Run("edit", func(t *testing.T) {
		path := filepath.Join(dir, "entries", edited.ID+".json")
		e := readEntryFile(t, path)
		e.Resolution[0] += " if the error persists"
		e.Causes = append(e.Causes, "Another condition that users reported")
		writeEntryFile(t, path, e)
		pullRequestPasses(t, dir)
		if llms := readFile(t, filepath.Join(dir, "dist", "llms-full.txt")); !strings.Contains(llms, "if the error persists") {
			t.Error("llms-full.txt lacks the reworded step")
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "entries", deleted.ID+".json")); err != nil {
			t.Fatal(err)
		}
		pullRequestPasses(t, dir)
	})
	if !t.Failed() {
		replaySuite(t, dir)
	}
}

// pullRequestPasses runs what CI runs on a pull request against the
// checkout dir, and checks the bundle against the files.
func pullRequestPasses(t *testing.T, dir string) {
	t.Helper()
	if code, stdout, stderr := runCmd(t, nil, "-C", dir, "check"); code != exitOK || strings.Contains(stdout, ": error: ") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	mustRun(t, "-C", dir, "build")
	files, err := filepath.Glob(filepath.Join(dir, "entries", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range files {
		want = append(want, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	var bundle struct {
		Count   int            `json:"count"`
		Entries []*entry.Entry `json:"entries"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "dist", "errors.json"))), &bundle); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range bundle.Entries {
		got = append(got, e.ID)
	}
	if !slices.IsSortedFunc(bundle.Entries, entry.Less) {
		t.Errorf("errors.json is not in reference order: %q", got)
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" || bundle.Count != len(want) {
		t.Errorf("errors.json: count %d, want %d; ids (-files +bundle):\n%s", bundle.Count, len(want), diff)
	}
}

// replaySuite runs go test ./... with the tests of the live data reading
// dir, leaving out the tests that play pull requests themselves, and the
// browser test: it would start chromium three more times while the outer
// suite runs its own, and what the site makes of the entries (an article,
// a heading and a search-index row each) TestSiteAnchors and
// TestSiteIndex check in the replay on the same entries. The crash,
// race and hostile-file tests read no entry the pull requests touch (they
// build their own trees) and only cost time in a replay.
func replaySuite(t *testing.T, dir string) {
	t.Helper()
	if testing.Short() {
		t.Log("-short: the test suite is not replayed on the changed entries")
		return
	}
	goTool, err := exec.LookPath(filepath.Join(runtime.GOROOT(), "bin", "go"))
	if err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Fatalf("no go tool to replay the suite: %v", err)
		}
	}
	cmd := exec.Command(goTool, "test", "-count=1", "-skip", "^(TestOrdinaryPullRequests|TestAdditionsMerge|TestSiteInBrowser|TestBuildKilled|TestBuildConcurrent|TestFmtKilled|TestSpecialFilesNoHang)$", "./...")
	cmd.Dir = loadertest.Root(t)
	cmd.Env = append(os.Environ(), loadertest.CheckoutEnv+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test ./... on the changed entries: %v\n%s", err, out)
	}
}

// TestAdditionsMerge: two pull requests that each add an entry with
// errref new from the same base merge without a conflict, in either
// order, into the same bundle.
func TestAdditionsMerge(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	dir := copyEntries(t, false)
	es := loadertest.Load(t, dir).Entries()
	first := freeCode(es, "accounts")
	second := freeCode(append(es, &entry.Entry{Code: first, Codes: []entry.Code{{Code: first}}}), "accounts")
	git(t, dir, "init", "-q", "-b", "base")
	git(t, dir, "add", "entries")
	git(t, dir, "commit", "-q", "-m", "base")
	for _, pr := range []struct{ branch, code string }{{"a", first}, {"b", second}} {
		git(t, dir, "checkout", "-q", "-b", pr.branch, "base")
		mustRun(t, "-C", dir, "new", pr.code, "--severity", "error", "--category", "auth")
		if err := fillPlaceholders(filepath.Join(dir, "entries", entry.Slug(pr.code)+".json")); err != nil {
			t.Fatal(err)
		}
		git(t, dir, "add", "entries")
		git(t, dir, "commit", "-q", "-m", "add "+pr.code)
	}
	bundles := map[string]map[string][]byte{}
	for _, m := range []struct{ into, from string }{{"a", "b"}, {"b", "a"}} {
		git(t, dir, "checkout", "-q", "-b", m.into+"+"+m.from, m.into)
		git(t, dir, "merge", "-q", "--no-edit", m.from)
		if code, stdout, stderr := runCmd(t, nil, "-C", dir, "check"); code != exitOK {
			t.Fatalf("check after merging %s into %s: exit %d\n%s%s", m.from, m.into, code, stdout, stderr)
		}
		out := filepath.Join(t.TempDir(), "dist")
		mustRun(t, "-C", dir, "build", "-o", out)
		bundles[m.into] = readTree(t, out)
	}
	if diff := cmp.Diff(bundles["a"], bundles["b"]); diff != "" {
		t.Errorf("the bundle depends on the merge order (-a+b +b+a):\n%s", diff)
	}
}

// freeCode is the first code prefix:N, N from 900, that no entry covers.
func freeCode(es []*entry.Entry, prefix string) string {
	for n := 900; ; n++ {
		c := fmt.Sprintf("%s:%d", prefix, n)
		if !slices.ContainsFunc(es, func(e *entry.Entry) bool { return e.Covers(c) }) {
			return c
		}
	}
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, stdout, stderr := runCmd(t, nil, args...); code != exitOK {
		t.Fatalf("errref %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=errref test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readEntryFile(t *testing.T, path string) *entry.Entry {
	t.Helper()
	var e entry.Entry
	if err := json.Unmarshal([]byte(readFile(t, path)), &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

func writeEntryFile(t *testing.T, path string, e *entry.Entry) {
	t.Helper()
	b, err := entry.Format(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
