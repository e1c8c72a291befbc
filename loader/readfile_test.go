package loader

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// lyingFS reports a size for every file that is not its size, as a file
// that grew or shrank between Stat and Read would.
type lyingFS struct {
	fstest.MapFS
	size int64
}

func (l lyingFS) Open(name string) (fs.File, error) {
	f, err := l.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return lyingFile{f, l.size}, nil
}

type lyingFile struct {
	fs.File
	size int64
}

func (l lyingFile) Stat() (fs.FileInfo, error) {
	fi, err := l.File.Stat()
	return lyingInfo{fi, l.size}, err
}

type lyingInfo struct {
	fs.FileInfo
	size int64
}

func (l lyingInfo) Size() int64 { return l.size }

// TestReadFileSizeChanged: readFile reads the whole file whatever size
// Stat gave, and still refuses more than MaxFileSize bytes.
func TestReadFileSizeChanged(t *testing.T) {
	small := bytes.Repeat([]byte("x"), 100)
	big := bytes.Repeat([]byte("y"), MaxFileSize+5)
	for _, tc := range []struct {
		name    string
		data    []byte
		statted int64
		tooBig  bool
	}{
		{"exact", small, 100, false},
		{"grew", small, 10, false},
		{"shrank", small, 1000, false},
		{"empty", nil, 0, false},
		{"grew past the limit", big, 10, true},
	} {
		fsys := lyingFS{fstest.MapFS{"f.json": {Data: tc.data}}, tc.statted}
		// No buffer, one too small for what Stat says, one large enough
		// and dirty from an earlier file.
		for _, buf := range [][]byte{nil, make([]byte, 0, tc.statted), bytes.Repeat([]byte("z"), 2000)[:0]} {
			got, err := readFile(fsys, "f.json", buf)
			if tc.tooBig {
				if !errors.Is(err, errTooBig) {
					t.Errorf("%s: err %v; want errTooBig", tc.name, err)
				}
				continue
			}
			if err != nil || !bytes.Equal(got, tc.data) {
				t.Errorf("%s, buffer of %d: read %d bytes, err %v; want the %d bytes of the file", tc.name, cap(buf), len(got), err, len(tc.data))
			}
			into := len(got) > 0 && cap(buf) > 0 && &got[0] == &buf[:1][0]
			if fits := int64(cap(buf)) > tc.statted; into != fits && len(tc.data) > 0 {
				t.Errorf("%s, buffer of %d: read into the buffer %v; want %v", tc.name, cap(buf), into, fits)
			}
		}
	}
}
