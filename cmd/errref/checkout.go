package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkout is where errref found the checkout it works on.
type checkout struct {
	// Dir is the checkout as a path from the working directory: "" when
	// errref runs in it; relative when found above it; absolute when -C
	// was absolute. Paths printed are Dir joined with checkout paths, so
	// that they resolve from where errref was started.
	Dir string
	// Start is where errref was started: the -C folder, or "".
	Start string
}

// findCheckout finds the checkout as git finds a repository: the start
// folder (-C, or the working directory) when it holds entries/, else the
// nearest folder above it that holds entries/ and go.mod. Requiring go.mod
// above the start keeps a stray entries/ folder elsewhere from being
// taken for the checkout.
func findCheckout(chdir string) (checkout, error) {
	start := chdir
	if start == "" {
		start = "."
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return checkout{}, err
	}
	if isDir(filepath.Join(abs, "entries")) {
		return checkout{Dir: chdir, Start: chdir}, nil
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if isDir(filepath.Join(d, "entries")) && isFile(filepath.Join(d, "go.mod")) {
			if filepath.IsAbs(chdir) {
				return checkout{Dir: d, Start: chdir}, nil
			}
			wd, err := os.Getwd()
			if err != nil {
				return checkout{}, err
			}
			rel, err := filepath.Rel(wd, d)
			if err != nil {
				return checkout{Dir: d, Start: chdir}, nil
			}
			return checkout{Dir: filepath.ToSlash(rel), Start: chdir}, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return checkout{}, fmt.Errorf("no errref checkout in %s or above it (a folder with entries/ and go.mod); run errref inside one, or name it with -C DIR", abs)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
