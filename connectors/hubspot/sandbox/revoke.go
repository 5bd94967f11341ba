package sandbox

import "net/http"

// serveRevokeRefresh emulates DELETE /oauth/v1/refresh-tokens/{token}: the
// refresh token (and every access token it minted stays until expiry, as
// at HubSpot) can no longer be used. HubSpot answers 204 for a known token
// and 404 for an unknown one.
func (s *Sandbox) serveRevokeRefresh(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rt, ok := s.refresh[r.PathValue("token")]
	if ok {
		rt.revoked = true
	}
	s.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"status":"error","message":"refresh token not found"}`))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
