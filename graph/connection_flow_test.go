package graph_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const createConnection = `mutation($in: CreateConnectionInput!) { createConnection(input: $in) {
	id name status sandbox lastError lastCheckedAt connector { slug } values { name value isSet } createdBy { email } } }`

func smtpValues(s *sandbox.Server, password string) []map[string]any {
	return []map[string]any{
		{"name": "host", "value": s.Host()}, {"name": "port", "value": strconv.Itoa(s.Port())}, {"name": "tls", "value": "none"},
		{"name": "username", "value": "shop"}, {"name": "password", "value": password}, {"name": "from", "value": "shop@example.com"},
	}
}

func TestSMTPConnectionIsCheckedSealedTestedAndDisconnected(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		mailServer, err := sandbox.Start("shop", "smtp-password-canary")
		require.NoError(t, err)
		defer mailServer.Close()
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Mailer")
		ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Mail store"}).String("createWorkspace.id")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		sock := testenv.MustDial(t, h.URL, testenv.DialOptions{Cookies: owner.Cookies()})
		require.NoError(t, sock.Subscribe(ctx, `subscription($w: ID!) { connectionStatusChanged(workspaceId: $w) { name status } }`, map[string]any{"w": ws}))
		time.Sleep(100 * time.Millisecond)

		// A wrong password is refused by the real server, names the field, and saves nothing.
		bad := owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "values": smtpValues(mailServer, "wrong-canary")}})
		require.Equal(t, "VALIDATION_FAILED", bad.Code())
		require.Equal(t, "the server refused the user name or password", bad.Fields()["values.password"])
		require.NotContains(t, bad.Raw, "canary")

		r := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "name": "Store mail", "values": smtpValues(mailServer, "smtp-password-canary")}})
		id := r.String("createConnection.id")
		require.Equal(t, "ACTIVE", r.String("createConnection.status"))
		require.Equal(t, owner.Email, r.String("createConnection.createdBy.email"))
		require.NotContains(t, r.Raw, "canary", "the password never comes back")
		values := map[string]map[string]any{}
		for _, v := range r.Get("createConnection.values").([]any) {
			values[v.(map[string]any)["name"].(string)] = v.(map[string]any)
		}
		require.Equal(t, true, values["password"]["isSet"])
		require.Nil(t, values["password"]["value"])
		require.Equal(t, "shop@example.com", values["from"]["value"])
		require.Equal(t, false, values["fromName"]["isSet"])

		msgs := mailServer.Messages()
		require.Len(t, msgs, 1, "the test message was sent on save")
		require.Equal(t, []string{owner.Email}, msgs[0].To)

		var raw string
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections WHERE config LIKE '%shop@example.com%'").Scan(ctx, &raw))
		require.True(t, strings.HasPrefix(raw, "v1."), "sealed envelope")
		require.NotContains(t, raw, "canary", "no plaintext at rest")

		got, err := sock.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, "ACTIVE", got.String("connectionStatusChanged.status"))

		// The server goes away: a test records the error without losing the connection.
		require.NoError(t, mailServer.Close())
		r = owner.MustDo(t, `mutation($id: ID!) { testConnection(id: $id) { status lastError lastCheckedAt } }`, map[string]any{"id": id})
		require.Equal(t, "ERROR", r.String("testConnection.status"))
		require.Contains(t, r.String("testConnection.lastError"), "nothing answered")
		got, err = sock.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, "ERROR", got.String("connectionStatusChanged.status"))

		r = owner.MustDo(t, `mutation($id: ID!) { disconnect(id: $id) { status values { name isSet } } }`, map[string]any{"id": id})
		require.Equal(t, "DISABLED", r.String("disconnect.status"))
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT credentials FROM connections WHERE id = ?", rawID(id)).Scan(ctx, &raw))
		require.Empty(t, raw, "credentials are erased on disconnect")
		require.Equal(t, "CONFLICT", owner.Do(t, `mutation($id: ID!) { testConnection(id: $id) { status } }`, map[string]any{"id": id}).Code())

		log := owner.MustDo(t, `query($a: ID!, $w: ID!) { auditLog(agencyId: $a, workspaceId: $w) { edges { node { action } } } }`, map[string]any{"a": owner.AgencyID, "w": ws})
		var actions []string
		for _, e := range log.Get("auditLog.edges").([]any) {
			actions = append(actions, e.(map[string]any)["node"].(map[string]any)["action"].(string))
		}
		require.Equal(t, []string{"connection.disconnected", "connection.created", "workspace.created"}, actions)
	})
}

