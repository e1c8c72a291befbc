package exporters

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
)

// TestSwapFallback: where the system cannot exchange two folders, the
// previous bundle is moved aside and the new one renamed in; a build
// killed between the two renames leaves the previous bundle aside, and
// the next build puts it back before anything else.
func TestSwapFallback(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errors.ErrUnsupported}
	}
	defer func() { exchange = saved }()

	b := &Bundle{}
	parent := t.TempDir()
	target := filepath.Join(parent, "dist")
	for range 2 {
		if err := Write(b, []*Exporter{JSON, LLMs}, target); err != nil {
			t.Fatal(err)
		}
		if _, err := Recognise(target); err != nil {
			t.Fatal(err)
		}
	}
	// Killed after the first rename: only the aside copy exists.
	aside := filepath.Join(parent, ".dist.old-killed")
	if err := os.Rename(target, aside); err != nil {
		t.Fatal(err)
	}
	if err := recoverLeftovers(parent, "dist", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Recognise(target); err != nil {
		t.Fatalf("the previous bundle was not put back: %v", err)
	}
	if _, err := os.Stat(aside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is still there", aside)
	}
}

// TestOldNotRemoved: when the previous bundle cannot be removed, the
// error says what is true: the new bundle is in place, and where the old
// one is.
func TestOldNotRemoved(t *testing.T) {
	saved := removeOld
	removeOld = func(string) error { return os.ErrPermission }
	defer func() { removeOld = saved }()
	b := &Bundle{}
	target := filepath.Join(t.TempDir(), "dist")
	if err := Write(b, []*Exporter{JSON}, target); err != nil {
		t.Fatal(err)
	}
	b.DataVersion = "second"
	err := Write(b, []*Exporter{JSON}, target)
	if err == nil || !strings.Contains(err.Error(), "wrote "+target+", but the previous bundle, now at ") || strings.Contains(err.Error(), "unchanged") {
		t.Fatalf("err = %v, want one saying the new bundle was written", err)
	}
	data, _ := os.ReadFile(filepath.Join(target, "errors.json"))
	if !strings.Contains(string(data), `"data_version": "second"`) {
		t.Error("target does not hold the new bundle")
	}
}

// noExchange makes Write fall back to two renames for the test, and rename
// fail where fail says; both are restored after the test.
func noExchange(t *testing.T, fail func(from, to string) bool) {
	savedX, savedR := exchange, rename
	t.Cleanup(func() { exchange, rename = savedX, savedR })
	exchange = func(a, b string) error {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errors.ErrUnsupported}
	}
	rename = func(from, to string) error {
		if fail(from, to) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: os.ErrPermission}
		}
		return os.Rename(from, to)
	}
}

// TestSwapFallbackNoStepAfter: in the fallback, once the new bundle is in
// place no rename is left to fail: the previous bundle is removed from
// where it was moved aside. (A rename of it back to the staging name
// could fail, and the error then said the target was unchanged while it
// held the new bundle.)
func TestSwapFallbackNoStepAfter(t *testing.T) {
	noExchange(t, func(from, to string) bool { return strings.Contains(from, ".dist.old-") })
	b := &Bundle{}
	parent := t.TempDir()
	target := filepath.Join(parent, "dist")
	if err := Write(b, []*Exporter{JSON}, target); err != nil {
		t.Fatal(err)
	}
	b.DataVersion = "second"
	if err := Write(b, []*Exporter{JSON}, target); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(target, "errors.json"))
	if !strings.Contains(string(data), `"data_version": "second"`) {
		t.Error("target does not hold the new bundle")
	}
	if des, _ := os.ReadDir(parent); len(des) != 1 {
		t.Errorf("beside the target: %d names, want only it", len(des))
	}
}

// TestSwapRollbackFails: in the fallback, when neither the new bundle nor
// the previous one can be put at the target, the error says so, never
// that the target is unchanged; the next Write puts the previous bundle
// back first, then writes.
func TestSwapRollbackFails(t *testing.T) {
	b := &Bundle{DataVersion: "first"}
	parent := t.TempDir()
	target := filepath.Join(parent, "dist")
	if err := Write(b, []*Exporter{JSON}, target); err != nil {
		t.Fatal(err)
	}
	noExchange(t, func(from, to string) bool { return to == target })
	b.DataVersion = "second"
	err := Write(b, []*Exporter{JSON}, target)
	if err == nil || strings.Contains(err.Error(), "unchanged") || !strings.Contains(err.Error(), target+" is missing; the previous bundle is at "+parent+"/.dist.old-") {
		t.Fatalf("err = %v, want one saying the target is missing and where the previous bundle is", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("target: %v, want it missing as the error says", err)
	}
	rename = os.Rename
	if err := recoverLeftovers(parent, "dist", nil); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(target, "errors.json"))
	if !strings.Contains(string(data), `"data_version": "first"`) {
		t.Error("the previous bundle was not put back")
	}
	if des, _ := os.ReadDir(parent); len(des) != 1 {
		t.Errorf("beside the target: %d names, want only it", len(des))
	}
}

