//go:build !unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
)

var errUnsupportedSync = errors.ErrUnsupported

// Lock does nothing where flock is missing: builds there are not
// serialised (docs/security.md).
func Lock(dir string) (unlock func() error, err error) {
	return func() error { return nil }, nil
}

func keepOwner(f *os.File, fi fs.FileInfo) error { return nil }
