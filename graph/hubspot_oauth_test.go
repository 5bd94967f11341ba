package graph_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const startHubSpot = `mutation($w: ID!) { startConnection(input: {workspaceId: $w, connector: "hubspot", values: []}) { authorizeUrl } }`

var (
	hubspotFormRE   = regexp.MustCompile(`(?s)<form method="post" action="([^"]+)">(.*?)</form>`)
	hubspotHiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// hubspotConsent plays the user on the HubSpot sandbox's consent page: it
// submits the form of the button named label, with the page's hidden
// fields, and returns where HubSpot sends the browser.
func hubspotConsent(t *testing.T, browser *http.Client, authorizeURL, label string) string {
	t.Helper()
	resp, err := browser.Get(authorizeURL)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, string(page))
	for _, f := range hubspotFormRE.FindAllStringSubmatch(string(page), -1) {
		if !strings.Contains(f[2], ">"+label+"</button>") {
			continue
		}
		form := url.Values{}
		for _, h := range hubspotHiddenRE.FindAllStringSubmatch(f[2], -1) {
			form.Add(html.UnescapeString(h[1]), html.UnescapeString(h[2]))
		}
		action := mustURL(authorizeURL).ResolveReference(&url.URL{Path: html.UnescapeString(f[1])})
		resp, err := browser.PostForm(action.String(), form)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusFound, resp.StatusCode)
		return resp.Header.Get("Location")
	}
	t.Fatalf("no %q button on the HubSpot consent page", label)
	return ""
}

// TestHubSpotOAuthDanceThroughTheHub: startConnection → the sandbox's
// consent page → callback → an ACTIVE sandbox connection, on both
// databases.
func TestHubSpotOAuthDanceThroughTheHub(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "HubSpot Agency")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "CRM"}).String("createWorkspace.id")

		authorize := owner.MustDo(t, startHubSpot, map[string]any{"w": ws}).String("startConnection.authorizeUrl")
		require.True(t, strings.HasPrefix(authorize, h.URL+"/sandbox/hubspot/oauth/authorize?"), authorize)
		q := mustURL(authorize).Query()
		require.Equal(t, h.URL+"/oauth/hubspot/callback", q.Get("redirect_uri"), "one exact redirect URI")
		require.Equal(t, "oauth crm.objects.contacts.read crm.objects.contacts.write tickets crm.lists.read crm.lists.write", q.Get("scope"),
			"space-separated scopes")
		require.NotEmpty(t, q.Get("state"))

		callback := hubspotConsent(t, owner.Browser(), authorize, "Connect app")
		require.True(t, strings.HasPrefix(callback, h.URL+"/oauth/hubspot/callback?"), callback)
		require.Equal(t, q.Get("state"), mustURL(callback).Query().Get("state"))
		status, location, body := visit(t, owner.Browser(), callback)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.Contains(t, location, "/workspaces/"+ws+"/connections?connected=")

		list := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { id name status sandbox connector { slug } } }`, map[string]any{"w": ws})
		conns := list.Get("connections").([]any)
		require.Len(t, conns, 1)
		c := conns[0].(map[string]any)
		require.Equal(t, "ACTIVE", c["status"])
		require.Equal(t, true, c["sandbox"])
		require.Equal(t, "hubspot", c["connector"].(map[string]any)["slug"])
		require.Equal(t, "HubSpot", c["name"])
		require.Contains(t, location, c["id"].(string))

		var creds string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections").Scan(t.Context(), &creds))
		require.True(t, strings.HasPrefix(creds, "v1."), "tokens are sealed")
		require.NotContains(t, creds, "na1-", "the refresh token is not stored in the clear")

		// Disconnecting revokes the refresh token at HubSpot before erasing it
		// (that the sandbox then refuses it is tested in connectors/hubspot).
		opened, err := h.App.Keys.Open(creds, "connections.credentials."+rawID(c["id"].(string)))
		require.NoError(t, err)
		var tokens struct {
			Refresh string `json:"refresh_token"`
		}
		require.NoError(t, json.Unmarshal([]byte(opened.Reveal()), &tokens))
		owner.MustDo(t, `mutation($id: ID!) { disconnect(id: $id) { status } }`, map[string]any{"id": c["id"]})
		entry := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a, action: "connection.disconnected") { edges { node { summary } } } }`, map[string]any{"a": owner.AgencyID})
		require.Contains(t, entry.Raw, "HubSpot revoked its authorization")
		require.NotEmpty(t, tokens.Refresh)

		// Declining on the consent page brings the user back with the
		// reason and creates nothing more.
		authorize = owner.MustDo(t, startHubSpot, map[string]any{"w": ws}).String("startConnection.authorizeUrl")
		status, location, _ = visit(t, owner.Browser(), hubspotConsent(t, owner.Browser(), authorize, "Cancel"))
		require.Equal(t, http.StatusSeeOther, status)
		require.Contains(t, location, "error=")
		require.Contains(t, location, "access_denied")
		require.Equal(t, 1, countRows(t, h, "connections"))
	})
}
