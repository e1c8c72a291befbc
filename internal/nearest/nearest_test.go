package nearest

import "testing"

func TestWord(t *testing.T) {
	fields := []string{"id", "code", "codes", "title", "severity", "resolution", "causes", "note", "position"}
	levels := []string{"info", "warn", "error", "fatal"}
	tests := []struct {
		s     string
		cands []string
		want  string
	}{
		{"resolutoin", fields, "resolution"},
		{"Severity", fields, "severity"},
		{"colour", fields, ""},
		{"warning", levels, "warn"},
		{"critical", levels, ""},
		{"eror", levels, "error"},
		{"", levels, ""},
		{"x", nil, ""},
	}
	for _, tt := range tests {
		if got := Word(tt.s, tt.cands); got != tt.want {
			t.Errorf("Word(%q) = %q; want %q", tt.s, got, tt.want)
		}
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("resolutoin", "resolution")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := distance(a, b)
		if d != distance(b, a) || d < 0 || d > max(len([]rune(a)), len([]rune(b))) {
			t.Fatalf("distance(%q, %q) = %d", a, b, d)
		}
		if (d == 0) != (string([]rune(a)) == string([]rune(b))) {
			t.Fatalf("distance(%q, %q) = %d", a, b, d)
		}
	})
}
