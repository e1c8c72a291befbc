package release

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	_ "modernc.org/sqlite" // the bundle's SQLite file, read-only

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/schema"
)

// Problem is one thing wrong with a verified folder, in the file it is
// about.
type Problem struct {
	File string // relative to the verified folder; "a.zip!/x/y" inside an archive
	Msg  string
}

func (p Problem) String() string { return p.File + ": " + p.Msg }

// Result is what Verify checked and found.
type Result struct {
	Files    int // files whose checksum matched
	Entries  int // entries in errors.json, -1 without one
	Problems []Problem
}

// Verify checks a downloaded bundle, or a folder of release assets: every
// file listed in SHA256SUMS has that checksum and every file is listed;
// errors.json validates against the schemas beside it; the counts of
// errors.json, the CSV files and the SQLite database agree; and each
// release archive holds a bundle that passes the same checks. Problems name
// the failing file; the error is for a folder that cannot be read at all.
func Verify(dir string) (*Result, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	v := &verifier{fsys: os.DirFS(dir), dir: dir, r: &Result{Entries: -1}}
	v.checksums()
	v.data()
	v.archives()
	return v.r, nil
}

type verifier struct {
	fsys fs.FS
	dir  string // on disk, for the SQLite driver
	r    *Result
}

func (v *verifier) report(file, format string, args ...any) {
	v.r.Problems = append(v.r.Problems, Problem{file, fmt.Sprintf(format, args...)})
}

var sumLine = regexp.MustCompile(`^([0-9a-f]{64}) [ *](.+)$`)

func (v *verifier) checksums() {
	data, err := fs.ReadFile(v.fsys, SumsFile)
	if err != nil {
		v.report(SumsFile, "cannot read: %v", errors.Unwrap(err))
		return
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		m := sumLine.FindStringSubmatch(sc.Text())
		if m == nil {
			v.report(SumsFile, "line %d: found %q; want \"<sha256 hex>  <file>\"", n, sc.Text())
			continue
		}
		name := m[2]
		if !fs.ValidPath(name) || name == SumsFile {
			v.report(SumsFile, "line %d: found file %q; want a path inside the folder", n, name)
			continue
		}
		listed[name] = true
		f, err := fs.ReadFile(v.fsys, name)
		if err != nil {
			v.report(name, "listed in %s but cannot be read: %v", SumsFile, errors.Unwrap(err))
			continue
		}
		if got := sha256.Sum256(f); hex.EncodeToString(got[:]) != m[1] {
			v.report(name, "checksum %x; %s says %s", got, SumsFile, m[1])
			continue
		}
		v.r.Files++
	}
	_ = fs.WalkDir(v.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			v.report(p, "cannot read: %v", err)
			return nil
		}
		if !d.IsDir() && p != SumsFile && !listed[p] {
			v.report(p, "not listed in %s", SumsFile)
		}
		return nil
	})
}

// data checks errors.json against its schemas and the other formats'
// counts against it.
func (v *verifier) data() {
	raw, err := fs.ReadFile(v.fsys, "errors.json")
	if errors.Is(err, fs.ErrNotExist) {
		v.report("errors.json", "missing: a bundle always has it")
		return
	}
	if err != nil {
		v.report("errors.json", "cannot read: %v", err)
		return
	}
	var doc any
	if err := decode(raw, &doc); err != nil {
		v.report("errors.json", "not JSON: %v", err)
		return
	}
	v.validate(doc)
	var env struct {
		Count   int `json:"count"`
		Entries []struct {
			ID    string `json:"id"`
			Codes []struct {
				Code string `json:"code"`
			} `json:"codes"`
		} `json:"entries"`
	}
	if err := decode(raw, &env); err != nil {
		v.report("errors.json", "not an envelope: %v", err)
		return
	}
	n := len(env.Entries)
	v.r.Entries = n
	if env.Count != n {
		v.report("errors.json", "count %d; it holds %d entries", env.Count, n)
	}
	ids, codes := map[string]bool{}, 0
	for i, e := range env.Entries {
		if ids[e.ID] {
			v.report("errors.json", "entries/%d: id %q again; want each id once", i, e.ID)
		}
		ids[e.ID] = true
		codes += len(e.Codes)
	}
	v.csvRows("errors.csv", n)
	v.csvRows("codes.csv", codes)
	v.sqliteRows(n)
}

