package checks

// Accepted is a warning that the repository's entries carry on purpose.
type Accepted struct {
	Rule    string // the rule's name
	ID      string // the entry's id
	Pointer string // where the warning is
	Why     string // why it stays
}

// Intentional lists every warning left on entries/, with the reason it
// stays. A test fails when a warning appears that is not listed here, or
// one listed here no longer fires; docs/rules.md prints the list.
var Intentional = []Accepted{
	{
		Rule: "message-variants", ID: "auth-2", Pointer: "/message/variants/0",
		Why: "The upstream lists both texts auth:2 shows without saying when each " +
			"one does; a situation needs a source, not a guess.",
	},
	{
		Rule: "message-variants", ID: "auth-2", Pointer: "/message/variants/1",
		Why: "As above: the second text of auth:2, situation unknown.",
	},
	{
		Rule: "severity", ID: "accounts-413", Pointer: "/chain/2/state",
		Why: "Signing up with an email that already has an account is expected and " +
			"harmless (the user logs in instead), so the upstream rates it info; the " +
			"signup itself still stops at the conflict, which the chain shows as critical.",
	},
}
