package atomicfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// SyncTree makes every file and folder under dir, and dir, durable. On
// Linux that is one syncfs(2) of dir's file system: a bundle of thousands
// of files is committed in one journal flush instead of one fsync per
// file and folder (docs/performance.md). Since Linux 5.8 syncfs reports
// the write-back errors of the file system, as fsync does for a file.
func SyncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = unix.Syncfs(int(f.Fd()))
	if errors.Is(err, unix.ENOSYS) {
		err = syncEach(dir) // a kernel or sandbox without syncfs
	}
	return errors.Join(err, f.Close())
}
