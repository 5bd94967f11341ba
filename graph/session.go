package graph

import (
	"context"

	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/auth"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/hub"
)

// signedIn finishes signUp, signIn and acceptInvitation: it sets the session
// cookies (when a session was started) and returns the new viewer.
func (r *Resolver) signedIn(ctx context.Context, p *auth.Principal, grant auth.SessionGrant, err error) (*model.AuthPayload, error) {
	if err != nil {
		return nil, err
	}
	if grant.Token != "" {
		jar := auth.CookieJarFrom(ctx)
		if jar == nil {
			return nil, failure.New(failure.Forbidden, "sign in over HTTP POST /graphql, not over a WebSocket")
		}
		jar.SetSession(grant)
	}
	if !auth.SignedIn(ctx, p) {
		ctx = auth.WithPrincipal(ctx, p)
	}
	v, err := r.Hub.Viewer(ctx)
	if err != nil {
		return nil, err
	}
	return &model.AuthPayload{Viewer: v}, nil
}

// consent starts an OAuth consent and binds it to this browser with a cookie.
func (r *Resolver) consent(ctx context.Context, start func(context.Context) (*hub.OAuthStart, error)) (*model.StartConnectionPayload, error) {
	jar := auth.CookieJarFrom(ctx)
	if jar == nil {
		return nil, failure.New(failure.Forbidden, "start OAuth connections over HTTP POST /graphql from a browser")
	}
	s, err := start(ctx)
	if err != nil {
		return nil, err
	}
	jar.BindOAuth(s.BrowserNonce, hub.OAuthStateLife)
	return &model.StartConnectionPayload{AuthorizeURL: s.AuthorizeURL}, nil
}
