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
}

// texts is texts(e), valid until the next call: a rule reads an entry's
// texts, then moves on.
func (p *Pass) texts(e *entry.Entry) []text {
	p.textBuf = appendTexts(p.textBuf[:0], e)
	return p.textBuf
}

// prose is prose(e), valid until the next call.
func (p *Pass) prose(e *entry.Entry) []text {
	p.textBuf = appendTexts(p.textBuf[:0], e)
	p.proseBuf = appendProse(p.proseBuf[:0], p.textBuf)
	return p.proseBuf
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
// a rule is at the rule's level: one rule, one concern, one level.
func (p *Pass) Report(f *loader.File, ptr string, format string, args ...any) {
	p.ReportDiag(f.Diag(ptr, p.Rule.Name, p.Rule.Level, fmt.Sprintf(format, args...)))
}

// ReportFix records a finding with a suggested fix, which may be nil;
// errref check --fix applies it.
func (p *Pass) ReportFix(f *loader.File, ptr string, fix *diag.Fix, format string, args ...any) {
	d := f.Diag(ptr, p.Rule.Name, p.Rule.Level, fmt.Sprintf(format, args...))
	d.Fix = fix
	p.ReportDiag(d)
}

// ReportRelated records a finding about f and other places: the other
// entry with the same id, code, position or message.
func (p *Pass) ReportRelated(f *loader.File, ptr string, related []diag.Location, format string, args ...any) {
	d := f.Diag(ptr, p.Rule.Name, p.Rule.Level, fmt.Sprintf(format, args...))
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

// Locate finds the line and column of the related locations of ds that
// At left without, in the files of set. Call it on the findings to be
// shown, before their paths are rewritten for display.
func Locate(set *loader.Set, ds []diag.Diagnostic) {
	var byPath map[string]*loader.File
	for _, d := range ds {
		for i, l := range d.Related {
			if l.Line != 0 {
				continue
			}
			if byPath == nil {
				byPath = make(map[string]*loader.File, len(set.Files))
				for _, f := range set.Files {
					byPath[f.Path] = f
				}
			}
			if f := byPath[l.File]; f != nil {
				d.Related[i].Line, d.Related[i].Col = f.Pos(l.Pointer)
			}
		}
	}
}

// ReportDiag records a finding built by the rule. The rule name and level
// are always the pass's.
func (p *Pass) ReportDiag(d diag.Diagnostic) {
	d.Rule = p.Rule.Name
	d.Level = p.Rule.Level
	*p.diags = append(*p.diags, d)
}

// Run runs rules over the files of set that decoded into an entry and
// returns their findings, sorted with diag.Compare.
func Run(rules []*Rule, set *loader.Set) []diag.Diagnostic {
	var files []*loader.File
	for _, f := range set.Files {
		if f.Entry != nil {
			files = append(files, f)
		}
	}
	slices.SortStableFunc(files, func(a, b *loader.File) int { return entry.Less(a.Entry, b.Entry) })
	// Rules only read the files: run them side by side, at most one per
	// core, each reporting into a list of its own.
	lists := make([][]diag.Diagnostic, len(rules))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, r := range rules {
		if r.Run == nil { // the loader's rules report while loading
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			r.Run(&Pass{Rule: r, Files: files, diags: &lists[i]})
		})
	}
	wg.Wait()
	ds := slices.Concat(lists...)
	diag.Sort(ds)
	return ds
}
