package checks

import (
	"slices"
	"strconv"
	"strings"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

func quote(s string) string { return strconv.Quote(s) }

// text is one string field of an entry and where it is.
type text struct {
	Ptr   string // JSON pointer
	Field string // the field's name as messages show it: "causes", "chain label"
	Value string
}

// appendTexts appends the texts of e, every free-text field in file
// order, to ts. Their pointers come from
// ptrAt, so listing allocates nothing once ts has room.
func appendTexts(ts []text, e *entry.Entry) []text {
	add := func(ptr, field, v string) { ts = append(ts, text{ptr, field, v}) }
	add("/code", "code", e.Code)
	for i, c := range e.Codes {
		add(ptrAt(pCodes, i, sCode), "codes code", c.Code)
		if c.Meaning != "" {
			add(ptrAt(pCodes, i, sMeaning), "codes meaning", c.Meaning)
		}
	}
	add("/title", "title", e.Title)
	for i, v := range e.Message.Variants {
		add(ptrAt(pVariants, i, sText), "message text", v.Text)
		if v.When != "" {
			add(ptrAt(pVariants, i, sWhen), "message when", v.When)
		}
	}
	for i, n := range e.Chain {
		add(ptrAt(pChain, i, sLabel), "chain label", n.Label)
		if n.Detail != "" {
			add(ptrAt(pChain, i, sDetail), "chain detail", n.Detail)
		}
	}
	for i, c := range e.Causes {
		add(ptrAt(pCauses, i, sNone), "causes", c)
	}
	for i, s := range e.Resolution {
		add(ptrAt(pResolution, i, sNone), "resolution", s)
	}
	if e.Note != nil {
		if e.Note.Title != "" {
			add("/note/title", "note title", e.Note.Title)
		}
		add("/note/text", "note text", e.Note.Text)
	}
	return ts
}

// The arrays of an entry that hold texts, and the member of an item that
// is the text.
const (
	pCodes = iota
	pVariants
	pChain
	pCauses
	pResolution
	nArrays
)

const (
	sNone = iota
	sState
	sCode
	sMeaning
	sText
	sWhen
	sLabel
	sDetail
	nSuffixes
)

var (
	arrayPtr = [nArrays]string{"/codes/", "/message/variants/", "/chain/", "/causes/", "/resolution/"}
	suffix   = [nSuffixes]string{"", "/state", "/code", "/meaning", "/text", "/when", "/label", "/detail"}
)

// internedItems is how many items of each array have their pointers made
// once for all; the schema allows up to 100 codes and 8 chain nodes, and
// no entry has more than 20 of anything else.
const internedItems = 128

var interned = func() (t [nArrays][nSuffixes][internedItems]string) {
	for a := range nArrays {
		for s := range nSuffixes {
			for i := range internedItems {
				t[a][s][i] = arrayPtr[a] + strconv.Itoa(i) + suffix[s]
			}
		}
	}
	return t
}()

// ptrAt is the pointer of item i of array a, with suffix s.
func ptrAt(a, i, s int) string {
	if i < internedItems {
		return interned[a][s][i]
	}
	return arrayPtr[a] + strconv.Itoa(i) + suffix[s]
}

// shownBy is one entry that shows a message, and the variant it is in.
type shownBy struct {
	f       *loader.File
	variant int
}

// messageGroups groups the files of the pass by the headline of each
// message variant, an entry at most once per headline; keys keep
// first-seen (reference) order. The rules of one run share one grouping:
// don't modify it.
func (p *Pass) messageGroups() (keys []string, groups map[string][]shownBy) {
	if p.shared == nil {
		return messageGroups(p.Files)
	}
	s := p.shared
	s.groupsOnce.Do(func() { s.keys, s.groups = messageGroups(p.Files) })
	return s.keys, s.groups
}

// messageGroups is Pass.messageGroups of files.
func messageGroups(files []*loader.File) (keys []string, groups map[string][]shownBy) {
	groups = make(map[string][]shownBy, len(files)) // about one message per entry
	for _, f := range files {
		vs := f.Entry.Message.Variants
		for i, v := range vs {
			h := entry.Headline(v.Text)
			// A few variants at most: compared pairwise, nothing allocated.
			if slices.ContainsFunc(vs[:i], func(w entry.Variant) bool { return entry.Headline(w.Text) == h }) {
				continue
			}
			if groups[h] == nil {
				keys = append(keys, h)
			}
			groups[h] = append(groups[h], shownBy{f, i})
		}
	}
	return keys, groups
}

// codeList joins the display codes of entries: "auth:1, auth:2".
func codeList(es []*entry.Entry) string {
	cs := make([]string, len(es))
	for i, e := range es {
		cs[i] = e.Code
	}
	return strings.Join(cs, ", ")
}

// containsFold reports whether s holds substr, an ASCII lowercase word,
// in any case: strings.Contains(strings.ToLower(s), substr) without the
// copy (FuzzContainsFold).
func containsFold(s, substr string) bool {
	for i := 0; i+len(substr) <= len(s); i++ {
		if s[i]|0x20 == substr[0] && strings.EqualFold(s[i:i+len(substr)], substr) {
			return true
		}
	}
	return false
}

// sameFold reports whether strings.ToLower(a) == strings.ToLower(b),
// without the copies for ASCII.
func sameFold(a, b string) bool {
	if isASCII(a) && isASCII(b) {
		return strings.EqualFold(a, b)
	}
	return strings.ToLower(a) == strings.ToLower(b)
}
