package entry

import "strings"

// trimCodeSuffix removes the "(Error code: …)" the client appends to some
// messages, with the spaces around it: the regexp
// \s*\(Error code:[^)]*\)\s*$ replaced by "" (FuzzTrimCodeSuffix).
func trimCodeSuffix(msg string) string {
	s := strings.TrimRight(msg, reSpace)
	if !strings.HasSuffix(s, ")") {
		return msg
	}
	s = s[:len(s)-1]
	after := strings.LastIndexByte(s, ')') + 1 // the suffix holds no other ")"
	k := strings.Index(s[after:], "(Error code:")
	if k < 0 {
		return msg
	}
	return strings.TrimRight(msg[:after+k], reSpace)
}

// reSpace is \s of the regexp package.
const reSpace = "\t\n\f\r "

// Headline is what a message says, for comparing messages: the text
// without the client's "(Error code: …)" suffix, up to the end of its
// first sentence. "A firewall may be blocking Spotify. Please update your
// firewall to allow Spotify." and "A firewall may be blocking Spotify.
// (Error code: accesspoint:39)" both give "A firewall may be blocking
// Spotify."
func Headline(msg string) string {
	if strings.Contains(msg, "(Error code:") {
		msg = trimCodeSuffix(msg)
	}
	msg = strings.TrimSpace(msg)
	if i := sentenceEndIndex(msg); i >= 0 {
		msg = msg[:i+1]
	}
	return msg
}

// sentenceEndIndex is where the first sentence of s ends: the first ".",
// "!" or "?" before a space (the regexp [.!?]\s, FuzzSentenceEnd), or -1.
// Headline runs on every message of every check and export.
func sentenceEndIndex(s string) int {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
			switch s[i+1] {
			case '\t', '\n', '\f', '\r', ' ':
				return i
			}
		}
	}
	return -1
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
