package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// client is a signed-in browser session against the hub.
type client struct {
	hub  string
	http *http.Client
}

func newClient(hub string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{hub: hub, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do runs a GraphQL operation and decodes data into out.
func (c *client) do(query string, vars map[string]any, out any) error {
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

// connectShopify walks the sandbox's OAuth consent for shop.
func (c *client) connectShopify(workspace, shop string) error {
	var start struct {
		StartConnection struct{ AuthorizeURL string } `json:"startConnection"`
	}
	if err := c.do(`mutation($w: ID!, $s: String!) { startConnection(input: {workspaceId: $w, connector: "shopify", values: [{name: "shop", value: $s}]}) { authorizeUrl } }`,
		map[string]any{"w": workspace, "s": shop}, &start); err != nil {
		return err
	}
	au, err := url.Parse(start.StartConnection.AuthorizeURL)
	if err != nil {
		return err
	}
	q := au.Query()
	form := url.Values{"client_id": {q.Get("client_id")}, "scope": {q.Get("scope")}, "redirect_uri": {q.Get("redirect_uri")}, "state": {q.Get("state")}}
	approve := strings.TrimSuffix(au.Scheme+"://"+au.Host+au.Path, "/") + "/approve"
	resp, err := c.http.PostForm(approve, form)
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = c.http.Get(resp.Header.Get("Location"))
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "connected=") {
		return fmt.Errorf("the Shopify consent did not connect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return nil
}
