package checks

// All is the registry: every rule, in the order they run.
var All = []*Rule{
	Naming,
	Identity,
	Severity,
	CauseChain,
	MisleadingMessage,
	SharedMessage,
	MessageVariants,
	LocaleGap,
	Style,
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
