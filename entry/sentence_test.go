package entry

import (
	"regexp"
	"testing"
)

func FuzzSentenceEnd(f *testing.F) {
	for _, s := range []string{"", "One. Two.", "Why?\tBecause", "a.b", "end.", "Wait!\nNo", "x.\u00a0y"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`[.!?]\s`)
	f.Fuzz(func(t *testing.T, s string) {
		want := -1
		if loc := re.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := sentenceEndIndex(s); got != want {
			t.Errorf("sentenceEndIndex(%q) = %d; want %d", s, got, want)
		}
	})
}
