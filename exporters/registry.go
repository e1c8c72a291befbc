package exporters

import (
	"fmt"
	"slices"
	"strings"

	"github.com/errref/errref/entry"
)

// All is the registry of formats, in the order they are built.
var All = []*Exporter{
	JSON,
	Schema,
	CSV,
	Markdown,
	SQLite,
	LLMs,
	Site,
	License,
}

// Select returns the exporters named in names (all for none), in registry
// order, or an error naming the unknown ones.
func Select(names []string) ([]*Exporter, error) {
	if len(names) == 0 {
		return All, nil
	}
	var out []*Exporter
	var unknown []string
	for _, n := range names {
		if !slices.ContainsFunc(All, func(e *Exporter) bool { return e.Name == n }) {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown exporter %s (want one of %s)", strings.Join(unknown, ", "), strings.Join(Names(), ", "))
	}
	for _, e := range All {
		if slices.Contains(names, e.Name) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Names lists the registered exporter names.
func Names() []string {
	var ns []string
	for _, e := range All {
		ns = append(ns, e.Name)
	}
	return ns
}

func sortEntries(es []*entry.Entry) { slices.SortStableFunc(es, entry.Less) }
