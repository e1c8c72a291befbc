//go:build unix

package loader

import (
	"errors"
	"io"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// readRegular reads the regular file p of d, at most MaxFileSize bytes:
// open (never following a link, never waiting on a pipe), fstat, two
// reads, close.
func (d dirFS) readRegular(p string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(p) {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrInvalid}
	}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Open(filepath.Join(d.root, filepath.FromSlash(p)), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
		return err
	})
	if errors.Is(err, unix.ELOOP) {
		return nil, checkOpened(p, false, 0) // a link, replaced since the listing
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	if err := checkOpened(p, st.Mode&unix.S_IFMT == unix.S_IFREG, st.Size); err != nil {
		return nil, err
	}
	return readSized(fdReader{fd, p}, st.Size, buf)
}

// fdReader reads a file descriptor, as os.File would without the poller.
type fdReader struct {
	fd int
	p  string
}

func (r fdReader) Read(b []byte) (int, error) {
	var n int
	err := retry(func() (err error) {
		n, err = unix.Read(r.fd, b)
		return err
	})
	switch {
	case err != nil:
		return 0, &fs.PathError{Op: "read", Path: r.p, Err: err}
	case n == 0 && len(b) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// retry calls f again while a signal interrupts it.
func retry(f func() error) error {
	for {
		if err := f(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
