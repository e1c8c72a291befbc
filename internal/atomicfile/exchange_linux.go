package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// Exchange swaps the names a and b in one step (renameat2 with
// RENAME_EXCHANGE): at every moment each name holds one of the two. It
// returns an error wrapping errors.ErrUnsupported where the kernel or the
// file system cannot.
func Exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.EINVAL || err == unix.ENOSYS || err == unix.ENOTSUP {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: unsupported{err}}
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}
