package exporters

import "github.com/errref/errref"

// License ships the data's licence and the attribution to the upstream:
// the MIT License asks that its notice go with every copy of the data, and
// the site, published on its own, is one (it serves errors.json and
// llms-full.txt).
var License = &Exporter{
	Name: "license",
	Doc: `The data's licence and attribution

LICENSE-DATA: the MIT License the data is under, with the upstream's
copyright notice (0iy, 2025) and the contributors'. NOTICE: where the data
comes from. Both are the repository's files, byte for byte, at the
bundle's root and in site/, which is published on its own.`,
	Files: []string{"LICENSE-DATA", "NOTICE", "site/LICENSE-DATA", "site/NOTICE"},
	Export: func(b *Bundle) ([]File, error) {
		var files []File
		for _, dir := range []string{"", "site/"} {
			files = append(files, File{Name: dir + "LICENSE-DATA", Data: errref.DataLicense}, File{Name: dir + "NOTICE", Data: errref.Notice})
		}
		return files, nil
	},
}
