// Package frontend embeds the built admin web app (frontend/dist), so that
// the hub is one binary. `make run` builds it; until then dist holds only a
// placeholder and the hub serves a page that says how to build it.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app's files.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}
