// Command compare is the measuring half of bench/compare.sh, which
// installs the peers and builds the programs it runs. For each size it
// times whole processes (the floor, errref's commands, the peer
// validators) interleaved round by round, so that a noisy neighbour slows
// all of them alike, and reports medians, ratios to the single-goroutine
// floor of the same round, files per second and peak RSS, as a Markdown
// table and as JSON.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// command is one program to time on a tree.
type command struct {
	Name string
	Args []string // Args[0] is the program; "{T}" is the tree, "{S}" the schema, "{O}" a scratch folder
	Glob bool     // append the tree's entries/*.json, relative to the tree
}

var commands = []command{
	{Name: "floor (1 goroutine)", Args: []string{"{B}/floor", "-j", "1", "entries"}},
	{Name: "floor (all cores)", Args: []string{"{B}/floor", "entries"}},
	{Name: "errref check", Args: []string{"{B}/errref", "check"}},
	{Name: "errref build", Args: []string{"{B}/errref", "build", "-o", "{O}/dist"}},
	{Name: "errref build --only json", Args: []string{"{B}/errref", "build", "--only", "json", "-o", "{O}/dist-json"}},
	{Name: "errref fmt --check", Args: []string{"{B}/errref", "fmt", "--check"}},
	{Name: "ajv-cli 5.0.0 + ajv 8", Args: []string{"{N}/ajv", "validate", "--spec=draft2020", "--strict=false", "-c", "ajv-formats", "-s", "{S}", "-d", "entries/*.json"}},
	{Name: "jv v0.7.0", Args: []string{"{B}/jv", "{S}"}, Glob: true},
	{Name: "@sourcemeta/jsonschema 16.11.0", Args: []string{"{N}/jsonschema", "validate", "{S}", "entries/"}},
}

// floorName is the command the ratios divide by.
const floorName = "floor (1 goroutine)"

type result struct {
	Command   string    `json:"command"`
	Entries   int       `json:"entries"`
	Runs      int       `json:"runs"`
	Seconds   float64   `json:"median_seconds"`
	Ratio     float64   `json:"ratio_to_floor"` // median over rounds of this/floor
	FilesPerS float64   `json:"files_per_second"`
	RSSMiB    float64   `json:"peak_rss_mib"` // the largest of the runs
	All       []float64 `json:"seconds"`
}

type report struct {
	Machine  map[string]string `json:"machine"`
	Results  []result          `json:"results"`
	Linear   map[string]string `json:"scaling,omitempty"`
	DiskSize map[int]int64     `json:"entries_bytes"`
}

func main() {
	work := flag.String("work", "", "folder with bin/, node/ and the trees ref<N>/ (required)")
	schema := flag.String("schema", "", "the entry schema (required)")
	sizes := flag.String("sizes", "10000,100000", "comma-separated tree sizes; each is <work>/ref<N>")
	runs := flag.Int("k", 5, "timed rounds per size")
	warmup := flag.Int("warmup", 1, "untimed rounds per size before them (to warm the page cache)")
	only := flag.String("only", "", "comma-separated command names to run (default all)")
	jsonOut := flag.String("json", "", "also write the JSON report to this file")
	flag.Parse()
	if *work == "" || *schema == "" {
		flag.Usage()
		os.Exit(2)
	}
	rep := report{Machine: machine(), DiskSize: map[int]int64{}}
	cmds := commands
	if _, err := os.Stat(filepath.Join(*work, "bin", "errref-base")); err == nil {
		// A build of another revision (BASE_REF): its commands run in
		// the same rounds, for a before/after on one noisy machine.
		for _, c := range commands {
			if c.Args[0] == "{B}/errref" {
				c.Name += " (base)"
				c.Args = append([]string{"{B}/errref-base"}, c.Args[1:]...)
				cmds = append(cmds, c)
			}
		}
	}
	if *only != "" {
		names := strings.Split(*only, ",")
		cmds = slices.DeleteFunc(cmds, func(c command) bool {
			return c.Name != floorName && !slices.Contains(names, strings.TrimSuffix(c.Name, " (base)"))
		})
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(fmt.Errorf("-sizes: %w", err))
		}
		tree := filepath.Join(*work, fmt.Sprintf("ref%d", n))
		rep.DiskSize[n] = treeBytes(filepath.Join(tree, "entries"))
		rep.Results = append(rep.Results, measure(*work, *schema, tree, n, cmds, *warmup, *runs)...)
	}
	rep.Linear = scaling(rep.Results)
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		fail(err)
	}
	if *jsonOut != "" {
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			fail(err)
		}
	}
	printTable(os.Stdout, rep)
	fmt.Printf("\n```json\n%s\n```\n", b)
}

