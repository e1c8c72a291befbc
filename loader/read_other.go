//go:build !unix

package loader

// readRegular reads the regular file p of d through its fs.FS.
func (d dirFS) readRegular(p string, buf []byte) ([]byte, error) { return readFS(d.FS, p, buf) }
