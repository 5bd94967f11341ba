package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	createToken = `mutation($a: ID!, $n: String!, $x: TokenAccess!, $w: ID) {
		createApiToken(input: {agencyId: $a, name: $n, access: $x, workspaceId: $w}) { secret token { id name prefix access workspace { id } createdBy { id } lastUsedAt revokedAt } }
	}`
	listTokens  = `query($a: ID!, $r: Boolean) { apiTokens(agencyId: $a, includeRevoked: $r) { totalCount edges { node { id name prefix access createdAt lastUsedAt revokedAt createdBy { id } workspace { id } } } } }`
	revokeToken = `mutation($id: ID!) { revokeApiToken(id: $id) { id name prefix revokedAt } }`
	whoAmI      = `{ viewer { authMethod user { id } } }`
)

// newToken creates a token as c and returns its secret and id.
func newToken(t *testing.T, c *testenv.Account, agencyID, name, access string, workspaceID any) (secret, id string) {
	t.Helper()
	r := c.MustDo(t, createToken, map[string]any{"a": agencyID, "n": name, "x": access, "w": workspaceID})
	return r.String("createApiToken.secret"), r.String("createApiToken.token.id")
}

func names(ns []map[string]any) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n["name"].(string))
	}
	return out
}

func TestAPITokenSecretIsShownOnce(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Secretive")
		ws := newWorkspace(t, owner, "Vault")

		var created *testenv.Response
		entry := audited(t, owner, "api_token.created", func() {
			created = owner.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "  deploy  ", "x": "READ_WRITE", "w": ws})
		})
		secret := created.String("createApiToken.secret")
		id := created.String("createApiToken.token.id")
		prefix := created.String("createApiToken.token.prefix")
		require.True(t, strings.HasPrefix(secret, "sbt_"), secret)
		require.True(t, strings.HasPrefix(secret, prefix), "the prefix is the start of the secret")
		require.Less(t, len(prefix), len(secret)/2, "the prefix does not give the secret away")
		require.Equal(t, "deploy", created.String("createApiToken.token.name"))
		require.Equal(t, ws, created.String("createApiToken.token.workspace.id"))
		require.Equal(t, owner.UserID, created.String("createApiToken.token.createdBy.id"))
		require.Equal(t, id, entry["targetId"])
		require.NotContains(t, entry["summary"], secret)

		// The secret works...
		dev := h.WithToken(secret)
		require.Equal(t, owner.UserID, dev.MustDo(t, whoAmI, nil).String("viewer.user.id"))

		// ...and is never shown again, to anyone, anywhere.
		var later []*testenv.Response
		list := owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID})
		require.Equal(t, []string{id}, ids(nodes(list, "apiTokens.edges")))
		require.Equal(t, prefix, nodes(list, "apiTokens.edges")[0]["prefix"])
		node := owner.MustDo(t, `query($id: ID!) { node(id: $id) { id ... on ApiToken { name prefix access } } }`, map[string]any{"id": id})
		require.Equal(t, prefix, node.String("node.prefix"))
		later = append(later, list, node,
			dev.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID}),
			dev.MustDo(t, `query($id: ID!) { node(id: $id) { id ... on ApiToken { name prefix } } }`, map[string]any{"id": id}),
			owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a) { edges { node { action summary targetId actor { tokenName } } } } }`, map[string]any{"a": owner.AgencyID}),
			dev.MustDo(t, `{ viewer { authMethod user { id email name } memberships { id role } } }`, nil),
			owner.MustDo(t, revokeToken, map[string]any{"id": id}),
			owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID, "r": true}),
		)
		for i, r := range later {
			require.NotContains(t, r.Raw, secret, "response %d repeats the secret", i)
			require.NotContains(t, r.Raw, secret[len(prefix):], "response %d shows the secret's hidden part", i)
		}
		// Only a hash is stored.
		var rows []map[string]any
		require.NoError(t, h.App.DB.Bun.NewRaw("SELECT * FROM api_tokens").Scan(t.Context(), &rows))
		require.Len(t, rows, 1)
		require.NotContains(t, fmt.Sprint(rows), secret[len(prefix):])
	})
}

func TestReadOnlyTokenCanReadButNotChange(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Readers")
		ws := newWorkspace(t, owner, "Shelf")
		archived := newWorkspace(t, owner, "Attic")
		owner.MustDo(t, `mutation($id: ID!) { archiveWorkspace(id: $id) { id } }`, map[string]any{"id": archived})
		_, membership := join(t, h, owner, "MEMBER", nil)
		inviteTok, invID := invite(t, h, owner, "later@example.com", "MEMBER", nil)
		secret, roID := newToken(t, owner, owner.AgencyID, "reader", "READ_ONLY", nil)
		_, otherID := newToken(t, owner, owner.AgencyID, "writer", "READ_WRITE", nil)
		ro := h.WithToken(secret)

		vars := map[string]any{"a": owner.AgencyID, "w": ws, "x": archived, "m": membership, "om": membershipOf(t, owner, owner.UserID),
			"i": invID, "it": inviteTok, "ro": roID, "rw": otherID}
		for _, q := range []string{
			`query($a: ID!) { agency(id: $a) { name viewerRole } }`,
			`query($a: ID!) { workspaces(agencyId: $a, includeArchived: true) { totalCount } }`,
			`query($w: ID!) { workspace(id: $w) { name } }`,
			`query($a: ID!) { members(agencyId: $a) { totalCount } }`,
			`query($a: ID!) { invitations(agencyId: $a) { totalCount } }`,
			`query($a: ID!) { apiTokens(agencyId: $a) { totalCount } }`,
			`query($a: ID!) { auditLog(agencyId: $a) { totalCount } }`,
			whoAmI,
		} {
			ro.MustDo(t, q, vars)
		}

		before := snapshot(t, h.App.DB.Bun)
		for name, doc := range map[string]string{
			"createWorkspace":      `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "New"}) { id } }`,
			"renameWorkspace":      `mutation($w: ID!) { renameWorkspace(input: {id: $w, name: "Renamed"}) { id } }`,
			"archiveWorkspace":     `mutation($w: ID!) { archiveWorkspace(id: $w) { id } }`,
			"restoreWorkspace":     `mutation($x: ID!) { restoreWorkspace(id: $x) { id } }`,
			"inviteMember":         `mutation($a: ID!) { inviteMember(input: {agencyId: $a, email: "x@example.com", role: VIEWER}) { inviteUrl } }`,
			"revokeInvitation":     `mutation($i: ID!) { revokeInvitation(id: $i) { id } }`,
			"acceptInvitation":     `mutation($it: String!) { acceptInvitation(input: {token: $it, name: "Token", password: "token password"}) { viewer { user { id } } } }`,
			"changeMemberRole":     `mutation($m: ID!) { changeMemberRole(input: {membershipId: $m, role: VIEWER}) { id } }`,
			"removeMember":         `mutation($m: ID!) { removeMember(membershipId: $m) }`,
			"removeMember (self)":  `mutation($om: ID!) { removeMember(membershipId: $om) }`,
			"createApiToken":       `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "more", access: READ_ONLY}) { secret } }`,
			"revokeApiToken":       `mutation($rw: ID!) { revokeApiToken(id: $rw) { id } }`,
			"revokeApiToken (own)": `mutation($ro: ID!) { revokeApiToken(id: $ro) { id } }`,
		} {
			used := map[string]any{}
			for k, v := range vars {
				if strings.Contains(doc, "$"+k+":") {
					used[k] = v
				}
			}
			r := ro.Do(t, doc, used)
			require.Equal(t, "FORBIDDEN", r.Code(), "%s: %s", name, r.Raw)
		}
		require.Equal(t, before, snapshot(t, h.App.DB.Bun), "the read-only token changed nothing")
		ro.MustDo(t, whoAmI, nil)
	})
}

func TestWorkspaceScopedTokenSeesOnlyItsWorkspace(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Scoper")
		w1, w2 := newWorkspace(t, owner, "Visible shop"), newWorkspace(t, owner, "Hidden shop")
		secret, _ := newToken(t, owner, owner.AgencyID, "shop one", "READ_WRITE", w1)
		scoped := h.WithToken(secret)

		list := scoped.MustDo(t, `query($a: ID!) { workspaces(agencyId: $a, includeArchived: true) { totalCount edges { node { id name } } } }`, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 1, list.Get("workspaces.totalCount"))
		require.Equal(t, []string{w1}, ids(nodes(list, "workspaces.edges")))
		require.NotContains(t, list.Raw, "Hidden shop")

		r := scoped.Do(t, `query($id: ID!) { workspace(id: $id) { id name } }`, map[string]any{"id": w2})
		require.Equal(t, "NOT_FOUND", r.Code())
		require.Nil(t, r.Get("workspace"))
		require.Nil(t, scoped.MustDo(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": w2}).Get("node"))
		require.Equal(t, w1, scoped.MustDo(t, `query($id: ID!) { workspace(id: $id) { id } }`, map[string]any{"id": w1}).String("workspace.id"))

		// The audit log shows only the workspace's entries.
		logQ := `query($a: ID!, $w: ID) { auditLog(agencyId: $a, workspaceId: $w) { totalCount edges { node { action workspace { id } } } } }`
		log := scoped.MustDo(t, logQ, map[string]any{"a": owner.AgencyID})
		entries := nodes(log, "auditLog.edges")
		require.NotEmpty(t, entries)
		actions := []string{}
		for _, e := range entries {
			require.Equal(t, w1, e["workspace"].(map[string]any)["id"], e["action"])
			actions = append(actions, e["action"].(string))
		}
		require.Equal(t, []string{"api_token.created", "workspace.created"}, actions)
		require.NotContains(t, log.Raw, "Hidden shop")
		require.Equal(t, "NOT_FOUND", scoped.Do(t, logQ, map[string]any{"a": owner.AgencyID, "w": w2}).Code())
		require.EqualValues(t, 2, scoped.MustDo(t, logQ, map[string]any{"a": owner.AgencyID, "w": w1}).Get("auditLog.totalCount"))

		// Nor can it change the other workspace.
		require.NotEmpty(t, scoped.Do(t, `mutation($id: ID!) { renameWorkspace(input: {id: $id, name: "Taken"}) { id } }`, map[string]any{"id": w2}).Errors)
		require.Equal(t, "NOT_FOUND", scoped.Do(t, `mutation($id: ID!) { archiveWorkspace(id: $id) { id } }`, map[string]any{"id": w2}).Code())
		require.Equal(t, "Hidden shop", owner.MustDo(t, `query($id: ID!) { workspace(id: $id) { name archivedAt } }`, map[string]any{"id": w2}).String("workspace.name"))
	})
}

func TestTokenCreationRules(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Minter")
		w1, w2 := newWorkspace(t, owner, "Reachable"), newWorkspace(t, owner, "Unreachable")
		foreign := h.SignUp(t, "Abroad")
		foreignWS := newWorkspace(t, foreign, "Abroad shop")
		limited := addMember(t, h, owner, "MEMBER", []string{w1})
		viewer := addMember(t, h, owner, "VIEWER", nil)
		rwSecret, _ := newToken(t, owner, owner.AgencyID, "owner rw", "READ_WRITE", nil)

		countTokens := func() any {
			return owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID, "r": true}).Get("apiTokens.totalCount")
		}
		tokens, entries := countTokens(), auditTotal(t, owner)
		for _, tc := range []struct {
			name   string
			c      *testenv.Client
			access string
			ws     any
			code   string
			field  string
		}{
			{"a token creating a token", h.WithToken(rwSecret), "READ_ONLY", nil, "FORBIDDEN", ""},
			{"a limited member without a workspace", limited.Client, "READ_ONLY", nil, "VALIDATION_FAILED", "workspaceId"},
			{"a limited member naming a workspace they cannot reach", limited.Client, "READ_ONLY", w2, "VALIDATION_FAILED", "workspaceId"},
			{"another agency's workspace", limited.Client, "READ_ONLY", foreignWS, "VALIDATION_FAILED", "workspaceId"},
			{"an owner naming another agency's workspace", owner.Client, "READ_ONLY", foreignWS, "VALIDATION_FAILED", "workspaceId"},
			{"a viewer asking for read-write", viewer.Client, "READ_WRITE", nil, "FORBIDDEN", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.c.Do(t, createToken, map[string]any{"a": owner.AgencyID, "n": "refused", "x": tc.access, "w": tc.ws})
				require.Equal(t, tc.code, r.Code(), r.Raw)
				require.Nil(t, r.Data["createApiToken"])
				require.NotContains(t, r.Raw, "sbt_")
				if tc.field != "" {
					require.Contains(t, r.Fields(), tc.field)
				}
			})
		}
		require.Equal(t, tokens, countTokens(), "no token was created")
		require.Equal(t, entries, auditTotal(t, owner))

		// What stays allowed.
		r := limited.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "mine", "x": "READ_WRITE", "w": w1})
		require.Equal(t, w1, r.String("createApiToken.token.workspace.id"))
		limitedTok := h.WithToken(r.String("createApiToken.secret"))
		require.Equal(t, []string{w1}, ids(nodes(limitedTok.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID}), "workspaces.edges")))

		r = viewer.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "viewer ro", "x": "READ_ONLY"})
		require.Equal(t, "READ_ONLY", r.String("createApiToken.token.access"))
		viewerTok := h.WithToken(r.String("createApiToken.secret"))
		require.EqualValues(t, 2, viewerTok.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID}).Get("workspaces.totalCount"))
		require.Equal(t, "FORBIDDEN", viewerTok.Do(t, `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "nope"}) { id } }`, map[string]any{"a": owner.AgencyID}).Code())

		// A token is for its own agency only.
		r = h.WithToken(rwSecret).Do(t, listWorkspaceIDs, map[string]any{"a": foreign.AgencyID})
		require.Equal(t, "NOT_FOUND", r.Code())
	})
}

func TestTokenLastUsedAt(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Clock")
		start := time.Now().Add(-time.Second)
		secret, id := newToken(t, owner, owner.AgencyID, "ci", "READ_ONLY", nil)
		_, unusedID := newToken(t, owner, owner.AgencyID, "unused", "READ_ONLY", nil)

		lastUsed := func() map[string]any {
			out := map[string]any{}
			for _, n := range nodes(owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID}), "apiTokens.edges") {
				out[n["id"].(string)] = n["lastUsedAt"]
			}
			return out
		}
		require.Equal(t, map[string]any{id: nil, unusedID: nil}, lastUsed(), "never used yet")

		h.WithToken(secret).MustDo(t, whoAmI, nil)
		used := lastUsed()
		require.Nil(t, used[unusedID])
		require.NotNil(t, used[id])
		at, err := time.Parse(time.RFC3339, used[id].(string))
		require.NoError(t, err)
		require.True(t, !at.Before(start.Truncate(time.Second)) && !at.After(time.Now().Add(time.Second)), "lastUsedAt %s is the time of use", at)
	})
}

func TestTokenVisibilityAndRevocation(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Keyring")
		admin := addMember(t, h, owner, "ADMIN", nil)
		alice := addMember(t, h, owner, "MEMBER", nil)
		bob := addMember(t, h, owner, "VIEWER", nil)
		_, ownerTok := newToken(t, owner, owner.AgencyID, "owner key", "READ_ONLY", nil)
		_, adminTok := newToken(t, admin, owner.AgencyID, "admin key", "READ_WRITE", nil)
		aliceSecret, aliceTok := newToken(t, alice, owner.AgencyID, "alice key", "READ_WRITE", nil)
		bobSecret, bobTok := newToken(t, bob, owner.AgencyID, "bob key", "READ_ONLY", nil)

		for _, tc := range []struct {
			who  string
			c    *testenv.Account
			want []string
		}{
			{"owner", owner, []string{bobTok, aliceTok, adminTok, ownerTok}},
			{"admin", admin, []string{bobTok, aliceTok, adminTok, ownerTok}},
			{"member", alice, []string{aliceTok}},
			{"viewer", bob, []string{bobTok}},
		} {
			r := tc.c.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID})
			require.Equal(t, tc.want, ids(nodes(r, "apiTokens.edges")), tc.who)
			require.EqualValues(t, len(tc.want), r.Get("apiTokens.totalCount"), tc.who)
		}
		creators := map[string]any{}
		for _, n := range nodes(admin.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID}), "apiTokens.edges") {
			creators[n["name"].(string)] = n["createdBy"].(map[string]any)["id"]
		}
		require.Equal(t, map[string]any{"owner key": owner.UserID, "admin key": admin.UserID, "alice key": alice.UserID, "bob key": bob.UserID}, creators)

		// A member cannot see or revoke someone else's token.
		nodeQ := `query($id: ID!) { node(id: $id) { id ... on ApiToken { name } } }`
		require.Nil(t, alice.MustDo(t, nodeQ, map[string]any{"id": bobTok}).Get("node"))
		require.Equal(t, aliceTok, alice.MustDo(t, nodeQ, map[string]any{"id": aliceTok}).String("node.id"))
		r := alice.Do(t, revokeToken, map[string]any{"id": bobTok})
		require.Equal(t, "NOT_FOUND", r.Code())
		require.NotContains(t, r.Raw, "bob key")
		h.WithToken(bobSecret).MustDo(t, whoAmI, nil)

		// The viewer may revoke their own; an admin anyone's; twice is a conflict.
		for _, tc := range []struct {
			by     *testenv.Account
			id     string
			secret string
		}{{bob, bobTok, bobSecret}, {admin, aliceTok, aliceSecret}} {
			entry := audited(t, owner, "api_token.revoked", func() {
				r := tc.by.MustDo(t, revokeToken, map[string]any{"id": tc.id})
				require.NotNil(t, r.Get("revokeApiToken.revokedAt"))
			})
			require.Equal(t, tc.id, entry["targetId"])
			require.Equal(t, tc.by.UserID, actorID(entry))
			r := h.WithToken(tc.secret).Do(t, whoAmI, nil)
			require.Equal(t, 401, r.Status)
			require.Equal(t, "UNAUTHENTICATED", r.Code())

			before := auditTotal(t, owner)
			again := tc.by.Do(t, revokeToken, map[string]any{"id": tc.id})
			require.Equal(t, "CONFLICT", again.Code())
			require.Equal(t, before, auditTotal(t, owner), "a refused revocation is not recorded")
		}

		// Revoked tokens leave the list unless asked for.
		require.Equal(t, []string{adminTok, ownerTok}, ids(nodes(owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID}), "apiTokens.edges")))
		all := nodes(owner.MustDo(t, listTokens, map[string]any{"a": owner.AgencyID, "r": true}), "apiTokens.edges")
		require.Equal(t, []string{"bob key", "alice key", "admin key", "owner key"}, names(all))
		require.NotNil(t, all[0]["revokedAt"])
		require.NotNil(t, all[1]["revokedAt"])
		require.Nil(t, all[2]["revokedAt"])
	})
}

func TestTokenActionsAreAuditedAsTheToken(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Robots")
		botSecret, botID := newToken(t, owner, owner.AgencyID, "deploy bot", "READ_WRITE", nil)
		_, oldID := newToken(t, owner, owner.AgencyID, "old key", "READ_ONLY", nil)
		bot := h.WithToken(botSecret)
		require.Equal(t, "API_TOKEN", bot.MustDo(t, whoAmI, nil).String("viewer.authMethod"))

		entry := audited(t, owner, "api_token.revoked", func() {
			bot.MustDo(t, revokeToken, map[string]any{"id": oldID})
		})
		require.Equal(t, oldID, entry["targetId"])
		actor := entry["actor"].(map[string]any)
		require.Equal(t, "API_TOKEN", actor["kind"])
		require.Equal(t, "deploy bot", actor["tokenName"])
		require.Equal(t, owner.UserID, actorID(entry), "the token acts for its creator")

		entry = audited(t, owner, "workspace.created", func() {
			bot.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "Made by a bot"})
		})
		require.Equal(t, "API_TOKEN", entry["actor"].(map[string]any)["kind"])
		require.Equal(t, "deploy bot", entry["actor"].(map[string]any)["tokenName"])

		// The same change from the browser session is the user's own.
		entry = audited(t, owner, "api_token.revoked", func() {
			owner.MustDo(t, revokeToken, map[string]any{"id": botID})
		})
		require.Equal(t, "USER", entry["actor"].(map[string]any)["kind"])
		require.Nil(t, entry["actor"].(map[string]any)["tokenName"])
		require.Equal(t, owner.UserID, actorID(entry))
	})
}
