package web

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// notBuilt is served when the binary was built without the admin app.
const notBuilt = `<!doctype html><meta charset="utf-8"><title>Switchboard</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>Switchboard is running</h1>
<p>The admin app was not built into this binary. Run <code>make run</code>, which builds it,
or use the GraphQL API at <a href="/graphql">/graphql</a>.</p></body>`

// appHandler serves the single-page admin app: files as they are, and
// index.html for every other path so that client-side routes work.
func appHandler(app fs.FS) http.Handler {
	files := http.FileServerFS(app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			st, err := fs.Stat(app, name)
			switch {
			case err == nil && !st.IsDir():
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			case path.Ext(name) != "":
				// A missing file (favicon.ico, an old asset) is a 404, not the app.
				http.NotFound(w, r)
				return
			}
		}
		index, err := fs.ReadFile(app, "index.html")
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(notBuilt))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(index)
	})
}
