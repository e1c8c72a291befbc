// Command errref validates, lints and exports the Spotify desktop error
// reference. Run "errref help" for its commands and exit codes.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/errref/errref/internal/iostreams"
)

func main() {
	deps := &Deps{IO: iostreams.System(), Getenv: os.Getenv}
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
