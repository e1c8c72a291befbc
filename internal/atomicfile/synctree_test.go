package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSyncTree syncs a tree both ways: the platform's (one syncfs on
// Linux) and one fsync per file and folder; a missing folder is an error.
func TestSyncTree(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/b/c.txt", "a/d.txt", "e.txt"} {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := SyncTree(dir); err != nil {
		t.Errorf("SyncTree: %v", err)
	}
	if err := syncEach(dir); err != nil {
		t.Errorf("syncEach: %v", err)
	}
	if err := SyncTree(filepath.Join(dir, "missing")); err == nil {
		t.Error("SyncTree of a missing folder: no error")
	}
	if err := syncEach(filepath.Join(dir, "missing")); err == nil {
		t.Error("syncEach of a missing folder: no error")
	}
}
