package exporters

// The upstream's site and repository: its text files name them, so tests
// that compare output with the upstream's text build with them.
const (
	UpstreamBaseURL = "https://0iy.github.io/spotify-error-ref/"
	UpstreamRepoURL = "https://github.com/0iy/spotify-error-ref"
)

// FirstDiff is firstDiff, for the external tests.
var FirstDiff = firstDiff
