package checks

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// ApplyFixes applies fixes to the file f and returns the file's new bytes
// in canonical form (entry.Format) and the fixes it applied. A fix whose
// value overlaps one applied before it (the same pointer, or one inside the
// other) is left for the next run, so that two fixes never fight. The
// result must still pass the loader (syntax and schema); if it does not,
// nothing is applied and the error says why.
func ApplyFixes(f *loader.File, fixes []diag.Fix) ([]byte, []diag.Fix, error) {
	if f.Entry == nil {
		return nil, nil, fmt.Errorf("%s: has syntax or schema errors; fix them by hand first", f.Path)
	}
	data, err := f.Bytes()
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	// Sets first, then removals from the last index back, so that no
	// removal shifts the pointer of a fix still to come.
	fixes = slices.Clone(fixes)
	slices.SortStableFunc(fixes, func(a, b diag.Fix) int {
		if a.Remove != b.Remove {
			if a.Remove {
				return 1
			}
			return -1
		}
		c := comparePointers(a.Pointer, b.Pointer)
		if a.Remove {
			return -c
		}
		return c
	})
	var applied []diag.Fix
	for _, fx := range fixes {
		if slices.ContainsFunc(applied, func(a diag.Fix) bool { return overlaps(a.Pointer, fx.Pointer) }) {
			continue
		}
		var err error
		doc, err = patch(doc, tokens(fx.Pointer), fx)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: fix %q at %s: %w", f.Path, fx.Message, fx.Pointer, err)
		}
		applied = append(applied, fx)
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	var e entry.Entry
	if err := jsonv2.Unmarshal(raw, &e, jsonv2.RejectUnknownMembers(true)); err != nil {
		return nil, nil, fmt.Errorf("%s: the fixed entry does not decode: %w", f.Path, err)
	}
	out, err := entry.Format(&e)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	if _, ds := loader.Parse(f.Path, out); len(ds) > 0 {
		return nil, nil, fmt.Errorf("the fixes would make it invalid: %s", ds[0])
	}
	return out, applied, nil
}

// tokens splits a JSON pointer into its unescaped reference tokens.
func tokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	ts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range ts {
		ts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return ts
}

// comparePointers orders pointers token by token, array indexes as numbers.
func comparePointers(a, b string) int {
	ta, tb := tokens(a), tokens(b)
	for i := 0; i < len(ta) && i < len(tb); i++ {
		na, ea := strconv.Atoi(ta[i])
		nb, eb := strconv.Atoi(tb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(ta[i], tb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(ta), len(tb))
}

// overlaps reports whether one pointer is the other or inside it.
func overlaps(a, b string) bool {
	return a == b || strings.HasPrefix(b, a+"/") || strings.HasPrefix(a, b+"/")
}

// patch sets or removes the value at path in v and returns the new v.
func patch(v any, path []string, fx diag.Fix) (any, error) {
	if len(path) == 0 {
		if fx.Remove {
			return nil, fmt.Errorf("cannot remove the whole entry")
		}
		return fx.Value, nil
	}
	tok, rest := path[0], path[1:]
	switch n := v.(type) {
	case map[string]any:
		child, ok := n[tok]
		if !ok && !(len(rest) == 0 && !fx.Remove) {
			return nil, fmt.Errorf("no member %q", tok)
		}
		if len(rest) == 0 && fx.Remove {
			delete(n, tok)
			return n, nil
		}
		c, err := patch(child, rest, fx)
		if err != nil {
			return nil, err
		}
		n[tok] = c
		return n, nil
	case []any:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(n) {
			return nil, fmt.Errorf("no item %q", tok)
		}
		if len(rest) == 0 && fx.Remove {
			return slices.Delete(n, i, i+1), nil
		}
		c, err := patch(n[i], rest, fx)
		if err != nil {
			return nil, err
		}
		n[i] = c
		return n, nil
	default:
		return nil, fmt.Errorf("%q is inside a value that is neither object nor array", tok)
	}
}
