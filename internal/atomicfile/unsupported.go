package atomicfile

import "errors"

// unsupported marks a system error that means "this system cannot", so
// that errors.Is(err, errors.ErrUnsupported) holds.
type unsupported struct{ err error }

func (u unsupported) Error() string        { return u.err.Error() }
func (u unsupported) Is(target error) bool { return target == errors.ErrUnsupported }
func (u unsupported) Unwrap() error        { return u.err }
