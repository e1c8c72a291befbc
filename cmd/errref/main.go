// Command errref validates, lints and exports the Spotify desktop error
// reference. Run "errref help" for its commands and exit codes.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"github.com/errref/errref/internal/iostreams"
)

func main() {
	deps := &Deps{IO: iostreams.System(), Getenv: os.Getenv}
	tuneGC(os.Getenv)
	// ERRREF_CPUPROFILE=file profiles a whole command, as it runs on a
	// large reference (docs/performance.md), and ERRREF_MEMPROFILE=file
	// records what it allocated; go tool pprof reads both.
	if p := os.Getenv("ERRREF_MEMPROFILE"); p != "" {
		code := run(os.Args[1:], deps)
		f, err := os.Create(p)
		if err == nil {
			err = errors.Join(pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "errref: ERRREF_MEMPROFILE: %v\n", err)
		}
		os.Exit(code)
	}
	if p := os.Getenv("ERRREF_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "errref: ERRREF_CPUPROFILE: %v\n", err)
			os.Exit(exitUsage)
		}
		code := run(os.Args[1:], deps)
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "errref: ERRREF_CPUPROFILE: %v\n", err)
		}
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:], deps))
}

// gcPercent is errref's GOGC. errref holds every entry while it checks
// and exports them, and the collector's default (100) lets the heap grow
// to twice that: at 100,000 entries 75 took build's peak RSS from 388 to
// 341 MB and check's from 215 to 203 MB, for 2% more processor time
// (docs/performance.md).
const gcPercent = 75

// tuneGC sets gcPercent unless the user set GOGC, which the runtime
// then follows.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
