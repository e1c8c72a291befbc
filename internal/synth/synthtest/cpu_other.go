//go:build !unix

package synthtest

import "time"

// cpuTime is unknown here: the cpu-ns/entry metric then reads 0.
func cpuTime() time.Duration { return 0 }
