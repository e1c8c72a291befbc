package checks

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// claim is a cause a displayed message can name, and the words by which
// a chain or a cause would support it. Words match at the start of a
// word, ignoring case: "decod" matches "decoding".
type claim struct {
	Name    string
	Says    []string // in the message
	Support []string // in chain labels and details, and causes
}

func words(s string) []string { return strings.Split(s, "|") }

// claims is the heuristic's lexicon. A message that mentions a word of Says
// names that cause; the entry supports it when a chain node or a cause
// mentions a word of Support. Keep it small and general: it describes
// kinds of causes, never single entries.
var claims = []claim{
	{"subscription", words(`premium|subscription`), words(`premium|subscription|free account|free tier|free plan|plan`)},
	{"firewall", words(`firewall`), words(`firewall|proxy|vpn|antivirus|hosts|network|intercept|block`)},
	{"network block", words(`network is blocking|network administrator`), words(`network|proxy|firewall|isp|corporate|block`)},
	{"no connection", words(`no internet|internet connection|offline`), words(`internet|connect|network|offline|dns|tcp|adapter|wifi|wi-fi|ethernet|hotspot`)},
	{"credentials", words(`username|password`), words(`password|username|credential|token|session`)},
	{"region", words(`country|region`), words(`country|region|geo|vpn|relocat`)},
	{"outage", words(`temporarily unavailable|try again later`), words(`server|outage|down|maintenance|overload|unavailable|timeout|connect`)},
	{"device", words(`device`), words(`device|platform|mobile|desktop`)},
	{"session", words(`session`), words(`session|token|sign out|password`)},
	{"update", words(`being updated|latest version`), words(`version|update|patch`)},
	{"profile", words(`profile`), words(`profile|field|country|data`)},
	{"account status", words(`account disabled|account suspended`), words(`disabled|suspend|violation|fraud|dmca|ban`)},
	{"protected content", words(`protected`), words(`drm|widevine|cdm|eme|protected`)},
	{"timeout", words(`timed out|timeout`), words(`time|timer|expire`)},
	{"files in use", words(`in use by another process`), words(`process|lock`)},
	{"quota", words(`capped|quota`), words(`quota|limit|cap`)},
	{"rate limit", words(`too many requests`), words(`request|rate`)},
	{"decoding", words(`decod`), words(`decod|codec|segment`)},
	{"client credentials", words(`client secret|invalid_client`), words(`secret|client_id|credential`)},
}

// mentions reports whether the lowercase text has one of ws at the start
// of a word.
func mentions(lower []byte, ws []string) bool {
	for _, w := range ws {
		for off := 0; ; {
			i := bytes.Index(lower[off:], []byte(w))
			if i < 0 {
				break
			}
			i += off
			if r, _ := utf8.DecodeLastRune(lower[:i]); i == 0 || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
				return true
			}
			off = i + 1
		}
	}
	return false
}

// MisleadingMessage checks that a message naming a cause the entry does
// not support says so in a note.
var MisleadingMessage = &Rule{
	Name: "misleading-message",
	Doc: `A message that names the wrong cause carries a misleading-message note

Users act on what the message says. When it names a cause that the entry's
own chain and causes do not support (accesspoint:22 says "Premium users
only" but fires on every tier when the client is too old), the entry must
say so in a note of kind misleading-message, or readers will chase the
wrong fix.

The heuristic: each kind of cause in the table below has words by which a
message names it and words by which a chain node (label or detail) or a
cause supports it (words match at the start of a word, ignoring case).
A message that names a kind, none of whose support
words appear in the chain or the causes, is taken to mislead. The field
message.misleading overrides the heuristic: true confirms a case it
misses, false silences one it gets wrong. Errors:

- the message misleads (by the heuristic or message.misleading: true) and
  the note is not of kind misleading-message;
- message.misleading is false but the note is of kind misleading-message.

` + claimTable(),
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		var buf []byte // reused from entry to entry
		for _, f := range pass.Files {
			e := f.Entry
			hasNote := e.Note != nil && e.Note.Kind == entry.MisleadingMessage
			m := e.Message.Misleading
			switch {
			case m != nil && !*m:
				if hasNote {
					pass.Report(f, "/message/misleading", "message misleading: found false, but the note is of kind %q; want true, or another kind of note", entry.MisleadingMessage)
				}
			case m != nil && *m:
				if !hasNote {
					pass.Report(f, "/message/misleading", "message misleading: found true, but %s; want a note of kind %q saying what really triggers the error", noteFound(e), entry.MisleadingMessage)
				}
			case !hasNote:
				var ptr, c string
				var ok bool
				if ptr, c, ok, buf = unsupportedClaim(e, buf); ok {
					pass.Report(f, ptr, "message text: names a cause (%s) that neither the chain nor the causes support, and %s; want a note of kind %q saying what really triggers it, or message.misleading: false if the message is right",
						c, noteFound(e), entry.MisleadingMessage)
				}
			}
		}
	},
}

func noteFound(e *entry.Entry) string {
	if e.Note == nil {
		return "there is no note"
	}
	return fmt.Sprintf("the note is of kind %q", e.Note.Kind)
}

// unsupportedClaim finds the first message variant that names a cause the
// chain and causes do not support. It lowers the texts into buf, which
// it returns for the next entry: a lowered copy of every text of every
// entry was half of what the rules allocated.
func unsupportedClaim(e *entry.Entry, buf []byte) (ptr, name string, ok bool, _ []byte) {
	buf = buf[:0]
	for i, n := range e.Chain {
		if i > 0 {
			buf = append(buf, '\n')
		}
		buf = appendLower(append(appendLower(buf, n.Label), '\n'), n.Detail)
	}
	for i, c := range e.Causes {
		if i > 0 || len(e.Chain) > 0 {
			buf = append(buf, '\n')
		}
		buf = appendLower(buf, c)
	}
	evidence := len(buf)
	for i, v := range e.Message.Variants {
		buf = appendLower(buf[:evidence], v.Text)
		msg := buf[evidence:]
		for _, c := range claims {
			if mentions(msg, c.Says) && !mentions(buf[:evidence], c.Support) {
				return fmt.Sprintf("/message/variants/%d/text", i), c.Name, true, buf
			}
		}
	}
	return "", "", false, buf
}

// appendLower appends strings.ToLower(s) to b, copying an ASCII s
// straight in.
func appendLower(b []byte, s string) []byte {
	if !isASCII(s) {
		return append(b, strings.ToLower(s)...)
	}
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func claimTable() string {
	var b strings.Builder
	b.WriteString("| kind | the message names it with | supported by |\n| --- | --- | --- |\n")
	for _, c := range claims {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Name, lexicon(c.Says), lexicon(c.Support))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// lexicon renders words for the docs: "`a`, `b`".
func lexicon(ws []string) string { return "`" + strings.Join(ws, "`, `") + "`" }
