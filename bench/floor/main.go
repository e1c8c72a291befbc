// Command floor is the yardstick of bench/compare.sh: it reads every
// *.json file of a folder and decodes it with encoding/json into
// map[string]any, and does nothing else. A validator cannot do less.
//
//	floor -j 1 DIR   # one goroutine
//	floor DIR        # one goroutine per core
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

func main() {
	jobs := flag.Int("j", 0, "goroutines; 0 is one per core")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-j N] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	des, err := os.ReadDir(dir)
	if err != nil {
		fail(err)
	}
	var names []string
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".json") {
			names = append(names, filepath.Join(dir, de.Name()))
		}
	}
	n := *jobs
	if n <= 0 {
		n = runtime.NumCPU()
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for p := range work {
				data, err := os.ReadFile(p)
				if err != nil {
					fail(err)
				}
				var v map[string]any
				if err := json.Unmarshal(data, &v); err != nil {
					fail(fmt.Errorf("%s: %w", p, err))
				}
			}
		})
	}
	for _, p := range names {
		work <- p
	}
	close(work)
	wg.Wait()
	fmt.Fprintf(os.Stderr, "floor: %d files\n", len(names))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(1)
}
