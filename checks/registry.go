package checks

// All is the registry: every rule, the loader's first, in the order they
// run. errref rules, docs/rules.md and SARIF's rule list come from it.
var All = []*Rule{
	Syntax,
	Schema,
	Layout,
	Naming,
	Identity,
	FatalCategory,
	FatalRetry,
	InfoCritical,
	ConsistentSeverity,
	CauseChain,
	MisleadingMessage,
	SharedMessage,
	MessageVariants,
	LocaleGap,
	MissingLocale,
	Placeholder,
	Whitespace,
	DuplicateItem,
	Punctuation,
	UIArrow,
	CodeSpan,
	URL,
	Hostname,
	Capitalisation,
	Spelling,
	Acknowledgement,
	ForbiddenCharacters,
}

// ByName returns the rule named name, or nil.
func ByName(name string) *Rule {
	for _, r := range All {
		if r.Name == name {
			return r
		}
	}
	return nil
}
