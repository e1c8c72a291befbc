// Command errref validates, lints and exports the Spotify desktop error
// reference. Run "errref help" for its commands and exit codes.
package main

import (
	"os"

	"github.com/errref/errref/internal/iostreams"
)

func main() {
	os.Exit(run(os.Args[1:], &Deps{IO: iostreams.System(), Getenv: os.Getenv}))
}
