package checks

import (
	"fmt"
	"slices"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/nearest"
	"github.com/errref/errref/loader"
)

// Acknowledgement is the rule under which Check reports acknowledgements
// that match no finding. Check applies acknowledgements itself, after
// every rule ran, so it has no Run.
var Acknowledgement = &Rule{
	Name: "acknowledgement",
	Doc: `Every acknowledgement matches a finding

An entry keeps a finding on purpose by listing it in "acknowledged", with
the rule's name, the finding's JSON pointer (as check prints them) and why
it stays:

    "acknowledged": [
      {"rule": "info-critical", "pointer": "/chain/2/state",
       "why": "Expected and harmless, so the upstream rates it info."}
    ]

check then counts the finding as acknowledged instead of reporting it,
and lists it with its reason under -v. An acknowledgement that matches no
finding (the entry was fixed, or the pointer moved) is an error, so that
none outlives its reason (fix: remove it); so is one that names no rule.
Exporters leave "acknowledged" out.`,
	Level: diag.Error,
}

// acknowledge splits ds into the findings the entries of set do not
// acknowledge, and those they do (with Acknowledged set), and reports
// acknowledgements that match nothing among the rules that ran. The open
// findings take the storage of ds, which the caller no longer uses: a
// copy of 100,000 entries' findings was 4 MB more at the peak of Check.
func acknowledge(set *loader.Set, rules []*Rule, ds []diag.Diagnostic) (open, acked []diag.Diagnostic) {
	type key struct{ file, rule, ptr string }
	whys := map[key]string{}
	matched := map[key]bool{}
	open = ds[:0]
	for _, f := range set.Files {
		if f.Entry == nil {
			continue
		}
		for _, a := range f.Entry.Acknowledged {
			whys[key{f.Path, a.Rule, a.Pointer}] = a.Why
		}
	}
	for _, d := range ds {
		k := key{d.File, d.Rule, d.Pointer}
		if why, ok := whys[k]; ok {
			matched[k] = true
			d.Acknowledged = why
			acked = append(acked, d)
			continue
		}
		open = append(open, d)
	}
	ran := map[string]bool{}
	for _, r := range rules {
		ran[r.Name] = true
	}
	for _, f := range set.Files {
		if f.Entry == nil {
			continue
		}
		stale := func(a entry.Acknowledgement) bool {
			return ByName(a.Rule) == nil || ran[a.Rule] && !matched[key{f.Path, a.Rule, a.Pointer}]
		}
		// Removing every item would leave an empty list, which the schema
		// rejects: then the fix removes the list.
		all := !slices.ContainsFunc(f.Entry.Acknowledged, func(a entry.Acknowledgement) bool { return !stale(a) })
		for i, a := range f.Entry.Acknowledged {
			ptr := fmt.Sprintf("/acknowledged/%d", i)
			remove := &diag.Fix{Message: "remove the acknowledgement", Pointer: ptr, Remove: true}
			if all {
				remove = &diag.Fix{Message: "remove the acknowledgements", Pointer: "/acknowledged", Remove: true}
			}
			if ByName(a.Rule) == nil {
				msg := fmt.Sprintf("acknowledged rule: found %s, which is no rule; want a name errref rules lists", quote(a.Rule))
				if n := nearest.Word(a.Rule, ruleNamesOf(All)); n != "" {
					msg = fmt.Sprintf("acknowledged rule: found %s, which is no rule; want %s", quote(a.Rule), quote(n))
				}
				d := f.Diag(ptr+"/rule", Acknowledgement.Name, Acknowledgement.Level, msg)
				d.Fix = remove
				open = append(open, d)
				continue
			}
			if !stale(a) {
				continue
			}
			d := f.Diag(ptr, Acknowledgement.Name, Acknowledgement.Level,
				fmt.Sprintf("acknowledged: found no %s finding at %s to acknowledge; want the acknowledgement removed, or its pointer moved to the finding", a.Rule, quote(a.Pointer)))
			d.Fix = remove
			open = append(open, d)
		}
	}
	return open, acked
}

func ruleNamesOf(rules []*Rule) []string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.Name
	}
	return names
}
