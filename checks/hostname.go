package checks

import (
	"regexp"
	"slices"
	"strings"

	"github.com/errref/errref/diag"
)

var hostPattern = regexp.MustCompile(`(?i)(?:^|[^\w.@/-])((?:\*\.)?(?:[a-z0-9-]*\.+)+(?:com|net|org|io|app|dev))\b`)

// Hostname reports malformed and capitalised hostnames.
var Hostname = &Rule{
	Name: "hostname",
	Doc: `Hostnames are well-formed and lowercase

Readers type these names into hosts files, firewalls and proxies, where a
typo silently matches nothing.

- A hostname with an empty label ("spotify..com") or a label that starts
  or ends with "-".
- A hostname with capitals: hostnames are written lowercase (fix, when it
  appears once in the text).`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				v := t.Value
				if !hasTLD(v) {
					continue // spare the regexp
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
						pass.ReportFix(f, t.Ptr, fix, "%s: found hostname %s; want %s", t.Field, quote(host), quote(low))
					}
				}
			}
		}
	},
}

// tlds are the top-level domains hostPattern knows.
var tlds = []string{".com", ".net", ".org", ".io", ".app", ".dev"}

// hasTLD reports whether s holds one of tlds, in any case. It looks
// after each dot, in one pass: searching s once per domain was half of
// the rule's time.
func hasTLD(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0; i = strings.IndexByte(s, '.') {
		s = s[i:]
		if slices.ContainsFunc(tlds, func(t string) bool { return len(s) >= len(t) && strings.EqualFold(s[:len(t)], t) }) {
			return true
		}
		s = s[1:]
	}
	return false
}

// validHost reports whether h is two labels or more joined by single
// dots, or localhost.
func validHost(h string) bool {
	if !strings.Contains(h, ".") && h != "localhost" {
		return false
	}
	for l := range strings.SplitSeq(h, ".") {
		if !hostLabel(l) {
			return false
		}
	}
	return true
}

// hostLabel reports whether l matches the regexp
// ^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$: letters, digits and inner
// hyphens. It runs on every hostname of every text (FuzzHostLabel).
func hostLabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := range len(l) {
		if c := l[i]; !isASCIILetter(c) && !('0' <= c && c <= '9') && c != '-' {
			return false
		}
	}
	return true
}
