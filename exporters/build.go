package exporters

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SumsFile is the checksum list written beside every other file.
const SumsFile = "SHA256SUMS"

// Write builds the bundle with exps into target atomically: everything
// goes to a temporary folder beside target, which replaces target only
// when every exporter succeeded. On failure target is left as it was and
// the error names the exporter.
func Write(b *Bundle, exps []*Exporter, target string) (err error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, e := range exps {
		if err := e.Export(b, tmp); err != nil {
			return fmt.Errorf("exporter %s: %w", e.Name, err)
		}
	}
	if err := writeSums(tmp); err != nil {
		return fmt.Errorf("%s: %w", SumsFile, err)
	}
	return replace(tmp, target)
}

// writeSums writes SHA256SUMS for every file under dir, in
// `sha256sum -c` format, sorted by path.
func writeSums(dir string) error {
	var sb strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(&sb, "%x  %s\n", sha256.Sum256(data), filepath.ToSlash(rel))
		return nil
	}) // WalkDir visits in lexical order, so the list is sorted.
	if err != nil {
		return err
	}
	return writeFile(dir, SumsFile, []byte(sb.String()))
}

// replace puts tmp in target's place. A previous target is moved aside
// first and restored if the second rename fails.
func replace(tmp, target string) error {
	old := ""
	if _, err := os.Lstat(target); err == nil {
		old = tmp + ".old"
		if err := os.Rename(target, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		if old != "" {
			os.Rename(old, target)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
