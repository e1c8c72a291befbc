//go:build !linux

package atomicfile

// SyncTree makes every file and folder under dir, and dir, durable: here,
// one fsync per file and folder, several at a time (SyncAll).
func SyncTree(dir string) error { return syncEach(dir) }
