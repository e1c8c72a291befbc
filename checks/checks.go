// Package checks holds the lint rules no schema can express, modelled on
// golang.org/x/tools/go/analysis: a rule is an exported *Rule value with a
// Name, a Doc and a Run; it reports through a Pass and never prints. The
// runner (Run) knows no single rule; the registry is All.
package checks

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/workers"
	"github.com/errref/errref/loader"
)

// Rule is one lint rule.
type Rule struct {
	// Name is kebab-case and stable: it appears in output, config and docs.
	Name string
	// Doc's first line is a short title; then a paragraph: what the rule
	// checks and why.
	Doc string
	// Level is the level of the rule's findings unless a report says
	// otherwise.
	Level diag.Level
	// Run inspects pass.Files and reports through pass. The loader's
	// rules (syntax, schema, layout) have none: the loader reports them.
	Run func(pass *Pass)
	// PerEntry says that Run looks at each entry alone, never at two
	// together: the runner then hands it the entries a chunk at a time,
	// with the other such rules, so that an entry's texts are listed once
	// for them all and stay in the processor's cache between them
	// (TestPerEntry checks that chunks change no finding).
	PerEntry bool
}

// Title is the first line of Doc.
func (r *Rule) Title() string {
	title, _, _ := strings.Cut(r.Doc, "\n")
	return title
}

// Pass is what a rule sees: every file that decoded into an entry, in
// reference order, and a way to report.
type Pass struct {
	Rule  *Rule
	Files []*loader.File // each with a non-nil Entry, sorted by entry.Less
	diags *[]diag.Diagnostic
	// Buffers of texts and prose, reused from entry to entry: a list kept
	// for every entry of a run would be a third of the heap at 100,000
	// entries, and listing an entry's texts allocates nothing.
	textBuf, proseBuf []text
	// chunk holds the texts of the entries of Files when the runner
	// listed them once for all the per-entry rules of a chunk.
	chunk *chunkTexts
	// shared is what several rules over every entry derive alike, derived
	// once per run; nil derives it for this pass alone.
	shared *shared
}

// shared is what rules over every entry derive alike: one run derives
// it once, for the first rule that asks.
type shared struct {
	groupsOnce sync.Once // messageGroups: shared-message, consistent-severity
	keys       []string
	groups     map[string][]shownBy
}

// chunkTexts are the texts and prose of the entries of one chunk, listed
// once for every per-entry rule.
type chunkTexts struct {
	at          map[*entry.Entry]int
	texts, pros [][]text
}

// texts is texts(e), valid until the next call: a rule reads an entry's
// texts, then moves on.
func (p *Pass) texts(e *entry.Entry) []text {
	if c := p.chunk; c != nil {
		if i, ok := c.at[e]; ok {
			return c.texts[i]
		}
	}
	p.textBuf = appendTexts(p.textBuf[:0], e)
	return p.textBuf
}

// prose is prose(e), valid until the next call.
func (p *Pass) prose(e *entry.Entry) []text {
	if c := p.chunk; c != nil {
		if i, ok := c.at[e]; ok {
			return c.pros[i]
		}
	}
	p.textBuf = appendTexts(p.textBuf[:0], e)
	p.proseBuf = appendProse(p.proseBuf[:0], p.textBuf)
	return p.proseBuf
}

// list lists the texts of files into c, reusing its storage.
func (c *chunkTexts) list(files []*loader.File) {
	if c.at == nil {
		c.at = map[*entry.Entry]int{}
	}
	clear(c.at)
	c.texts, c.pros = grow(c.texts, len(files)), grow(c.pros, len(files))
	for i, f := range files {
		c.at[f.Entry] = i
		c.texts[i] = appendTexts(c.texts[i][:0], f.Entry)
		c.pros[i] = appendProse(c.pros[i][:0], c.texts[i])
	}
}

// grow returns s with length n, keeping the storage of its items.
func grow(s [][]text, n int) [][]text {
	if n > cap(s) {
		s = slices.Grow(s[:cap(s)], n-cap(s))
	}
	return s[:n]
}

// Entries returns the entries of Files, in the same order.
func (p *Pass) Entries() []*entry.Entry {
	es := make([]*entry.Entry, len(p.Files))
	for i, f := range p.Files {
		es[i] = f.Entry
	}
	return es
}

// Report records a finding at the value ptr names in f. Every finding of
// a rule is at the rule's level: one rule, one concern, one level. Its
// line and column are found later, and only if it is to be shown
// (Options.Place): finding them reads the file again.
func (p *Pass) Report(f *loader.File, ptr string, format string, args ...any) {
	p.ReportDiag(unplaced(f, ptr, fmt.Sprintf(format, args...)))
}

// unplaced is a finding at ptr in f whose line and column Place will find.
func unplaced(f *loader.File, ptr, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: f.Path, Pointer: ptr, Message: msg}
}

// ReportFix records a finding with a suggested fix, which may be nil;
// errref check --fix applies it.
func (p *Pass) ReportFix(f *loader.File, ptr string, fix *diag.Fix, format string, args ...any) {
	d := unplaced(f, ptr, fmt.Sprintf(format, args...))
	d.Fix = fix
	p.ReportDiag(d)
}