func TestConnectionInputIsValidatedAgainstTheSpec(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	owner := h.SignUp(t, "Validator")
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "V"}).String("createWorkspace.id")
	do := func(connector string, values []map[string]any) *testenv.Response {
		if values == nil {
			values = []map[string]any{}
		}
		return owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": connector, "values": values}})
	}
	r := do("nope", nil)
	require.Equal(t, "VALIDATION_FAILED", r.Code())
	require.Contains(t, r.Fields(), "connector")
	r = do("shopify", []map[string]any{{"name": "shop", "value": "acme.myshopify.com"}})
	require.Contains(t, r.Fields()["connector"], "OAuth")
	r = do("webhook", []map[string]any{{"name": "url", "value": "ftp://x"}, {"name": "colour", "value": "red"}})
	require.Equal(t, map[string]any{"values.url": "must be an http(s) URL like https://example.com/hook", "values.colour": "is not a field of this connector",
		"values.signingSecret": "is required"}, r.Fields())
	r = do("twilio", []map[string]any{{"name": "accountSid", "value": "AC123"}})
	require.Equal(t, "must be an Account SID: AC followed by 32 hexadecimal characters", r.Fields()["values.accountSid"])
	require.Equal(t, "is required", r.Fields()["values.authToken"])

	short := do("webhook", []map[string]any{{"name": "url", "value": "https://example.com/a"}, {"name": "signingSecret", "value": "short"}})
	require.Equal(t, "must be at least 24 characters (a long random string)", short.Fields()["values.signingSecret"])
	hook := func(u string) []map[string]any {
		return []map[string]any{{"name": "url", "value": u}, {"name": "signingSecret", "value": "a-signing-secret-of-24-chars"}}
	}
	ok := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "values": hook("https://example.com/a")}})
	require.Equal(t, "Outbound webhook", ok.String("createConnection.name"))
	for _, v := range ok.Get("createConnection.values").([]any) {
		if v.(map[string]any)["name"] == "signingSecret" {
			require.Equal(t, true, v.(map[string]any)["isSet"])
			require.Nil(t, v.(map[string]any)["value"], "the secret is never shown again")
		}
	}
	// A second one left unnamed gets a free name; a name that is taken is refused.
	second := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "values": hook("https://example.com/b")}})
	require.Equal(t, "Outbound webhook 2", second.String("createConnection.name"))
	dup := owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "webhook", "name": "Outbound webhook",
		"values": hook("https://example.com/c")}})
	require.Equal(t, "CONFLICT", dup.Code())
	require.Contains(t, dup.Fields(), "name")

	list := owner.MustDo(t, `query($w: ID!) { connections(workspaceId: $w) { name connector { name } } }`, map[string]any{"w": ws})
	require.Len(t, list.Get("connections"), 2, "the refused one was not saved")
}

