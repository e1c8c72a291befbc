package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// Exchange swaps the names a and b in one step (renamex_np with
// RENAME_SWAP). See the Linux version.
func Exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if err == unix.EINVAL || err == unix.ENOTSUP {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: unsupported{err}}
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}