func measure(work, schema, tree string, n int, cmds []command, warmup, runs int) []result {
	scratch, err := os.MkdirTemp(work, "out-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(scratch)
	var files []string
	if slices.ContainsFunc(cmds, func(c command) bool { return c.Glob }) {
		ms, err := filepath.Glob(filepath.Join(tree, "entries", "*.json"))
		if err != nil {
			fail(err)
		}
		for _, m := range ms {
			files = append(files, filepath.Join("entries", filepath.Base(m)))
		}
	}
	expand := func(c command) []string {
		r := strings.NewReplacer("{B}", filepath.Join(work, "bin"), "{N}", filepath.Join(work, "node", "node_modules", ".bin"),
			"{S}", schema, "{O}", scratch, "{T}", tree)
		var args []string
		for _, a := range c.Args {
			args = append(args, r.Replace(a))
		}
		if c.Glob {
			args = append(args, files...)
		}
		return args
	}
	secs := make([][]float64, len(cmds))
	rss := make([]float64, len(cmds))
	ratios := make([][]float64, len(cmds))
	fi := slices.IndexFunc(cmds, func(c command) bool { return c.Name == floorName })
	for round := -warmup; round < runs; round++ { // rounds below 0 are not timed
		this := make([]float64, len(cmds))
		for j := range cmds {
			i := (j + max(round, 0)) % len(cmds) // rotate the order round by round
			wall, maxrss := run(tree, expand(cmds[i]))
			this[i] = wall
			if round >= 0 {
				secs[i] = append(secs[i], wall)
				rss[i] = max(rss[i], maxrss)
			}
			fmt.Fprintf(os.Stderr, "  %6d  round %2d  %-32s %8.3fs %7.0f MiB\n", n, round, cmds[i].Name, wall, maxrss)
		}
		if round >= 0 {
			for i := range cmds {
				ratios[i] = append(ratios[i], this[i]/this[fi])
			}
		}
	}
	var out []result
	for i, c := range cmds {
		med := median(secs[i])
		out = append(out, result{Command: c.Name, Entries: n, Runs: runs, Seconds: med, Ratio: median(ratios[i]),
			FilesPerS: float64(n) / med, RSSMiB: rss[i], All: secs[i]})
	}
	return out
}

// run starts args in dir and returns its wall time in seconds and peak
// resident set in MiB. Output is discarded; any exit but 0 is fatal, since
// every tree is valid and every timing must be of a successful run.
func run(dir string, args []string) (float64, float64) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	// Stdout stays nil: the null device, for every command alike.
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		fail(fmt.Errorf("%s (in %s): %v\n%s", strings.Join(args[:min(len(args), 6)], " "), dir, err, tail(stderr.String())))
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var mib float64
	if ru != nil {
		mib = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return wall, mib
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// scaling is time(largest)/time(next size) for each command, when the
// run had two sizes of at least 1,000 entries.
func scaling(rs []result) map[string]string {
	out := map[string]string{}
	by := map[string][]result{}
	for _, r := range rs {
		if r.Entries >= 1000 {
			by[r.Command] = append(by[r.Command], r)
		}
	}
	for c, xs := range by {
		if len(xs) < 2 {
			continue
		}
		a, b := xs[len(xs)-2], xs[len(xs)-1]
		out[c] = fmt.Sprintf("time(%d)/time(%d) = %.2f for %.0f× the entries", b.Entries, a.Entries, b.Seconds/a.Seconds, float64(b.Entries)/float64(a.Entries))
	}
	return out
}

func treeBytes(dir string) int64 {
	des, err := os.ReadDir(dir)
	if err != nil {
		fail(err)
	}
	var n int64
	for _, de := range des {
		if fi, err := de.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func machine() map[string]string {
	m := map[string]string{
		"nproc": strconv.Itoa(runtime.NumCPU()),
		"go":    runtime.Version(),
		"os":    runtime.GOOS + "/" + runtime.GOARCH,
		"date":  time.Now().UTC().Format(time.RFC3339),
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m["cpu"] = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if l, _, ok := strings.Cut(string(b), "\n"); ok {
			m["memory"] = strings.Join(strings.Fields(strings.TrimPrefix(l, "MemTotal:")), " ")
		}
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		m["commit"] = strings.TrimSpace(string(out))
	}
	return m
}

func printTable(w io.Writer, rep report) {
	fmt.Fprintf(w, "Machine: %s, %s cores, %s RAM, %s, commit %s, %s\n\n",
		rep.Machine["cpu"], rep.Machine["nproc"], rep.Machine["memory"], rep.Machine["go"], rep.Machine["commit"], rep.Machine["date"])
	sizes := []int{}
	for _, r := range rep.Results {
		if !slices.Contains(sizes, r.Entries) {
			sizes = append(sizes, r.Entries)
		}
	}
	for _, n := range sizes {
		fmt.Fprintf(w, "%d entries (%.1f MB on disk), median of %d rounds:\n\n", n, float64(rep.DiskSize[n])/1e6, rep.Results[0].Runs)
		fmt.Fprintln(w, "| command | median | × floor | files/s | peak RSS |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: |")
		for _, r := range rep.Results {
			if r.Entries == n {
				fmt.Fprintf(w, "| %s | %.3f s | %.2f× | %.0f | %.0f MiB |\n", r.Command, r.Seconds, r.Ratio, r.FilesPerS, r.RSSMiB)
			}
		}
		fmt.Fprintln(w)
	}
	if len(rep.Linear) > 0 {
		fmt.Fprintln(w, "Scaling:")
		fmt.Fprintln(w)
		for _, c := range slices.Sorted(maps.Keys(rep.Linear)) {
			fmt.Fprintf(w, "- %s: %s\n", c, rep.Linear[c])
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}
