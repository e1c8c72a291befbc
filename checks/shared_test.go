package checks

import (
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader"
)

// TestSharedMessageGroups: the rules of one run get one grouping of the
// messages, the one each would derive alone.
func TestSharedMessageGroups(t *testing.T) {
	set, err := loader.Load(os.DirFS(synthtest.Tree(t, 300)))
	if err != nil {
		t.Fatal(err)
	}
	var sh shared
	a := &Pass{Files: set.Files, shared: &sh}
	b := &Pass{Files: set.Files, shared: &sh}
	ka, ga := a.messageGroups()
	kb, gb := b.messageGroups()
	if reflect.ValueOf(ga).UnsafePointer() != reflect.ValueOf(gb).UnsafePointer() {
		t.Error("two passes of one run derived the groups twice")
	}
	wk, wg := messageGroups(set.Files)
	if len(wk) < 2 || len(wk) == len(set.Files) {
		t.Fatalf("fixture: %d headlines for %d entries; want some shared", len(wk), len(set.Files))
	}
	opt := cmp.Comparer(func(x, y *loader.File) bool { return x == y })
	if diff := cmp.Diff(wk, ka); diff != "" || !cmp.Equal(wk, kb) {
		t.Errorf("keys (-alone +shared):\n%s", diff)
	}
	if diff := cmp.Diff(wg, ga, opt, cmp.AllowUnexported(shownBy{})); diff != "" {
		t.Errorf("groups (-alone +shared):\n%s", diff)
	}
}
