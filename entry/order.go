package entry

import (
	"cmp"
	"strings"
)

// UpstreamEntries is how many entries the upstream reference had when
// this project took it over (testdata/seed): positions 1 to
// UpstreamEntries keep its order, and no other entry has one.
const UpstreamEntries = 41

// Less is the reference order, the order of every listing and bundle.
// The upstream's 41 entries carry a position and come first, in the
// upstream's order. Every other entry has no position: it follows them,
// by group (the order of Categories), then code (CompareCodes), then id.
// Adding an entry therefore touches no other file, and two pull requests
// that each add one merge without a conflict or a renumbering, into the
// same order whichever lands first. The order never depends on the order
// of files on disk.
func Less(a, b *Entry) int {
	if c := comparePositions(a.Position, b.Position); c != 0 {
		return c
	}
	if c := cmp.Compare(a.GroupIndex(), b.GroupIndex()); c != 0 {
		return c
	}
	if c := CompareCodes(a.Code, b.Code); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// comparePositions puts positioned entries first, ascending; 0 is none.
func comparePositions(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

// CompareCodes orders display codes naturally: runs of digits compare as
// numbers, so accounts:99 comes before accounts:100 and accounts:53–55
// before accounts:54; everything else compares byte by byte. Codes that
// differ only in leading zeros fall back to plain string order.
func CompareCodes(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		i, j := digitRun(x), digitRun(y)
		if i > 0 && j > 0 {
			nx, ny := strings.TrimLeft(x[:i], "0"), strings.TrimLeft(y[:j], "0")
			if c := cmp.Compare(len(nx), len(ny)); c != 0 {
				return c
			}
			if c := strings.Compare(nx, ny); c != 0 {
				return c
			}
			x, y = x[i:], y[j:]
			continue
		}
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		x, y = x[1:], y[1:]
	}
	if c := cmp.Compare(len(x), len(y)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// digitRun is the length of the ASCII digits s starts with.
func digitRun(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}
