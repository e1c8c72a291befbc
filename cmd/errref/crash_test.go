package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/atomicfile"
	"github.com/errref/errref/loader"
	"github.com/errref/errref/loader/loadertest"
)

// These tests run the real errref (TestMain puts it on PATH) and kill it
// with SIGKILL at random moments: whatever the moment, the bundle is
// whole and every entry parses.

// seedCheckout copies the frozen seed entries into a new checkout.
func seedCheckout(t *testing.T) string {
	t.Helper()
	src := filepath.Join(loadertest.SeedDir(t), "entries")
	dst := t.TempDir()
	if err := os.CopyFS(filepath.Join(dst, "entries"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func errrefCmd(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("errref")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
	return cmd
}

// verifyBundle checks dir as a consumer would: sha256sum -c (where
// installed; never skipped in CI) and the writer's own recognition.
func verifyBundle(t *testing.T, dir string) {
	t.Helper()
	if _, err := exporters.Recognise(dir); err != nil {
		t.Fatalf("%s is not a whole bundle: %v", dir, err)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil && os.Getenv("CI") != "true" {
		return
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", "--quiet", exporters.SumsFile)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c in %s: %v\n%s", dir, err, out)
	}
}

// leftovers lists what beside dist/ is not the checkout's.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	des, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if n := de.Name(); n != "entries" && n != "dist" {
			out = append(out, n)
		}
	}
	return out
}

// killAtRandom runs errref args in root again and again for d, killing
// each run after a random delay up to max; check runs after each.
func killAtRandom(t *testing.T, root string, d, max time.Duration, args []string, check func(killed bool)) int {
	t.Helper()
	runs := 0
	for end := time.Now().Add(d); time.Now().Before(end); runs++ {
		cmd := errrefCmd(t, root, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(rand.N(max))
		killed := cmd.Process.Kill() == nil
		cmd.Wait()
		check(killed)
	}
	return runs
}

// TestBuildKilled: a build killed at any moment leaves dist/ whole (the
// previous bundle or the new one), a reader never finds it missing, and
// the next build cleans up what the killed one left.
func TestBuildKilled(t *testing.T) {
	root := seedCheckout(t)
	if out, err := errrefCmd(t, root, "build").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	dist := filepath.Join(root, "dist")
	var missing, polls atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.Stat(filepath.Join(dist, exporters.SumsFile)); err != nil {
				missing.Add(1)
			}
			polls.Add(1)
		}
	})
	runs := killAtRandom(t, root, 3*time.Second, 400*time.Millisecond, []string{"build"}, func(bool) { verifyBundle(t, dist) })
	close(stop)
	wg.Wait()
	t.Logf("%d builds killed at random; dist/ polled %d times", runs, polls.Load())
	if n := missing.Load(); n > 0 {
		t.Errorf("dist/SHA256SUMS was missing %d times of %d", n, polls.Load())
	}
	if out, err := errrefCmd(t, root, "build").CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	verifyBundle(t, dist)
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left beside dist/ after a clean build: %v", l)
	}
}

// TestBuildConcurrent: builds started together on one checkout wait for
// each other and all succeed; the result is one whole bundle.
func TestBuildConcurrent(t *testing.T) {
	root := seedCheckout(t)
	const n = 8
	errs := make([]error, n)
	outs := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { outs[i], errs[i] = errrefCmd(t, root, "build").CombinedOutput() })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("build %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	verifyBundle(t, filepath.Join(root, "dist"))
	if l := leftovers(t, root); len(l) > 0 {
		t.Errorf("left beside dist/: %v", l)
	}
}

// TestFmtKilled: fmt killed at any moment leaves every entry file whole,
// old or new; its temporary files are never read as entries and the next
// run removes them.
func TestFmtKilled(t *testing.T) {
	root := seedCheckout(t)
	entries := filepath.Join(root, "entries")
	// Unformat every entry: four-space indent, so fmt rewrites them all.
	des, err := os.ReadDir(entries)
	if err != nil {
		t.Fatal(err)
	}
	unformat := func() {
		for _, de := range des {
			p := filepath.Join(entries, de.Name())
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := json.Indent(&buf, bytes.TrimSpace(data), "", "    "); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	unformat()
	temps := 0
	runs := killAtRandom(t, root, 2*time.Second, 60*time.Millisecond, []string{"fmt"}, func(bool) {
		set, err := loader.Load(os.DirFS(root))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range set.Diags {
			t.Errorf("after a killed fmt: %v", d)
		}
		if got := len(set.Entries()); got != len(des) {
			t.Fatalf("after a killed fmt: %d entries, want %d", got, len(des))
		}
		if m, _ := filepath.Glob(filepath.Join(entries, atomicfile.TempPrefix+"*")); len(m) > 0 {
			temps++
		}
		if rand.N(4) == 0 {
			unformat()
		}
	})
	t.Logf("%d fmt runs killed at random, %d left a temporary file", runs, temps)
	if out, err := errrefCmd(t, root, "fmt").CombinedOutput(); err != nil {
		t.Fatalf("fmt after the kills: %v\n%s", err, out)
	}
	if out, err := errrefCmd(t, root, "fmt", "--check").CombinedOutput(); err != nil {
		t.Fatalf("fmt --check: %v\n%s", err, out)
	}
	if m, _ := filepath.Glob(filepath.Join(entries, ".*")); len(m) > 0 {
		t.Errorf("left in entries/ after a clean fmt: %v", strings.Join(m, ", "))
	}
}
