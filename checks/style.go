package checks

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// Style checks the writing of an entry's free text.
var Style = &Rule{
	Name: "style",
	Doc: `Text is tidy, consistent and well-formed

The reference reads as one document, and exporters print these strings in
many formats; small slips show everywhere. The displayed message and the
codes are verbatim and only checked for surrounding spaces.

Errors:
- A placeholder left in any text: "TODO…", as "errref new" writes them.
- Leading or trailing spaces (fix: trim), or an item with nothing but
  spaces (fix: remove it).
- The same cause or resolution step twice, ignoring case and spacing
  (fix: remove the later one).
- A cause, step, chain label or detail, or title ending in ",", ";" or ":".
- A UI path written with "->", "=>" or " > " outside code spans: write
  "→" (fix: replace).
- An unbalanced backtick in a resolution step: the rest of the step would
  render as code.
- A malformed URL or hostname: a http(s) URL without a valid host,
  "http//" or "https:/x", or a hostname with an empty label ("spotify..com")
  or a label that starts or ends with "-".

Warnings:
- Two or more spaces in a row (fix: collapse, when no code span is
  involved).
- A cause, step, chain label or detail, or title ending in ".": they are
  fragments, and none of the reference's do (fix: remove it).
- "→" without one space on each side (fix: space it).
- A http:// URL: want https.
- A hostname with capitals: hostnames are written lowercase (fix).
- A title, cause, step, chain label or note that starts with a lowercase
  letter, unless its first word is a name: it holds a digit or a
  character other than a letter, has a capital inside, or is written the
  same way elsewhere in the entry or is its subsystem (netprofm,
  accounts API unreachable).
- A title in Title Case: titles are in sentence case.
- A field (causes, resolution, or note) that mixes American and British
  spellings of the same words (color/colour, license/licence, …): one
  language style per field; the reference uses American spelling.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			styleEntry(pass, f)
		}
	},
}

// Which checks apply to which fields.
var (
	verbatimFields = set("code", "codes code", "message text")
	fragmentFields = set("causes", "resolution", "chain label", "chain detail", "title")
	capitalFields  = set("causes", "resolution", "chain label", "title", "note title", "note text")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	spaceRun    = regexp.MustCompile(`  +`)
	asciiArrow  = regexp.MustCompile(`\s*(?:->|=>|\s>\s)\s*`)
	arrowSpaced = regexp.MustCompile(`\s*→\s*`)
	urlPattern  = regexp.MustCompile(`(?i)\bhttps?:[^\s` + "`" + `"'<>()]*`)
	badScheme   = regexp.MustCompile(`(?i)\bhttps?(?://?[^/\s]|//)`)
	hostPattern = regexp.MustCompile(`(?i)(?:^|[^\w.@/-])((?:\*\.)?(?:[a-z0-9-]*\.+)+(?:com|net|org|io|app|dev))\b`)
)

func styleEntry(pass *Pass, f *loader.File) {
	e := f.Entry
	var names map[string]bool // computed when first needed
	for _, t := range texts(e) {
		v := t.Value
		trimmed := strings.TrimSpace(v)
		inArray := t.Field == "causes" || t.Field == "resolution"
		switch {
		case trimmed == "" && inArray:
			pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "remove the empty item", Pointer: t.Ptr, Remove: true},
				"%s: found an item with only spaces; want text, or no item", t.Field)
			continue
		case trimmed == "":
			pass.Report(f, t.Ptr, "%s: found only spaces; want text", t.Field)
			continue
		case trimmed != v:
			pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "trim the spaces", Pointer: t.Ptr, Value: trimmed},
				"%s: found leading or trailing spaces in %s; want %s", t.Field, quote(v), quote(trimmed))
		}
		if entry.IsPlaceholder(trimmed) {
			pass.Report(f, t.Ptr, "%s: found the placeholder %s; want the real text", t.Field, quote(v))
			continue
		}
		if verbatimFields[t.Field] {
			continue
		}
		styleText(pass, f, t, func() map[string]bool {
			if names == nil {
				names = entryWords(e)
			}
			return names
		})
	}
	for _, field := range []struct {
		name  string
		ptr   string
		items []string
	}{{"causes", "/causes", e.Causes}, {"resolution", "/resolution", e.Resolution}} {
		seen := map[string]int{}
		for i, it := range field.items {
			key := strings.ToLower(strings.Join(strings.Fields(it), " "))
			if key == "" {
				continue
			}
			ptr := fmt.Sprintf("%s/%d", field.ptr, i)
			if j, ok := seen[key]; ok {
				pass.ReportFix(f, ptr, &diag.Fix{Message: "remove the duplicate", Pointer: ptr, Remove: true},
					"%s: found %s again (item %d); want each item once", field.name, quote(it), j)
				continue
			}
			seen[key] = i
		}
	}
	spelling(pass, f)
}