// TestLeftoverNotRemoved: a leftover of an earlier build that cannot be
// removed (here the previous bundle of a build that could not remove it)
// is reported as a warning naming it and does not stop later builds.
func TestLeftoverNotRemoved(t *testing.T) {
	saved := removeOld
	t.Cleanup(func() { removeOld = saved })
	removeOld = func(string) error { return os.ErrPermission }
	b := &Bundle{DataVersion: "first"}
	parent := t.TempDir()
	target := filepath.Join(parent, "dist")
	if err := Write(b, []*Exporter{JSON}, target); err != nil {
		t.Fatal(err)
	}
	b.DataVersion = "second"
	if err := Write(b, []*Exporter{JSON}, target); err == nil {
		t.Fatal("the previous bundle could not be removed, and Write said nothing")
	}
	var warned []string
	w := Writer{Warn: func(msg string) { warned = append(warned, msg) }}
	b.DataVersion = "third"
	if err := w.Write(b, []*Exporter{JSON}, target); err == nil || !strings.Contains(err.Error(), "wrote "+target+", but") {
		t.Fatalf("third Write: %v, want it written (with the previous bundle not removed, as before)", err)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "could not remove "+parent+"/.dist.tmp-") {
		t.Errorf("warnings: %q, want one naming the leftover", warned)
	}
	data, _ := os.ReadFile(filepath.Join(target, "errors.json"))
	if !strings.Contains(string(data), `"data_version": "third"`) {
		t.Error("target does not hold the third bundle")
	}
}

// TestRenderAhead: files come back in order with their own bytes, a
// failure stays with its file, files without Make pass through, and
// stopping halfway ends the rendering (the test would hang otherwise).
func TestRenderAhead(t *testing.T) {
	const n, window = 200, 4
	var started atomic.Int64 // Makes begun
	files := make([]File, n)
	for i := range files {
		switch {
		case i%7 == 0:
			files[i] = File{Name: fmt.Sprint(i), Data: []byte(fmt.Sprint("data ", i))}
		case i == 101:
			files[i] = File{Name: fmt.Sprint(i), Make: func() ([]byte, error) {
				started.Add(1)
				return nil, errors.New("page 101 failed")
			}}
		default:
			files[i] = File{Name: fmt.Sprint(i), Make: func() ([]byte, error) {
				started.Add(1)
				time.Sleep(time.Duration(i%3) * time.Millisecond) // finish out of order
				return []byte(fmt.Sprint("made ", i)), nil
			}}
		}
	}
	next, stop := renderAhead(files, window)
	taken := 0 // Makes the writer has taken
	for i := range n {
		if s := started.Load(); s > int64(taken+window) {
			t.Errorf("before file %d: %d renders begun, %d taken; want at most %d ahead", i, s, taken, window)
		}
		if files[i].Make != nil {
			taken++
		}
		data, err := next(i).Content()
		var want string
		switch {
		case i%7 == 0:
			want = fmt.Sprint("data ", i)
		case i == 101:
			if err == nil || err.Error() != "page 101 failed" {
				t.Errorf("file 101: err %v; want its own failure", err)
			}
			continue
		default:
			want = fmt.Sprint("made ", i)
		}
		if err != nil || string(data) != want {
			t.Errorf("file %d: %q, %v; want %q", i, data, err, want)
		}
	}
	stop()
	next, stop = renderAhead(files, 4)
	next(0)
	next(1)
	stop() // the writer gave up after two files
	stop() // and stopping twice is harmless
}

// TestDataVersionBatches: the data version hashes every entry's canonical
// form in reference order, whatever the batches NewBundle formats them in.
func TestDataVersionBatches(t *testing.T) {
	es := loadertest.Load(t, synthtest.Tree(t, 50)).Entries()
	whole, err := NewBundle(es)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, e := range whole.Entries { // sorted, acknowledgements dropped
		data, err := entry.Format(e)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(data)
	}
	want := "sha256-" + hex.EncodeToString(h.Sum(nil))[:16]
	saved := formBatch
	defer func() { formBatch = saved }()
	for _, n := range []int{1, 3, 49, 50, 4096} {
		formBatch = n
		b, err := NewBundle(es)
		if err != nil {
			t.Fatal(err)
		}
		if b.DataVersion != want {
			t.Errorf("batches of %d: data version %s, want %s", n, b.DataVersion, want)
		}
	}
}

// TestLinkStamps: a rebuild links the previous bundle's copy of a file
// whose stamp is unchanged since Recognise read it, and reads again (and
// here refuses) one written since.
func TestLinkStamps(t *testing.T) {
	target := filepath.Join(t.TempDir(), "dist")
	if err := Write(&Bundle{}, []*Exporter{JSON}, target); err != nil {
		t.Fatal(err)
	}
	// An hour from now, every file has settled.
	prev, err := recognise(target, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if f := prev["errors.json"]; !f.settled && runtime.GOOS == "linux" {
		t.Fatalf("no stamp for errors.json: %+v", f)
	}
	now, err := recognise(target, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range now {
		if f.settled {
			t.Errorf("%s, written just now, has settled", name)
		}
	}
	staging := t.TempDir()
	st := &stager{dir: staging, prevDir: target, prev: prev}
	sum := prev["errors.json"].sum
	if !st.link("errors.json", sum, filepath.Join(staging, "a")) {
		t.Fatal("an unchanged file was not linked")
	}
	// A byte longer: a new stamp whatever the clock's tick.
	old := filepath.Join(target, "errors.json")
	data, _ := os.ReadFile(old)
	if err := os.WriteFile(old, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if st.link("errors.json", sum, filepath.Join(staging, "b")) {
		t.Fatal("a file written since Recognise was linked")
	}
	if _, err := os.Lstat(filepath.Join(staging, "b")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused link left a file: %v", err)
	}
}
