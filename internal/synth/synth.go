// Package synth makes large synthetic references for benchmarks: N valid
// entries cloned and varied from real ones (the frozen seed), the same
// for the same seed on any machine.
//
// Round 0 is the seed itself; round r ≥ 1 clones every seed entry once,
// in an order shuffled per round, with its numbers moved by r×1000 (or a
// "_r" suffix on codes without a number), so that ids, codes and positions
// stay unique, ranges stay ranges and subsystems stay consistent. Messages
// get a per-round tag, so that the seed's groups of entries sharing a
// message recur in every round at their real size; Verbatim keeps a share
// of them unchanged instead, which makes one group per seed message that
// grows with N (the worst case of the shared-message rules).
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/errref/errref/entry"
)

// Options say what to generate.
type Options struct {
	N    int    // entries in all
	Seed uint64 // the same seed gives the same entries
	// Verbatim is the share (0–1) of clones whose message stays the
	// seed's, word for word.
	Verbatim float64
	// Gaps is the share (0–1) of clones without a note that get locale
	// gaps and the known-bug note that must explain them.
	Gaps float64
}

// SeedDir is the checkout holding the frozen seed, relative to the module
// root.
const SeedDir = "testdata/seed"

// LoadSeed decodes the seed entries of the checkout at root, strictly,
// in reference order. It does not use package loader, whose benchmarks
// use this package; the seed is checked by the tests of the checks.
func LoadSeed(root string) ([]*entry.Entry, error) {
	paths, err := filepath.Glob(filepath.Join(root, "entries", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("seed %s: no entries/*.json", root)
	}
	var es []*entry.Entry
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var e entry.Entry
		if err := jsonv2.Unmarshal(data, &e, jsonv2.RejectUnknownMembers(true)); err != nil {
			return nil, fmt.Errorf("seed %s: %w", p, err)
		}
		es = append(es, &e)
	}
	slices.SortFunc(es, entry.Less)
	return es, nil
}

// Generate returns opts.N entries cloned from seed (in reference order).
func Generate(seed []*entry.Entry, opts Options) ([]*entry.Entry, error) {
	if len(seed) == 0 {
		return nil, fmt.Errorf("no seed entries")
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	out := make([]*entry.Entry, 0, opts.N)
	for r := 0; len(out) < opts.N; r++ {
		order := rng.Perm(len(seed))
		if r == 0 {
			order = nil
			for i := range seed {
				order = append(order, i)
			}
		}
		for _, i := range order {
			if len(out) == opts.N {
				break
			}
			e, err := clone(seed[i])
			if err != nil {
				return nil, err
			}
			if r > 0 {
				vary(e, r, rng, opts)
			}
			e.Position = 0
			if len(out) < entry.UpstreamEntries {
				e.Position = len(out) + 1 // the upstream's entries keep theirs
			}
			out = append(out, e)
		}
	}
	return out, nil
}

func clone(e *entry.Entry) (*entry.Entry, error) {
	b, err := jsonv2.Marshal(e)
	if err != nil {
		return nil, err
	}
	var c entry.Entry
	return &c, jsonv2.Unmarshal(b, &c)
}

// number is the last run of digits of a code, or a range "N–M" at its end.
var (
	rangeEnd = regexp.MustCompile(`(\d+)(\s*[–-]\s*)(\d+)$`)
	lastNum  = regexp.MustCompile(`\d+$`)
)

// renumber moves the numbers at the end of a code by r×1000 (the seed's
// are below 1000), or appends "_r" when it ends in no number.
func renumber(code string, r int) string {
	shift := func(s string) string {
		n, _ := strconv.Atoi(s)
		return strconv.Itoa(n + r*1000)
	}
	if m := rangeEnd.FindStringSubmatchIndex(code); m != nil {
		return code[:m[2]] + shift(code[m[2]:m[3]]) + code[m[4]:m[5]] + shift(code[m[6]:m[7]])
	}
	if m := lastNum.FindStringIndex(code); m != nil {
		return code[:m[0]] + shift(code[m[0]:])
	}
	return code + "_" + strconv.Itoa(r)
}

// locales are the tags clones may lack a string in (never "en": the
// variants are the English texts).
var locales = []string{"de", "fr", "pt-BR", "ja", "es-419", "nl", "sv", "ko"}

func vary(e *entry.Entry, r int, rng *rand.Rand, opts Options) {
	e.Code = renumber(e.Code, r)
	e.ID = entry.Slug(e.Code)
	for i := range e.Codes {
		e.Codes[i].Code = renumber(e.Codes[i].Code, r)
	}
	if rng.Float64() >= opts.Verbatim {
		for i := range e.Message.Variants {
			e.Message.Variants[i].Text = fmt.Sprintf("[R%d] %s", r, e.Message.Variants[i].Text)
		}
	}
	switch rng.IntN(4) {
	case 0:
		e.Platforms = []string{"windows"}
	case 1:
		e.Platforms = []string{"windows", "macos"}
	}
	rng.Shuffle(len(e.Causes), func(i, j int) { e.Causes[i], e.Causes[j] = e.Causes[j], e.Causes[i] })
	if e.Note == nil && len(e.Message.Variants) > 0 && rng.Float64() < opts.Gaps {
		ls := slices.Clone(locales)
		rng.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
		ls = ls[:1+rng.IntN(3)]
		slices.Sort(ls)
		for _, l := range ls {
			e.Message.LocaleGaps = append(e.Message.LocaleGaps, entry.LocaleGap{Locale: l})
		}
		e.Note = &entry.Note{Kind: entry.KnownBug,
			Text: "The client's translation files have no string for this error in " + strings.Join(ls, ", ") + ", so the message renders blank there."}
	}
}

// Write writes es as root/entries/<id>.json in canonical form. root must
// not hold an entries folder yet: synth never overwrites.
func Write(root string, es []*entry.Entry) error {
	dir := filepath.Join(root, "entries")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for _, e := range es {
		b, err := entry.Format(e)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.ID+".json"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
