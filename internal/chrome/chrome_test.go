package chrome

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("PATH", dir)
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	if _, err := Find(getenv); err == nil {
		t.Error("found a browser in an empty PATH")
	}
	chrome := fake("google-chrome")
	if got, err := Find(getenv); err != nil || got != chrome {
		t.Errorf("Find = %q, %v; want %q (GitHub's runners)", got, err, chrome)
	}
	chromium := fake("chromium")
	if got, _ := Find(getenv); got != chromium {
		t.Errorf("Find = %q; want %q, first in Names", got, chromium)
	}
	env["CHROME"] = chrome
	if got, _ := Find(getenv); got != chrome {
		t.Errorf("CHROME=%s: Find = %q", chrome, got)
	}
	env["CHROME"] = filepath.Join(dir, "missing")
	if _, err := Find(getenv); err == nil {
		t.Error("CHROME names a missing file, and Find succeeded")
	}
}
