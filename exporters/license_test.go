package exporters_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/exporters"
)

// TestLicense: the bundle carries the repository's LICENSE-DATA and
// NOTICE, at its root and in the site (published on its own, with a copy
// of the data), and they name the upstream, its licence and its copyright.
func TestLicense(t *testing.T) {
	dir := export(t, exporters.License, loadFixture(t))
	for _, tc := range []struct {
		name  string
		wants []string
	}{
		{"LICENSE-DATA", []string{"MIT License", "Copyright (c) 2025 0iy", "https://github.com/0iy/spotify-error-ref", "Permission is hereby granted"}},
		{"NOTICE", []string{"https://github.com/0iy/spotify-error-ref", "MIT License", "Copyright (c) 2025", "LICENSE-DATA"}},
		{"site/LICENSE-DATA", []string{"MIT License", "Copyright (c) 2025 0iy"}},
		{"site/NOTICE", []string{"https://github.com/0iy/spotify-error-ref", "LICENSE-DATA"}},
	} {
		got, err := os.ReadFile(filepath.Join(dir, tc.name))
		if err != nil {
			t.Fatal(err)
		}
		repo, err := os.ReadFile(filepath.Join("..", filepath.Base(tc.name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, repo) {
			t.Errorf("%s in the bundle differs from the repository's", tc.name)
		}
		for _, w := range tc.wants {
			if !bytes.Contains(got, []byte(w)) {
				t.Errorf("%s lacks %q", tc.name, w)
			}
		}
	}
}