func styleText(pass *Pass, f *loader.File, t text, names func() map[string]bool) {
	v := t.Value
	parts := entry.StepParts(v)
	if t.Field == "resolution" && len(parts)%2 == 0 {
		pass.Report(f, t.Ptr, "resolution: found %d backticks; want pairs around each code span", len(parts)-1)
	}
	if strings.Contains(v, "  ") {
		var fix *diag.Fix
		if len(parts) == 1 {
			fix = &diag.Fix{Message: "collapse the spaces", Pointer: t.Ptr, Value: spaceRun.ReplaceAllString(v, " ")}
		}
		pass.ReportWith(f, t.Ptr, diag.Warning, fix, "%s: found two or more spaces in a row in %s; want one", t.Field, quote(v))
	}
	if fragmentFields[t.Field] {
		switch last, _ := utf8.DecodeLastRuneInString(v); last {
		case '.':
			if !strings.HasSuffix(v, "..") {
				fixed := strings.TrimSuffix(v, ".")
				pass.ReportWith(f, t.Ptr, diag.Warning, &diag.Fix{Message: "remove the final period", Pointer: t.Ptr, Value: fixed}, "%s: found a final \".\"; want none, like the other items of the reference", t.Field)
			}
		case ',', ';', ':':
			pass.Report(f, t.Ptr, "%s: found a final %q; want the text to end with a word", t.Field, string(last))
		}
	}
	if !verbatimFields[t.Field] && hasArrow(v) {
		if fixed := replaceOutsideCode(parts, asciiArrow, " → "); fixed != v && asciiArrow.MatchString(textOnly(parts)) {
			pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "write the path with →", Pointer: t.Ptr, Value: fixed},
				"%s: found a UI path written with ASCII arrows; want \"→\"", t.Field)
		} else if fixed := replaceOutsideCode(parts, arrowSpaced, " → "); fixed != v {
			pass.ReportWith(f, t.Ptr, diag.Warning, &diag.Fix{Message: "space the arrow", Pointer: t.Ptr, Value: fixed}, "%s: found \"→\" without one space on each side; want \" → \"", t.Field)
		}
	}
	styleLinks(pass, f, t)
	if capitalFields[t.Field] {
		first := strings.FieldsFunc(v, unicode.IsSpace)[0]
		if r, _ := utf8.DecodeRuneInString(first); unicode.IsLower(r) && !isName(first, names()) {
			pass.ReportLevel(f, t.Ptr, diag.Warning, "%s: found %s starting with a lowercase letter; want a capital, unless it is a name", t.Field, quote(first))
		}
	}
	if t.Field == "title" && titleCase(v) {
		pass.ReportLevel(f, t.Ptr, diag.Warning, "title: found %s in Title Case; want sentence case", quote(v))
	}
}

