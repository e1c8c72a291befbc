package loader

// SetMaxEntries lowers the entry limit for a test and returns what puts
// it back.
func SetMaxEntries(n int) (restore func()) {
	old := maxEntries
	maxEntries = n
	return func() { maxEntries = old }
}
