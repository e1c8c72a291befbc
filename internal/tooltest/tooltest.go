// Package tooltest is for tests that drive a real tool (node, python3,
// sha256sum, jq…): without it they skip on a developer's machine, and fail
// under CI=true, where .ci/run installs every tool.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// Missing skips the test for want of what, or fails it under CI=true.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but %s is missing", what)
	}
	t.Skipf("%s is missing", what)
}

// Program finds the program name on PATH, or calls Missing.
func Program(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}