// validate checks the document against the bundle's own schemas: the ones
// its data was written for.
func (v *verifier) validate(doc any) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	var envID string
	for _, f := range schema.Files {
		data, err := fs.ReadFile(v.fsys, f.Name)
		if err != nil {
			v.report(f.Name, "missing: errors.json cannot be validated without it")
			return
		}
		var head struct {
			ID string `json:"$id"`
		}
		if err := decode(data, &head); err != nil || head.ID == "" {
			v.report(f.Name, "not a schema with an $id")
			return
		}
		if err := c.AddResource(head.ID, bytes.NewReader(data)); err != nil {
			v.report(f.Name, "%v", err)
			return
		}
		if f.Name == schema.EnvelopeName {
			envID = head.ID
		}
	}
	s, err := c.Compile(envID)
	if err != nil {
		v.report(schema.EnvelopeName, "does not compile: %v", err)
		return
	}
	var ve *jsonschema.ValidationError
	if err := s.Validate(doc); errors.As(err, &ve) {
		leaves := ve.BasicOutput().Errors
		const most = 10
		shown := 0
		for _, l := range leaves {
			if l.Error == "" || strings.HasPrefix(l.Error, "doesn't validate with") {
				continue
			}
			if shown++; shown > most {
				v.report("errors.json", "… and more schema errors")
				break
			}
			v.report("errors.json", "%s: %s (%s)", or(l.InstanceLocation, "/"), l.Error, schema.EnvelopeName)
		}
		if shown == 0 {
			v.report("errors.json", "%v", err)
		}
	}
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (v *verifier) csvRows(name string, want int) {
	f, err := v.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return // the bundle was built without CSV
	}
	if err != nil {
		v.report(name, "cannot read: %v", err)
		return
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		v.report(name, "not CSV: %v", err)
		return
	}
	if got := len(rows) - 1; got != want {
		v.report(name, "%d rows; errors.json implies %d", got, want)
	}
}

func (v *verifier) sqliteRows(want int) {
	if _, err := fs.Stat(v.fsys, exporters.SQLiteFile); err != nil {
		return
	}
	p, err := filepath.Abs(filepath.Join(v.dir, exporters.SQLiteFile))
	if err != nil {
		v.report(exporters.SQLiteFile, "%v", err)
		return
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(p)+"?mode=ro&immutable=1")
	if err != nil {
		v.report(exporters.SQLiteFile, "%v", err)
		return
	}
	defer db.Close()
	var got int
	if err := db.QueryRow("SELECT count(*) FROM entries").Scan(&got); err != nil {
		v.report(exporters.SQLiteFile, "cannot count entries: %v", err)
		return
	}
	if got != want {
		v.report(exporters.SQLiteFile, "%d rows in entries; errors.json has %d", got, want)
	}
}

// archives unpacks each release archive in the folder into a temporary
// folder and verifies the bundle inside.
func (v *verifier) archives() {
	names, _ := fs.Glob(v.fsys, ArchiveName("*"))
	for _, name := range names {
		var files map[string][]byte
		var err error
		switch {
		case strings.HasSuffix(name, ".tar.gz"):
			files, err = untar(v.fsys, name)
		case strings.HasSuffix(name, ".zip"):
			files, err = unzip(v.fsys, name)
		default:
			continue
		}
		if err != nil {
			v.report(name, "%v", err)
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".tar.gz"), ".zip")
		tmp, err := os.MkdirTemp("", "errref-verify-")
		if err != nil {
			v.report(name, "%v", err)
			continue
		}
		v.inner(name, base, files, tmp)
		os.RemoveAll(tmp)
	}
}

func (v *verifier) inner(name, base string, files map[string][]byte, tmp string) {
	for _, p := range slices.Sorted(maps.Keys(files)) {
		rest, ok := strings.CutPrefix(p, base+"/")
		if !ok || !fs.ValidPath(rest) {
			v.report(name, "member %q is outside the folder %s/", p, base)
			return
		}
		dst := filepath.Join(tmp, filepath.FromSlash(rest))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			v.report(name, "%v", err)
			return
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			v.report(name, "%v", err)
			return
		}
	}
	r, err := Verify(tmp)
	if err != nil {
		v.report(name, "%v", err)
		return
	}
	for _, p := range r.Problems {
		v.r.Problems = append(v.r.Problems, Problem{name + "!/" + path.Join(base, p.File), p.Msg})
	}
}

// untar reads the regular files of a .tar.gz.
func untar(fsys fs.FS, name string) (map[string][]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		if h.Typeflag != tar.TypeReg {
			return nil, fmt.Errorf("member %q is not a regular file", h.Name)
		}
		if out[h.Name], err = io.ReadAll(tr); err != nil {
			return nil, err
		}
	}
}

// unzip reads the files of a .zip.
func unzip(fsys fs.FS, name string) (map[string][]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		out[zf.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
