package main

import (
	"fmt"
	"strings"

	"github.com/errref/errref/internal/nearest"
)

// badValue words a flag value outside its vocabulary as the loader words
// a schema enum: what was found, and the nearest allowed value when it is
// likely a typo (--severity warning: want "warn"), else every allowed one.
func badValue(flag, got string, want []string) error {
	if n := nearest.Word(got, want); n != "" {
		return fmt.Errorf("--%s: found %q; want %q", flag, got, n)
	}
	return fmt.Errorf("--%s: found %q; want one of %s", flag, got, strings.Join(want, ", "))
}
