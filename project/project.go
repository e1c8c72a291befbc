// Package project holds the project's own addresses: its site, its
// repository and where its schemas are published. They are set here and
// nowhere else; the schemas' $id values are checked against them.
package project

const (
	// SiteURL is where the site is served from, a folder: the default of
	// build --base-url.
	SiteURL = "https://errref.github.io/errref/"
	// RepoURL is the source repository: the default of build --repo-url.
	RepoURL = "https://github.com/errref/errref"
)

// SchemaPath is where version v of the schema file name is published,
// relative to SiteURL.
func SchemaPath(v, name string) string { return "schema/" + v + "/" + name }

// SchemaURL is the $id of version v of the schema file name.
func SchemaURL(v, name string) string { return SiteURL + SchemaPath(v, name) }
