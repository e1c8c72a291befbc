package exporters

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if err := recoverLeftovers(parent, "dist"); err != nil {
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
