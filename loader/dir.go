package loader

import (
	"io/fs"
	"os"
)

// Checkout is the checkout at root as a file system for Load:
// os.DirFS(root), whose entry files Load reads, on Unix, with plain system
// calls. os.Open asks the poller about every file (five more system calls
// each, for a regular file that never waits) and cannot open without
// blocking, so a file swapped for a named pipe between the listing and
// the read would hang it; Checkout's reads open with O_NONBLOCK and
// O_NOFOLLOW.
func Checkout(root string) fs.FS { return dirFS{os.DirFS(root), root} }

type dirFS struct {
	fs.FS
	root string
}

// The methods of os.DirFS that Load and fs.ReadDir use, kept: embedding
// the interface would hide them (Lstat is how Load sees that entries/ is
// a link).
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.FS, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.FS, name) }