// styleLinks checks the URLs and hostnames of a text.
func styleLinks(pass *Pass, f *loader.File, t text) {
	v := t.Value
	lower := strings.ToLower(v)
	if !strings.Contains(lower, "http") && !hasTLD(lower) {
		return // neither URL nor hostname: spare the regexps
	}
	if loc := badScheme.FindStringIndex(v); loc != nil {
		start := strings.LastIndexFunc(v[:loc[0]], unicode.IsSpace) + 1
		end := len(v)
		if i := strings.IndexFunc(v[loc[0]:], unicode.IsSpace); i >= 0 {
			end = loc[0] + i
		}
		pass.Report(f, t.Ptr, "%s: found malformed URL %s; want \"https://\" before the host", t.Field, quote(v[start:end]))
	}
	for _, raw := range urlPattern.FindAllString(v, -1) {
		raw = strings.TrimRight(raw, ".,;:!?")
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || !validHost(u.Hostname()) {
			pass.Report(f, t.Ptr, "%s: found malformed URL %s; want scheme://host/path with a valid host", t.Field, quote(raw))
			continue
		}
		if strings.EqualFold(u.Scheme, "http") {
			pass.ReportLevel(f, t.Ptr, diag.Warning, "%s: found %s; want https", t.Field, quote(raw))
		}
	}
	for _, m := range hostPattern.FindAllStringSubmatch(v, -1) {
		host := m[1]
		if !validHost(strings.TrimPrefix(host, "*.")) {
			pass.Report(f, t.Ptr, "%s: found malformed hostname %s; want labels of letters, digits and inner hyphens, joined by single dots", t.Field, quote(host))
			continue
		}
		if low := strings.ToLower(host); low != host {
			var fix *diag.Fix
			if strings.Count(v, host) == 1 {
				fix = &diag.Fix{Message: "lowercase the hostname", Pointer: t.Ptr, Value: strings.Replace(v, host, low, 1)}
			}
			pass.ReportWith(f, t.Ptr, diag.Warning, fix, "%s: found hostname %s; want %s", t.Field, quote(host), quote(low))
		}
	}
}

// tlds are the top-level domains hostPattern knows.
var tlds = []string{".com", ".net", ".org", ".io", ".app", ".dev"}

func hasTLD(lower string) bool {
	for _, t := range tlds {
		if strings.Contains(lower, t) {
			return true
		}
	}
	return false
}

var hostLabel = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`)

func validHost(h string) bool {
	labels := strings.Split(h, ".")
	if len(labels) < 2 && h != "localhost" {
		return false
	}
	for _, l := range labels {
		if !hostLabel.MatchString(l) {
			return false
		}
	}
	return true
}

// hasArrow reports whether s may hold an arrow the arrow checks look at.
func hasArrow(s string) bool {
	return strings.Contains(s, "->") || strings.Contains(s, "=>") || strings.Contains(s, " > ") || strings.Contains(s, "→")
}

// replaceOutsideCode replaces re in the text parts of a step (the even
// indexes of StepParts), leaving code spans as they are.
func replaceOutsideCode(parts []string, re *regexp.Regexp, repl string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		if i%2 == 0 {
			p = re.ReplaceAllString(p, repl)
		}
		out[i] = p
	}
	return strings.Join(out, "`")
}

func textOnly(parts []string) string {
	var b strings.Builder
	for i := 0; i < len(parts); i += 2 {
		b.WriteString(parts[i])
		b.WriteByte('\n')
	}
	return b.String()
}

// entryWords is every word of e that may stand first in lowercase: its
// subsystem and the words written in lowercase after the start of a field.
func entryWords(e *entry.Entry) map[string]bool {
	names := map[string]bool{e.Subsystem: true}
	for _, t := range texts(e) {
		ws := strings.FieldsFunc(t.Value, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("`()\"',;", r) })
		for i, w := range ws {
			if i > 0 {
				names[w] = true
			}
		}
	}
	return names
}

// isName reports whether a lowercase first word names something: it
// holds a non-letter or an inner capital, or appears elsewhere as is.
func isName(w string, names map[string]bool) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || unicode.IsUpper(r) {
			return true
		}
	}
	return names[w]
}

// titleCase reports whether every word of four letters or more after the
// first is capitalised, and there are at least two of them.
func titleCase(s string) bool {
	n := 0
	for i, w := range strings.Fields(s) {
		if i == 0 || utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
