package exporters

import "github.com/errref/errref"

// License ships the data's licence and the attribution to the upstream:
// the MIT License asks that its notice go with every copy of the data.
var License = &Exporter{
	Name: "license",
	Doc: `The data's licence and attribution

LICENSE-DATA: the MIT License the data is under, with the upstream's
copyright notice (0iy, 2025) and the contributors'. NOTICE: where the data
comes from. Both are the repository's files, byte for byte.`,
	Files: []string{"LICENSE-DATA", "NOTICE"},
	Export: func(b *Bundle) ([]File, error) {
		return []File{{Name: "LICENSE-DATA", Data: errref.DataLicense}, {Name: "NOTICE", Data: errref.Notice}}, nil
	},
}
