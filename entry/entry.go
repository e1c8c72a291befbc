// Package entry holds the data model of one documented error: the Go form
// of schema/entry.schema.json. Field order here is the canonical key order
// of an entry file, and it follows the schema's.
package entry

import (
	"slices"
	"strings"
)

// Severity says how badly an error hurts the user (the upstream's scale).
type Severity string

// The severities, mildest first.
const (
	Info  Severity = "info"  // informational
	Warn  Severity = "warn"  // a degraded experience
	Error Severity = "error" // a failure with a clear cause
	Fatal Severity = "fatal" // blocks login or playback entirely
)

// Severities lists every severity, mildest first.
var Severities = []Severity{Info, Warn, Error, Fatal}

// Rank orders severities: info 0 … fatal 3, or -1 for an unknown one.
func (s Severity) Rank() int { return slices.Index(Severities, s) }

// Platforms lists every platform, in display order, and PlatformLabels
// their display names.
var (
	Platforms      = []string{"windows", "macos"}
	PlatformLabels = map[string]string{"windows": "Windows", "macos": "macOS"}
)

// Strings converts a vocabulary (Severities, Categories, …) to plain
// strings, for messages and comparisons with the schema.
func Strings[S ~string](xs []S) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// PlatformLabel is p's display name, or p itself when unknown.
func PlatformLabel(p string) string {
	if l, ok := PlatformLabels[p]; ok {
		return l
	}
	return p
}

// Category is an area of the client an error belongs to.
type Category string

// Categories lists every category in the upstream's group order, which is
// also the order in which the reference groups entries.
var Categories = []Category{"auth", "network", "drm", "installer", "webapi"}

// CategoryLabels are the group headings the upstream uses.
var CategoryLabels = map[Category]string{
	"auth":      "Authentication & Login",
	"network":   "Network & Access",
	"drm":       "DRM & Playback",
	"installer": "Installer",
	"webapi":    "Web API",
}

// OtherLabel heads the group of entries that match no known category.
const OtherLabel = "Other"

// State is how a cause-chain node behaves on the way to the error.
type State string

// The node states.
const (
	Neutral  State = "neutral"  // a step that works as it should
	Fragile  State = "fragile"  // a step that can break
	Critical State = "critical" // where it breaks
	Good     State = "good"     // a step known to be healthy
)

// NoteKind classifies a note.
type NoteKind string

// The note kinds and the lead each prints when a note has no title.
const (
	MisleadingMessage    NoteKind = "misleading-message"
	KnownBug             NoteKind = "known-bug"
	Explanation          NoteKind = "explanation"
	ImplementationDetail NoteKind = "implementation-detail"
)

// NoteLeads is the default lead of a note of each kind.
var NoteLeads = map[NoteKind]string{
	MisleadingMessage:    "Misleading message",
	KnownBug:             "Known bug",
	Explanation:          "Explanation",
	ImplementationDetail: "Implementation detail",
}

// Entry is one documented error.
type Entry struct {
	ID         string     `json:"id"`
	Code       string     `json:"code"`
	Codes      []Code     `json:"codes"`
	Title      string     `json:"title"`
	Severity   Severity   `json:"severity"`
	Categories []Category `json:"categories"`
	Subsystem  string     `json:"subsystem,omitempty"`
	Platforms  []string   `json:"platforms"`
	Position   int        `json:"position,omitzero"` // 0: none; see Less
	Message    Message    `json:"message"`
	Chain      []Node     `json:"chain"`
	Causes     []string   `json:"causes"`
	Resolution []string   `json:"resolution"`
	Note       *Note      `json:"note,omitempty"`
	// Acknowledged lists lint findings kept on purpose. It is about the
	// file, not the error: exporters leave it out.
	Acknowledged []Acknowledgement `json:"acknowledged,omitempty"`
}

// Acknowledgement keeps one lint finding on purpose, with the reason (the
// idea of staticcheck's //lint:ignore Check reason).
type Acknowledgement struct {
	Rule    string `json:"rule"`
	Pointer string `json:"pointer"`
	Why     string `json:"why"`
}

// Code is one concrete code an entry covers (accounts:53–55 covers three).
type Code struct {
	Code    string `json:"code"`
	Meaning string `json:"meaning,omitempty"`
}

// Message is what the client displays.
type Message struct {
	Variants   []Variant   `json:"variants"`
	LocaleGaps []LocaleGap `json:"locale_gaps,omitempty"`
	// Misleading confirms (true) or silences (false) the misleading-message
	// heuristic; nil leaves the decision to the heuristic.
	Misleading *bool `json:"misleading,omitempty"`
}

// Variant is one text the client may show, and when.
type Variant struct {
	Text string `json:"text"`
	When string `json:"when,omitempty"`
}

// LocaleGap is a locale whose string for this error is missing.
type LocaleGap struct {
	Locale string `json:"locale"`
}

// Node is one step of the cause chain.
type Node struct {
	Label  string `json:"label"`
	Detail string `json:"detail,omitempty"`
	State  State  `json:"state"`
}

// String renders a node as the upstream's text does: "label (detail)".
func (n Node) String() string {
	if n.Detail == "" {
		return n.Label
	}
	return n.Label + " (" + n.Detail + ")"
}

// Note is a remark on the entry.
type Note struct {
	Kind  NoteKind `json:"kind"`
	Title string   `json:"title,omitempty"`
	Text  string   `json:"text"`
}

// Lead is the note's title, or its kind's default lead.
func (n Note) Lead() string {
	if n.Title != "" {
		return n.Title
	}
	return NoteLeads[n.Kind]
}

// Slug derives an id from a display code, by the upstream's anchor rule:
// lowercase, each run of characters outside [a-z0-9] becomes "-", and
// leading and trailing "-" are trimmed. "HTTP 401 — invalid_client" gives
// "http-401-invalid-client".
func Slug(code string) string {
	lower := strings.ToLower(code)
	b := make([]byte, 0, len(lower))
	for i := 0; i < len(lower); i++ {
		switch c := lower[i]; {
		case 'a' <= c && c <= 'z' || isDigit(c):
			b = append(b, c)
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-') // a run of anything else, whatever its bytes
		}
	}
	return strings.TrimSuffix(string(b), "-")
}

// GroupIndex is the index of e's group in Categories, or len(Categories)
// for an entry in no known category (listed last, under "Other").
func (e *Entry) GroupIndex() int {
	if i := slices.Index(Categories, e.Group()); i >= 0 {
		return i
	}
	return len(Categories)
}

// Group is the category under which the reference lists an entry: the
// first of Categories that the entry has, or "" for none.
func (e *Entry) Group() Category {
	for _, c := range Categories {
		if slices.Contains(e.Categories, c) {
			return c
		}
	}
	return ""
}

// StepParts splits a resolution step at its code spans (text between
// backticks). Parts alternate text, code, text…; code parts are the odd
// indexes. An unbalanced backtick leaves the rest as code.
func StepParts(step string) []string { return strings.Split(step, "`") }

// PlainStep renders a step without code markup the way the upstream's
// plain text does: parts trimmed and joined by one space.
func PlainStep(step string) string {
	var parts []string
	for _, p := range StepParts(step) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
