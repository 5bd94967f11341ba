package web

import (
	"html/template"
	"net/http"

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/hub"
)

var oauthProblem = template.Must(template.New("p").Parse(`<!doctype html><meta charset="utf-8">
<title>Connection not completed · Switchboard</title>
<body style="font-family:sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">
<h1>The connection was not completed</h1><p>{{.}}</p><p><a href="/">Back to Switchboard</a></p></body>`))

var installProblem = template.Must(template.New("p").Parse(`<!doctype html><meta charset="utf-8">
<title>Install not completed · Switchboard</title>
<body style="font-family:sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">
<h1>Switchboard could not be installed</h1><p>{{.}}</p><p><a href="/">Go to Switchboard</a></p></body>`))

// oauthCallback finishes an OAuth connection: the provider redirects the
// browser here with the code and state. Success and provider-side failures
// go back to the workspace's connections page; an unusable answer (unknown,
// replayed or foreign state, bad signature) gets a page of its own and
// writes nothing.
func oauthCallback(h *hub.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := ""
		if c, err := r.Cookie(OAuthCookie); err == nil {
			nonce = c.Value
		}
		http.SetCookie(w, &http.Cookie{Name: OAuthCookie, Value: "", Path: "/oauth/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		w.Header().Set("Cache-Control", "no-store")
		to, err := h.FinishConnection(r.Context(), r.PathValue("slug"), r.URL.Query(), nonce)
		if err != nil {
			status, msg := http.StatusInternalServerError, "Something went wrong on our side; try again."
			if f, ok := failure.As(err); ok {
				status, msg = statusOf(f.Code), f.Message
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_ = oauthProblem.Execute(w, msg)
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	})
}

func statusOf(c failure.Code) int {
	switch c {
	case failure.Unauthenticated:
		return http.StatusUnauthorized
	case failure.Forbidden:
		return http.StatusForbidden
	case failure.NotFound:
		return http.StatusNotFound
	case failure.Conflict:
		return http.StatusConflict
	}
	return http.StatusBadRequest
}