// ReportRelated records a finding about f and other places: the other
// entry with the same id, code, position or message.
func (p *Pass) ReportRelated(f *loader.File, ptr string, related []diag.Location, format string, args ...any) {
	d := unplaced(f, ptr, fmt.Sprintf(format, args...))
	d.Related = related
	p.ReportDiag(d)
}

// At is the location of the value ptr names in f, saying msg. Its line
// and column are left for Locate: finding them reads the file again, and
// most related locations are never shown (a group of entries sharing a
// message relates them all, and check hides information unless -v).
func At(f *loader.File, ptr, msg string) diag.Location {
	return diag.Location{File: f.Path, Pointer: ptr, Message: msg}
}

// Locate finds the line and column of the findings of ds that Check left
// without (Options.Place) and of their related locations that At left
// without, in the files of set. Call it on the findings to be shown,
// before their paths are rewritten for display, and sort them again.
func Locate(set *loader.Set, ds []diag.Diagnostic) {
	spots := unplacedSpots(ds, nil)
	for _, d := range ds {
		for i := range d.Related {
			if l := &d.Related[i]; l.Line == 0 {
				spots = append(spots, spot{l.File, l.Pointer, &l.Line, &l.Col, false})
			}
		}
	}
	placeSpots(set, spots)
}

// place finds the line and column of the findings of ds that a rule
// reported without (Report) and that want selects (nil selects all).
func place(set *loader.Set, ds []diag.Diagnostic, want func(diag.Diagnostic) bool) {
	placeSpots(set, unplacedSpots(ds, want))
}

// spot is a place in a file whose line and column are still to be found.
type spot struct {
	file, ptr string
	line, col *int
	// always: a file not in the set still gets 1:1 (a finding is always
	// shown somewhere; a related location without a line is left so).
	always bool
}

// unplacedSpots are the findings of ds without a line that want selects
// (nil selects all).
func unplacedSpots(ds []diag.Diagnostic, want func(diag.Diagnostic) bool) []spot {
	var spots []spot
	for i := range ds {
		if d := &ds[i]; d.Line == 0 && (want == nil || want(*d)) {
			spots = append(spots, spot{d.File, d.Pointer, &d.Line, &d.Col, true})
		}
	}
	return spots
}

// placeSpots finds the line and column of spots, on every core: each
// reads its file again.
func placeSpots(set *loader.Set, spots []spot) {
	if len(spots) == 0 {
		return
	}
	byPath := filesByPath(set)
	workers.Each(len(spots), func(k int) {
		sp := spots[k]
		if f := byPath[sp.file]; f != nil {
			*sp.line, *sp.col = f.Pos(sp.ptr)
		} else if sp.always {
			*sp.line, *sp.col = 1, 1
		}
	})
}

func filesByPath(set *loader.Set) map[string]*loader.File {
	m := make(map[string]*loader.File, len(set.Files))
	for _, f := range set.Files {
		m[f.Path] = f
	}
	return m
}

// ReportDiag records a finding built by the rule. The rule name and level
// are always the pass's.
func (p *Pass) ReportDiag(d diag.Diagnostic) {
	d.Rule = p.Rule.Name
	d.Level = p.Rule.Level
	*p.diags = append(*p.diags, d)
}

// Run runs rules over the files of set that decoded into an entry and
// returns their findings, placed and sorted with diag.Compare.
func Run(rules []*Rule, set *loader.Set) []diag.Diagnostic {
	ds := run(rules, set)
	place(set, ds, nil)
	diag.Sort(ds)
	return ds
}

// run is Run, its findings left unplaced and unsorted.
//
// Rules only read the files, so they run side by side, one worker per
// core. A rule that compares entries runs alone over all of them; the
// per-entry rules run together over one chunk of entries at a time.
// Each job reports into lists of its own, joined in a fixed order
// before the stable sort: the result does not depend on timing.
func run(rules []*Rule, set *loader.Set) []diag.Diagnostic {
	var files []*loader.File
	for _, f := range set.Files {
		if f.Entry != nil {
			files = append(files, f)
		}
	}
	slices.SortStableFunc(files, func(a, b *loader.File) int { return entry.Less(a.Entry, b.Entry) })
	var whole, per []*Rule
	for _, r := range rules {
		switch {
		case r.Run == nil: // the loader's rules report while loading
		case r.PerEntry:
			per = append(per, r)
		default:
			whole = append(whole, r)
		}
	}
	chunks := (len(files) + chunkSize - 1) / chunkSize
	if len(per) == 0 {
		chunks = 0
	}
	lists := make([][]diag.Diagnostic, len(whole)+chunks)
	var sh shared
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var c chunkTexts // reused from chunk to chunk
			for j := range jobs {
				if j < len(whole) {
					r := whole[j]
					r.Run(&Pass{Rule: r, Files: files, diags: &lists[j], shared: &sh})
					continue
				}
				k := j - len(whole)
				chunk := files[k*chunkSize : min((k+1)*chunkSize, len(files))]
				c.list(chunk)
				for _, r := range per {
					r.Run(&Pass{Rule: r, Files: chunk, diags: &lists[j], chunk: &c})
				}
			}
		})
	}
	for j := range lists { // the rules over every entry first: the longest jobs
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	return slices.Concat(lists...)
}

// chunkSize is how many entries the per-entry rules take at a time: their
// texts, a few hundred kilobytes, stay in the processor's cache.
const chunkSize = 256
