//go:build !linux && !darwin

package atomicfile

import (
	"errors"
	"os"
)

// Exchange is not available here; callers fall back to two renames.
func Exchange(a, b string) error {
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: unsupported{errors.ErrUnsupported}}
}
