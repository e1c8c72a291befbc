package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/errref/errref/schema"
)

// SumsFile is the checksum list of a bundle and of a release's assets, in
// the format `sha256sum -c` reads.
const SumsFile = "SHA256SUMS"

// ArchiveTime is the modification time of every archive member: fixed, so
// that the same bundle gives the same bytes. 1980 is the earliest time a
// zip file can hold.
var ArchiveTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Assets are the files Pack wrote, by name, in the order of SHA256SUMS.
type Assets struct {
	Version string
	Names   []string
}

// ArchiveName is the base name of the archives of data version v.
func ArchiveName(v string) string { return "errref-data-" + v }

// Pack writes the release assets of the bundle in dir to out, a folder
// that must not exist or be empty: errref-data-<version>.tar.gz and .zip,
// each holding the whole bundle under errref-data-<version>/; a copy of
// each top-level file of the bundle but its SHA256SUMS, for direct
// download; and SHA256SUMS, listing every one of these assets. The same
// bundle gives byte-identical assets: members sorted by name, fixed modes,
// owners and times, no gzip name or timestamp.
func Pack(dir, out string) (*Assets, error) {
	v, err := dataVersion(dir)
	if err != nil {
		return nil, err
	}
	files, err := readTree(dir)
	if err != nil {
		return nil, err
	}
	if err := emptyFolder(out); err != nil {
		return nil, err
	}
	a := &Assets{Version: v}
	write := func(name string, data []byte) error {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
		a.Names = append(a.Names, name)
		return nil
	}
	base := ArchiveName(v)
	tgz, err := TarGz(base, files)
	if err != nil {
		return nil, err
	}
	zipped, err := Zip(base, files)
	if err != nil {
		return nil, err
	}
	if err := write(base+".tar.gz", tgz); err != nil {
		return nil, err
	}
	if err := write(base+".zip", zipped); err != nil {
		return nil, err
	}
	for _, f := range files {
		// The .errref-bundle marker, like any dot file, stays in the
		// archives only: it means something in a folder, not as a download.
		if f.Dir || strings.Contains(f.Name, "/") || f.Name == SumsFile || strings.HasPrefix(f.Name, ".") {
			continue
		}
		if strings.HasPrefix(f.Name, base+".") {
			return nil, fmt.Errorf("%s: the bundle has a file named like an archive", filepath.Join(dir, f.Name))
		}
		if err := write(f.Name, f.Data); err != nil {
			return nil, err
		}
	}
	slices.Sort(a.Names)
	sums, err := Sums(os.DirFS(out), a.Names)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(out, SumsFile), sums, 0o644); err != nil {
		return nil, err
	}
	return a, nil
}

// dataVersion is the bundle's data version, which names the archives.
func dataVersion(dir string) (string, error) {
	p := filepath.Join(dir, "errors.json")
	data, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("%s: %w (is %s a bundle? errref build writes one)", p, err, dir)
	}
	var env struct {
		DataVersion string `json:"data_version"`
	}
	if err := decode(data, &env); err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if !schema.DataVersion.MatchString(env.DataVersion) || len(env.DataVersion) > 64 {
		return "", fmt.Errorf("%s: data_version %q; want letters, digits and . _ + - (%s)", p, env.DataVersion, schema.DataVersion)
	}
	return env.DataVersion, nil
}

func emptyFolder(out string) error {
	ents, err := os.ReadDir(out)
	switch {
	case os.IsNotExist(err):
		return os.MkdirAll(out, 0o755)
	case err != nil:
		return err
	case len(ents) > 0:
		return fmt.Errorf("%s: not empty; pack writes only into a new or empty folder", out)
	}
	return nil
}

// File is one member of a bundle tree.
type File struct {
	Name string // slash-separated, relative to the bundle
	Dir  bool
	Data []byte
}

// readTree reads every folder and regular file under dir, sorted by name.
func readTree(dir string) ([]File, error) {
	var files []File
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == ".":
			return nil
		case d.IsDir():
			files = append(files, File{Name: p, Dir: true})
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file; a bundle holds only files and folders", filepath.Join(dir, p))
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		files = append(files, File{Name: p, Data: data})
		return err
	})
	// WalkDir visits in lexical order of each folder; sort the whole.
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files, err
}

// TarGz archives files under the folder base.
func TarGz(base string, files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(zw)
	members := append([]File{{Name: "", Dir: true}}, files...)
	for _, f := range members {
		h := &tar.Header{
			Name:     strings.TrimSuffix(base+"/"+f.Name, "/"),
			Mode:     0o644,
			ModTime:  ArchiveTime,
			Typeflag: tar.TypeReg,
			Size:     int64(len(f.Data)),
			Format:   tar.FormatUSTAR,
		}
		if f.Dir {
			h.Name += "/"
			h.Mode, h.Typeflag, h.Size = 0o755, tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		if _, err := tw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Zip archives files under the folder base.
func Zip(base string, files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	members := append([]File{{Name: "", Dir: true}}, files...)
	for _, f := range members {
		h := &zip.FileHeader{Name: strings.TrimSuffix(base+"/"+f.Name, "/"), Method: zip.Deflate, Modified: ArchiveTime}
		h.SetMode(0o644)
		if f.Dir {
			h.Name += "/"
			h.Method = zip.Store
			h.SetMode(fs.ModeDir | 0o755)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Sums lists the SHA-256 of each named file of fsys, in the order given.
func Sums(fsys fs.FS, names []string) ([]byte, error) {
	var sb strings.Builder
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&sb, "%x  %s\n", h.Sum(nil), name)
	}
	return []byte(sb.String()), nil
}
