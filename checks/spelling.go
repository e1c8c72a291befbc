package checks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// spellingPairs are American and British spellings of the same word stems.
var spellingPairs = [][2]string{
	{"color", "colour"}, {"behavior", "behaviour"}, {"favorite", "favourite"},
	{"center", "centre"}, {"license", "licence"}, {"catalog", "catalogue"},
	{"authoriz", "authoris"}, {"organiz", "organis"}, {"recogniz", "recognis"},
	{"customiz", "customis"}, {"initializ", "initialis"}, {"optimiz", "optimis"},
	{"prioritiz", "prioritis"}, {"synchroniz", "synchronis"}, {"minimiz", "minimis"},
	{"analyz", "analys"}, {"canceled", "cancelled"}, {"canceling", "cancelling"},
	{"program ", "programme"}, {"gray", "grey"}, {"dialog ", "dialogue"},
}

var usWords, ukWords = spellingRes()

func spellingRes() (us, uk *regexp.Regexp) {
	var a, b []string
	for _, p := range spellingPairs {
		a = append(a, regexp.QuoteMeta(p[0]))
		b = append(b, regexp.QuoteMeta(p[1]))
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(a, "|") + `)`),
		regexp.MustCompile(`(?i)\b(?:` + strings.Join(b, "|") + `)`)
}

// spelling reports a field whose items mix American and British spelling.
func spelling(pass *Pass, f *loader.File) {
	e := f.Entry
	fields := []struct {
		name, ptr string
		items     []string
	}{{"causes", "/causes", e.Causes}, {"resolution", "/resolution", e.Resolution}}
	if e.Note != nil {
		fields = append(fields, struct {
			name, ptr string
			items     []string
		}{"note text", "/note/text", []string{e.Note.Text}})
	}
	for _, fl := range fields {
		us, uk := -1, -1
		for i, it := range fl.items {
			if us < 0 && usWords.MatchString(it) {
				us = i
			}
			if uk < 0 && ukWords.MatchString(it) {
				uk = i
			}
		}
		if us < 0 || uk < 0 {
			continue
		}
		ptr := fl.ptr
		if len(fl.items) > 1 || fl.ptr != "/note/text" {
			ptr = fmt.Sprintf("%s/%d", fl.ptr, uk)
		}
		pass.ReportLevel(f, ptr, diag.Warning, "%s: found British %s beside American %s; want one spelling per field (American, as in the rest of the reference)",
			fl.name, quote(ukWords.FindString(fl.items[uk])), quote(usWords.FindString(fl.items[us])))
	}
}
