// Package themes embeds the default theme, so the handbook binary works
// outside this repository. A site overrides any file of it by the same path
// under its own themes/NAME/.
package themes

import "embed"

// Default holds themes/default: layouts/, static/ and i18n/.
//
//go:embed all:default
var Default embed.FS
