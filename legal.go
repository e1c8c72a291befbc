// Package errref holds what must travel with every copy of the data: its
// licence and the attribution to the upstream reference it derives from.
// The exporters ship both in the bundle.
package errref

import _ "embed"

// DataLicense is LICENSE-DATA: the MIT License of the upstream's data,
// with its copyright notice and the contributors'.
//
//go:embed LICENSE-DATA
var DataLicense []byte

// Notice is NOTICE: where the data comes from.
//
//go:embed NOTICE
var Notice []byte
