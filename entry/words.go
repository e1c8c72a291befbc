package entry

import (
	"strings"
	"unicode"
)

// Texts lists every text of e a reader sees: codes, title, message,
// chain, causes, resolution and note.
func (e *Entry) Texts() []string {
	ts := []string{e.Code, e.Title}
	for _, c := range e.Codes {
		ts = append(ts, c.Code, c.Meaning)
	}
	for _, v := range e.Message.Variants {
		ts = append(ts, v.Text, v.When)
	}
	for _, n := range e.Chain {
		ts = append(ts, n.Label, n.Detail)
	}
	ts = append(ts, e.Causes...)
	ts = append(ts, e.Resolution...)
	if e.Note != nil {
		ts = append(ts, e.Note.Title, e.Note.Text)
	}
	return ts
}

// Words splits s into lowercase words: runs of letters and digits.
// "Settings → Proxy (HTTP 407)" gives settings, proxy, http, 407.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Matches reports whether every word of query starts a word of e's texts,
// ignoring case: "proxy 407" finds accounts:53–55.
func (e *Entry) Matches(query []string) bool {
	var words []string
	for _, t := range e.Texts() {
		words = append(words, Words(t)...)
	}
	for _, q := range query {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Lookup returns the entries a user who typed code means: those that
// cover it (accounts:54 is covered by accounts:53–55), ignoring case and
// spaces around the colon, or whose id it is. When none does, a code
// made of a status and a name ("HTTP 403 — PREMIUM_REQUIRED") is found
// by either part alone: "HTTP 403" finds every HTTP 403 entry.
func Lookup(es []*Entry, code string) []*Entry {
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ":", " : ")), ""))
	}
	c := norm(code)
	if c == "" {
		return nil
	}
	find := func(match func(string) bool) []*Entry {
		var out []*Entry
		for _, e := range es {
			hit := match(e.Code) || e.ID == c
			for _, m := range e.Codes {
				hit = hit || match(m.Code)
			}
			if hit {
				out = append(out, e)
			}
		}
		return out
	}
	if out := find(func(s string) bool { return norm(s) == c }); out != nil {
		return out
	}
	return find(func(s string) bool {
		status, name, ok := strings.Cut(s, " — ")
		return ok && (norm(status) == c || norm(name) == c)
	})
}
