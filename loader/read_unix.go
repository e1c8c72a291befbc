//go:build unix

package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// readRegular reads the regular file p of d, at most MaxFileSize bytes:
// open (never following a link, never waiting on a pipe), fstat, two
// reads, close.
func (d dirFS) readRegular(p string) ([]byte, error) {
	if !fs.ValidPath(p) {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrInvalid}
	}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Open(filepath.Join(d.root, filepath.FromSlash(p)), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
		return err
	})
	if errors.Is(err, unix.ELOOP) {
		return nil, fmt.Errorf("%s: not a regular file", p) // a link, replaced since the listing
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFREG:
		return nil, fmt.Errorf("%s: not a regular file", p) // replaced since the listing
	case st.Size > MaxFileSize:
		return nil, errTooBig
	}
	// The size fstat gave and one byte more, as readFile does; a file
	// that grew is read on, up to the limit.
	data := make([]byte, 0, st.Size+1)
	for {
		if len(data) == cap(data) {
			if len(data) > MaxFileSize {
				return nil, errTooBig
			}
			data = append(data, 0)[:len(data)]
		}
		var n int
		err := retry(func() (err error) {
			n, err = unix.Read(fd, data[len(data):cap(data)])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}

// retry calls f again while a signal interrupts it.
func retry(f func() error) error {
	for {
		if err := f(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
