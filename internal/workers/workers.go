// Package workers runs independent jobs on every core.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do(0) … do(n-1) in a pool of one worker per core, each
// taking the next index when it is free, and returns when all are done.
// The jobs must be independent; do writes its result where i says, so
// that the order of the results does not depend on timing.
func Each(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}
