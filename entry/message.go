package entry

import (
	"regexp"
	"strings"
)

// codeSuffix is the "(Error code: …)" the client appends to some messages.
var codeSuffix = regexp.MustCompile(`\s*\(Error code:[^)]*\)\s*$`)

// sentenceEnd ends a sentence: ., ! or ? before a space.
var sentenceEnd = regexp.MustCompile(`[.!?]\s`)

// Headline is what a message says, for comparing messages: the text
// without the client's "(Error code: …)" suffix, up to the end of its
// first sentence. "A firewall may be blocking Spotify. Please update your
// firewall to allow Spotify." and "A firewall may be blocking Spotify.
// (Error code: accesspoint:39)" both give "A firewall may be blocking
// Spotify."
func Headline(msg string) string {
	if strings.Contains(msg, "(Error code:") {
		msg = codeSuffix.ReplaceAllString(msg, "")
	}
	msg = strings.TrimSpace(msg)
	if loc := sentenceEnd.FindStringIndex(msg); loc != nil {
		msg = msg[:loc[0]+1]
	}
	return msg
}

// BreakingPoint is the label of the chain's last node, where the error
// happens, or "" for an empty chain.
func (e *Entry) BreakingPoint() string {
	if len(e.Chain) == 0 {
		return ""
	}
	return e.Chain[len(e.Chain)-1].Label
}

// Placeholder starts the texts that "errref new" leaves to fill in.
const Placeholder = "TODO"

// Todo is a placeholder text asking for what.
func Todo(what string) string { return Placeholder + ": " + what }

// IsPlaceholder reports whether the text s is still a placeholder.
func IsPlaceholder(s string) bool {
	return strings.HasPrefix(strings.TrimSpace(s), Placeholder)
}
