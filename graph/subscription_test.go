package graph_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/graph"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const auditAdded = `subscription($a: ID!, $w: ID) { auditLogAdded(agencyId: $a, workspaceId: $w) { action summary workspace { name } actor { kind user { email } tokenName } } }`

func TestAuditLogStreamsLive(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Live")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()

		w1 := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "W1"}).String("createWorkspace.id")
		w2 := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "W2"}).String("createWorkspace.id")
		member := addMember(t, h, owner, "MEMBER", []string{w1})

		ownerSock := testenv.MustDial(t, h.URL, testenv.DialOptions{Cookies: owner.Cookies()})
		require.NoError(t, ownerSock.Subscribe(ctx, auditAdded, map[string]any{"a": owner.AgencyID}))
		memberSock := testenv.MustDial(t, h.URL, testenv.DialOptions{Cookies: member.Cookies()})
		require.NoError(t, memberSock.Subscribe(ctx, auditAdded, map[string]any{"a": owner.AgencyID}))
		time.Sleep(100 * time.Millisecond) // let both subscriptions register on the bus

		owner.MustDo(t, `mutation($id: ID!) { renameWorkspace(input: {id: $id, name: "W2 renamed"}) { id } }`, map[string]any{"id": w2})
		owner.MustDo(t, `mutation($id: ID!) { renameWorkspace(input: {id: $id, name: "W1 renamed"}) { id } }`, map[string]any{"id": w1})

		got, err := ownerSock.NextWhere(ctx, "auditLogAdded.action", "workspace.renamed")
		require.NoError(t, err)
		require.Equal(t, "workspace.renamed", got.String("auditLogAdded.action"))
		require.Equal(t, "W2 renamed", got.String("auditLogAdded.workspace.name"))
		require.Equal(t, owner.Email, got.String("auditLogAdded.actor.user.email"))
		got, err = ownerSock.Next(ctx)
		require.NoError(t, err)
		require.Equal(t, "W1 renamed", got.String("auditLogAdded.workspace.name"))

		// The member reaches only W1: the W2 entry never reaches them.
		got, err = memberSock.NextWhere(ctx, "auditLogAdded.action", "workspace.renamed")
		require.NoError(t, err)
		require.Equal(t, "W1 renamed", got.String("auditLogAdded.workspace.name"))

		// An API token works over the socket too (connection_init authorization).
		secret := owner.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "stream", access: READ_ONLY}) { secret } }`,
			map[string]any{"a": owner.AgencyID}).String("createApiToken.secret")
		tokSock := testenv.MustDial(t, h.URL, testenv.DialOptions{Authorization: "Bearer " + secret})
		require.NoError(t, tokSock.Subscribe(ctx, auditAdded, map[string]any{"a": owner.AgencyID, "w": w1}))
		time.Sleep(100 * time.Millisecond)
		owner.MustDo(t, `mutation($id: ID!) { archiveWorkspace(id: $id) { id } }`, map[string]any{"id": w1})
		got, err = tokSock.NextWhere(ctx, "auditLogAdded.action", "workspace.archived")
		require.NoError(t, err)
		require.Equal(t, "workspace.archived", got.String("auditLogAdded.action"))
	})
}

func TestSocketsAreRefused(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Closed")
		other := h.SignUp(t, "Other")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()

		_, err := testenv.Dial(ctx, h.URL, testenv.DialOptions{})
		require.Equal(t, graph.CloseUnauthenticated, testenv.CloseCode(err), "no credentials: %v", err)

		_, err = testenv.Dial(ctx, h.URL, testenv.DialOptions{Authorization: "Bearer sbt_not-a-token"})
		require.Equal(t, graph.CloseUnauthenticated, testenv.CloseCode(err), "bad token: %v", err)

		_, err = testenv.Dial(ctx, h.URL, testenv.DialOptions{Cookies: owner.Cookies(), Origin: "https://evil.example"})
		var de *testenv.DialError
		require.ErrorAs(t, err, &de, "foreign origin")
		require.Equal(t, http.StatusForbidden, de.Status)

		s := testenv.MustDial(t, h.URL, testenv.DialOptions{Cookies: owner.Cookies()})
		require.NoError(t, s.Subscribe(ctx, auditAdded, map[string]any{"a": other.AgencyID}))
		got, err := s.Next(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, got.Errors, "another agency's log cannot be streamed")
		require.NotContains(t, got.Raw, "Other")
	})
}

// addMember invites a user with role (limited to workspaceIDs when given) and
// returns them signed in.
func addMember(t *testing.T, h *testenv.Hub, owner *testenv.Account, role string, workspaceIDs []string) *testenv.Account {
	t.Helper()
	email := role + "-" + time.Now().Format("150405.000000") + "@example.com"
	r := owner.MustDo(t, `mutation($a: ID!, $e: String!, $r: Role!, $w: [ID!]) { inviteMember(input: {agencyId: $a, email: $e, role: $r, workspaceIds: $w}) { inviteUrl } }`,
		map[string]any{"a": owner.AgencyID, "e": email, "r": role, "w": workspaceIDs})
	url := r.String("inviteMember.inviteUrl")
	token := url[len(h.URL+"/invite/"):]
	c := h.NewClient()
	a := c.MustDo(t, `mutation($t: String!) { acceptInvitation(input: {token: $t, name: "New Member", password: "member password 1"}) { viewer { user { id } } } }`,
		map[string]any{"t": token})
	return &testenv.Account{Client: c, Email: email, AgencyID: owner.AgencyID, UserID: a.String("acceptInvitation.viewer.user.id")}
}