func TestSealedCredentialsMovedToAnotherRowDoNotOpen(t *testing.T) {
	mailServer, err := sandbox.Start("shop", "pw-1234567")
	require.NoError(t, err)
	defer mailServer.Close()
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	owner := h.SignUp(t, "Mover")
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "M"}).String("createWorkspace.id")
	a := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "name": "a", "values": smtpValues(mailServer, "pw-1234567")}}).String("createConnection.id")
	b := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "name": "b", "values": smtpValues(mailServer, "pw-1234567")}}).String("createConnection.id")
	_, err = h.App.DB.Bun.NewRaw("UPDATE connections SET credentials = (SELECT credentials FROM connections WHERE id = ?) WHERE id = ?", rawID(a), rawID(b)).Exec(t.Context())
	require.NoError(t, err)
	require.Equal(t, "ACTIVE", owner.MustDo(t, `mutation($id: ID!) { testConnection(id: $id) { status } }`, map[string]any{"id": a}).String("testConnection.status"))
	r := owner.Do(t, `mutation($id: ID!) { testConnection(id: $id) { status } }`, map[string]any{"id": b})
	require.Equal(t, "INTERNAL", r.Code(), "a ciphertext bound to another row does not open")
}

func TestSandboxMailboxReceivesTheTestMessage(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	owner := h.SignUp(t, "Sandboxed")
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "S"}).String("createWorkspace.id")
	mailbox := owner.MustDo(t, `{ connector(slug: "smtp") { sandboxUrl } }`, nil).String("connector.sandboxUrl")
	require.Equal(t, h.URL+"/sandbox/smtp/", mailbox)
	page := getBody(t, mailbox)
	require.Contains(t, page, "No messages yet")
	var port string
	if i := strings.Index(page, "port <code>"); i >= 0 {
		port = page[i+len("port <code>"):]
		port = port[:strings.Index(port, "<")]
	}
	require.NotEmpty(t, port)
	r := owner.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "values": []map[string]any{
		{"name": "host", "value": "127.0.0.1"}, {"name": "port", "value": port}, {"name": "tls", "value": "none"}, {"name": "from", "value": "shop@example.com"},
	}}})
	require.Equal(t, false, r.Get("createConnection.sandbox"), "the user names the mail server: sandbox mode does not redirect it")
	require.Contains(t, getBody(t, mailbox+"messages.json"), "Switchboard test message")
	require.Contains(t, getBody(t, mailbox), owner.Email)
}

// TestEgressToPrivateAddressesIsRefused: outside sandbox mode, a member
// cannot make the hub connect to its own network (SSRF): the check names
// the host field and nothing is saved.
func TestEgressToPrivateAddressesIsRefused(t *testing.T) {
	mailServer, err := sandbox.Start("", "")
	require.NoError(t, err)
	defer mailServer.Close()
	h := testenv.StartHubWith(t, testenv.NewTarget(t, "sqlite"), testenv.HubOptions{Env: map[string]string{"HUB_SANDBOX": "off"}})
	owner := h.SignUp(t, "Egress")
	ws := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "E"}).String("createWorkspace.id")
	values := []map[string]any{{"name": "host", "value": "localhost"}, {"name": "port", "value": strconv.Itoa(mailServer.Port())},
		{"name": "tls", "value": "none"}, {"name": "from", "value": "shop@example.com"}}
	r := owner.Do(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws, "connector": "smtp", "values": values}})
	require.Equal(t, "VALIDATION_FAILED", r.Code())
	require.Contains(t, r.Fields()["values.host"], "private or local addresses")
	require.Empty(t, mailServer.Messages(), "nothing reached the server")
	require.Equal(t, 0, countRows(t, h, "connections"))

	allowed := testenv.StartHubWith(t, testenv.NewTarget(t, "sqlite"), testenv.HubOptions{Env: map[string]string{"HUB_SANDBOX": "off", "HUB_ALLOW_PRIVATE_EGRESS": "on"}})
	owner2 := allowed.SignUp(t, "Egress allowed")
	ws2 := owner2.MustDo(t, createWorkspace, map[string]any{"a": owner2.AgencyID, "n": "E"}).String("createWorkspace.id")
	owner2.MustDo(t, createConnection, map[string]any{"in": map[string]any{"workspaceId": ws2, "connector": "smtp", "values": values}})
	require.Len(t, mailServer.Messages(), 1, "the operator can allow private addresses")
}
