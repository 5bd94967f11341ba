package harness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// Client is a browser session against the hub.
type Client struct {
	hub  string
	http *http.Client
}

// NewClient starts a session with the hub at hub.
func NewClient(hub string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{hub: hub, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Do runs a GraphQL operation and decodes data into out.
func (c *Client) Do(query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, c.hub+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	u, _ := url.Parse(c.hub)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "sb_csrf" {
			req.Header.Set("X-CSRF-Token", ck.Value)
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return err
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("graphql: %s", r.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

// ConnectShopify walks the sandbox's OAuth consent for shop.
func (c *Client) ConnectShopify(workspace, shop string) error {
	return c.connect(workspace, "shopify", "", []map[string]any{{"name": "shop", "value": shop}}, testenv.ApproveShopify)
}

// ConnectShopifyAs connects shop as a connection named name (a workspace
// with two stores names them apart).
func (c *Client) ConnectShopifyAs(workspace, shop, name string) error {
	return c.connect(workspace, "shopify", name, []map[string]any{{"name": "shop", "value": shop}}, testenv.ApproveShopify)
}

// ConnectHubSpot walks the HubSpot sandbox's consent page.
func (c *Client) ConnectHubSpot(workspace string) error {
	return c.connect(workspace, "hubspot", "", []map[string]any{}, testenv.ApproveHubSpot)
}

func (c *Client) connect(workspace, connector, name string, values []map[string]any, approve func(*http.Client, string) (string, error)) error {
	var start struct {
		StartConnection struct{ AuthorizeURL string } `json:"startConnection"`
	}
	vars := map[string]any{"w": workspace, "c": connector, "v": values, "n": nil}
	if name != "" {
		vars["n"] = name
	}
	if err := c.Do(`mutation($w: ID!, $c: String!, $v: [ConnectionValueInput!]!, $n: String) { startConnection(input: {workspaceId: $w, connector: $c, name: $n, values: $v}) { authorizeUrl } }`,
		vars, &start); err != nil {
		return err
	}
	callback, err := approve(c.http, start.StartConnection.AuthorizeURL)
	if err != nil {
		return fmt.Errorf("%s consent: %w", connector, err)
	}
	resp, err := c.http.Get(callback)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "connected=") {
		return fmt.Errorf("the %s consent did not connect: %d %s", connector, resp.StatusCode, resp.Header.Get("Location"))
	}
	return nil
}

// SignUp creates an account and agency with one workspace and returns
// the workspace's id.
func (c *Client) SignUp() (string, error) {
	var su struct {
		SignUp struct {
			Viewer struct {
				Memberships []struct{ Agency struct{ ID string } }
			}
		} `json:"signUp"`
	}
	if err := c.Do(`mutation { signUp(input: {agencyName: "Bench", name: "Bench", email: "bench@example.com", password: "bench password 1"}) { viewer { memberships { agency { id } } } } }`, nil, &su); err != nil {
		return "", err
	}
	var ws struct{ CreateWorkspace struct{ ID string } }
	if err := c.Do(`mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "Bench store"}) { id } }`,
		map[string]any{"a": su.SignUp.Viewer.Memberships[0].Agency.ID}, &ws); err != nil {
		return "", err
	}
	return ws.CreateWorkspace.ID, nil
}
