// Package chrome finds a Chrome or Chromium to drive in browser tests,
// wherever the machine keeps it: Debian's chromium package, Google Chrome
// as GitHub's Ubuntu runners preinstall it, or the path in $CHROME.
package chrome

import (
	"fmt"
	"os/exec"
)

// Names are the programs looked for on PATH, in order, after $CHROME.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// Find returns the browser named by the CHROME variable (a path or a
// name on PATH), else the first of Names on PATH.
func Find(getenv func(string) string) (string, error) {
	if c := getenv("CHROME"); c != "" {
		p, err := exec.LookPath(c)
		if err != nil {
			return "", fmt.Errorf("CHROME=%s: %w", c, err)
		}
		return p, nil
	}
	for _, name := range Names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chrome or Chromium: set CHROME, or install one of %v", Names)
}
