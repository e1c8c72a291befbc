package checks

import (
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

// texts lists every free-text field of e, in file order.
func texts(e *entry.Entry) []text {
	ts := make([]text, 0, 4+2*(len(e.Codes)+len(e.Message.Variants)+len(e.Chain))+len(e.Causes)+len(e.Resolution))
	add := func(ptr, field, v string) { ts = append(ts, text{ptr, field, v}) }
	at := func(prefix string, i int, suffix string) string { return prefix + strconv.Itoa(i) + suffix }
	add("/code", "code", e.Code)
	for i, c := range e.Codes {
		add(at("/codes/", i, "/code"), "codes code", c.Code)
		if c.Meaning != "" {
			add(at("/codes/", i, "/meaning"), "codes meaning", c.Meaning)
		}
	}
	add("/title", "title", e.Title)
	for i, v := range e.Message.Variants {
		add(at("/message/variants/", i, "/text"), "message text", v.Text)
		if v.When != "" {
			add(at("/message/variants/", i, "/when"), "message when", v.When)
		}
	}
	for i, n := range e.Chain {
		add(at("/chain/", i, "/label"), "chain label", n.Label)
		if n.Detail != "" {
			add(at("/chain/", i, "/detail"), "chain detail", n.Detail)
		}
	}
	for i, c := range e.Causes {
		add(at("/causes/", i, ""), "causes", c)
	}
	for i, s := range e.Resolution {
		add(at("/resolution/", i, ""), "resolution", s)
	}
	if e.Note != nil {
		if e.Note.Title != "" {
			add("/note/title", "note title", e.Note.Title)
		}
		add("/note/text", "note text", e.Note.Text)
	}
	return ts
}

// shownBy is one entry that shows a message, and the variant it is in.
type shownBy struct {
	f       *loader.File
	variant int
}

// messageGroups groups files by the headline of each message variant, an
// entry at most once per headline; keys keep first-seen (reference) order.
func messageGroups(files []*loader.File) (keys []string, groups map[string][]shownBy) {
	groups = map[string][]shownBy{}
	for _, f := range files {
		seen := map[string]bool{}
		for i, v := range f.Entry.Message.Variants {
			h := entry.Headline(v.Text)
			if seen[h] {
				continue
			}
			seen[h] = true
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
