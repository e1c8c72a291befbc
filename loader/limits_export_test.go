package loader

import "testing"

// SetMaxEntries lowers the entry count limit for the length of the test
// (for the external tests of this package).
func SetMaxEntries(t testing.TB, n int) {
	old := maxEntries
	maxEntries = n
	t.Cleanup(func() { maxEntries = old })
}
