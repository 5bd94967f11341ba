package graph_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const (
	inviteMember = `mutation($a: ID!, $e: String!, $r: Role!, $w: [ID!]) {
		inviteMember(input: {agencyId: $a, email: $e, role: $r, workspaceIds: $w}) {
			inviteUrl invitation { id email role status allWorkspaces workspaces { id } invitedBy { id } }
		}
	}`
	acceptInvitation = `mutation($in: AcceptInvitationInput!) {
		acceptInvitation(input: $in) { viewer { authMethod user { id email name } memberships { id role agency { id } } } }
	}`
	previewInvitation = `query($t: String!) { invitationPreview(token: $t) { agencyId agencyName email role invitedByName accountExists expiresAt } }`
	changeRole        = `mutation($m: ID!, $r: Role!, $w: [ID!]) { changeMemberRole(input: {membershipId: $m, role: $r, workspaceIds: $w}) { id role allWorkspaces workspaces { id } } }`
	removeMember      = `mutation($m: ID!) { removeMember(membershipId: $m) }`
	revokeInvitation  = `mutation($id: ID!) { revokeInvitation(id: $id) { id status } }`
	listInvitations   = `query($a: ID!, $s: InvitationStatus) { invitations(agencyId: $a, status: $s) { totalCount edges { node { id email status } } } }`
	listMembers       = `query($a: ID!) { members(agencyId: $a) { totalCount edges { node { id role allWorkspaces user { id email } workspaces { id } } } } }`
	listWorkspaceIDs  = `query($a: ID!) { workspaces(agencyId: $a) { totalCount edges { node { id } } } }`
	newestAuditEntry  = `query($a: ID!) { auditLog(agencyId: $a, first: 1) { totalCount edges { node { action summary targetId actor { kind tokenName user { id } } } } } }`
	agencyRole        = `query($a: ID!) { agency(id: $a) { viewerRole } }`
	newPassword       = "a brand new password"
	ownerPassword     = "correct horse battery" // what testenv.SignUp uses
	memberPassword    = "member password 1"     // what addMember uses
)

// nodes returns the nodes of a connection's edges at path.
func nodes(r *testenv.Response, path string) []map[string]any {
	var out []map[string]any
	edges, _ := r.Get(path).([]any)
	for _, e := range edges {
		out = append(out, e.(map[string]any)["node"].(map[string]any))
	}
	return out
}

// ids returns the "id" of each object of a list (nodes or plain objects).
func ids(list any) []string {
	out := []string{}
	switch l := list.(type) {
	case []map[string]any:
		for _, n := range l {
			out = append(out, n["id"].(string))
		}
	case []any:
		for _, n := range l {
			out = append(out, n.(map[string]any)["id"].(string))
		}
	}
	return out
}

// invite invites email and returns the token of the link and the invitation's id.
func invite(t *testing.T, h *testenv.Hub, by *testenv.Account, email, role string, workspaceIDs []string) (token, invitationID string) {
	t.Helper()
	r := by.MustDo(t, inviteMember, map[string]any{"a": by.AgencyID, "e": email, "r": role, "w": workspaceIDs})
	url := r.String("inviteMember.inviteUrl")
	require.True(t, strings.HasPrefix(url, h.URL+"/invite/"), "the link points to the hub: %s", url)
	return inviteToken(h, url), r.String("inviteMember.invitation.id")
}

// membershipOf returns the id of the user's membership in the reader's agency.
func membershipOf(t *testing.T, reader *testenv.Account, userID string) string {
	t.Helper()
	for _, n := range nodes(reader.MustDo(t, listMembers, map[string]any{"a": reader.AgencyID}), "members.edges") {
		if n["user"].(map[string]any)["id"] == userID {
			return n["id"].(string)
		}
	}
	t.Fatalf("user %s is not a member", userID)
	return ""
}

// join adds a member (see addMember) and returns them with their membership id.
func join(t *testing.T, h *testenv.Hub, owner *testenv.Account, role string, workspaceIDs []string) (*testenv.Account, string) {
	t.Helper()
	m := addMember(t, h, owner, role, workspaceIDs)
	return m, membershipOf(t, owner, m.UserID)
}

func auditTotal(t *testing.T, reader *testenv.Account) int {
	t.Helper()
	r := reader.MustDo(t, newestAuditEntry, map[string]any{"a": reader.AgencyID})
	return int(r.Get("auditLog.totalCount").(float64))
}

// audited runs change and requires that it wrote exactly one audit entry,
// with action, as the reader (an owner) sees the log; it returns the entry.
func audited(t *testing.T, reader *testenv.Account, action string, change func()) map[string]any {
	t.Helper()
	before := auditTotal(t, reader)
	change()
	r := reader.MustDo(t, newestAuditEntry, map[string]any{"a": reader.AgencyID})
	require.EqualValues(t, before+1, r.Get("auditLog.totalCount"), "%s writes exactly one audit entry", action)
	entry := nodes(r, "auditLog.edges")[0]
	require.Equal(t, action, entry["action"])
	return entry
}

func actorID(entry map[string]any) any {
	u, _ := entry["actor"].(map[string]any)["user"].(map[string]any)
	return u["id"]
}

// signIn returns a new client signed in as email.
func signIn(t *testing.T, h *testenv.Hub, email, password string) *testenv.Client {
	t.Helper()
	c := h.NewClient()
	c.MustDo(t, `mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { viewer { user { id } } } }`,
		map[string]any{"e": email, "p": password})
	return c
}

func newWorkspace(t *testing.T, owner *testenv.Account, name string) string {
	t.Helper()
	return owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": name}).String("createWorkspace.id")
}

func TestInvitationIsAcceptedByCreatingAnAccount(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Northwind")
		w1, w2, w3 := newWorkspace(t, owner, "One"), newWorkspace(t, owner, "Two"), newWorkspace(t, owner, "Three")

		var token, invID string
		entry := audited(t, owner, "member.invited", func() {
			token, invID = invite(t, h, owner, "  New.Person@Example.COM ", "MEMBER", []string{w1, w2})
		})
		require.Equal(t, invID, entry["targetId"])
		require.Equal(t, owner.UserID, actorID(entry))
		require.True(t, strings.HasPrefix(token, "sbi_"), token)

		pending := owner.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Invitation { email role status allWorkspaces workspaces { id } invitedBy { id } } } }`,
			map[string]any{"id": invID})
		require.Equal(t, "new.person@example.com", pending.String("node.email"), "emails are trimmed and lower-cased")
		require.Equal(t, "PENDING", pending.String("node.status"))
		require.Equal(t, false, pending.Get("node.allWorkspaces"))
		require.ElementsMatch(t, []string{w1, w2}, ids(pending.Get("node.workspaces")))
		require.Equal(t, owner.UserID, pending.String("node.invitedBy.id"))

		// Anyone holding the link sees what they are invited to.
		anon := h.NewClient()
		p := anon.MustDo(t, previewInvitation, map[string]any{"t": token})
		require.Equal(t, owner.AgencyID, p.String("invitationPreview.agencyId"))
		require.Equal(t, "Northwind", p.String("invitationPreview.agencyName"))
		require.Equal(t, "new.person@example.com", p.String("invitationPreview.email"))
		require.Equal(t, "MEMBER", p.String("invitationPreview.role"))
		require.Equal(t, "Owner of Northwind", p.String("invitationPreview.invitedByName"))
		require.Equal(t, false, p.Get("invitationPreview.accountExists"))
		expires, err := time.Parse(time.RFC3339, p.String("invitationPreview.expiresAt"))
		require.NoError(t, err)
		require.WithinDuration(t, time.Now().Add(7*24*time.Hour), expires, time.Hour, "links work for 7 days")
		require.Nil(t, anon.MustDo(t, previewInvitation, map[string]any{"t": token + "x"}).Get("invitationPreview"), "an unknown link shows nothing")

		// Accepting creates the account and signs it in.
		var acc *testenv.Response
		entry = audited(t, owner, "member.joined", func() {
			acc = anon.MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "  New Person ", "password": newPassword}})
		})
		userID := acc.String("acceptInvitation.viewer.user.id")
		require.NotEmpty(t, userID)
		require.Equal(t, userID, actorID(entry), "the newcomer is the actor of member.joined")
		require.Equal(t, "SESSION", acc.String("acceptInvitation.viewer.authMethod"))
		require.Equal(t, "new.person@example.com", acc.String("acceptInvitation.viewer.user.email"))
		require.Equal(t, "New Person", acc.String("acceptInvitation.viewer.user.name"))
		ms := acc.Get("acceptInvitation.viewer.memberships").([]any)
		require.Len(t, ms, 1)
		require.Equal(t, "MEMBER", ms[0].(map[string]any)["role"])
		require.Equal(t, owner.AgencyID, ms[0].(map[string]any)["agency"].(map[string]any)["id"])
		require.Equal(t, entry["targetId"], ms[0].(map[string]any)["id"], "member.joined names the new membership")

		// The cookies set by acceptInvitation are a working session.
		v := anon.MustDo(t, `{ viewer { user { id } } }`, nil)
		require.Equal(t, userID, v.String("viewer.user.id"))
		require.Equal(t, "MEMBER", anon.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
		ws := anon.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 2, ws.Get("workspaces.totalCount"))
		require.ElementsMatch(t, []string{w1, w2}, ids(nodes(ws, "workspaces.edges")), "only the invited workspaces")
		other := anon.Do(t, `query($id: ID!) { workspace(id: $id) { id name } }`, map[string]any{"id": w3})
		require.Equal(t, "NOT_FOUND", other.Code())
		require.Nil(t, other.Get("workspace"))
		require.NotContains(t, other.Raw, "Three")
		require.Nil(t, anon.MustDo(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": w3}).Get("node"))

		// The owner sees the new member with their limits.
		seen := false
		for _, n := range nodes(owner.MustDo(t, listMembers, map[string]any{"a": owner.AgencyID}), "members.edges") {
			if n["user"].(map[string]any)["id"] == userID {
				seen = true
				require.Equal(t, "MEMBER", n["role"])
				require.Equal(t, false, n["allWorkspaces"])
				require.ElementsMatch(t, []string{w1, w2}, ids(n["workspaces"]))
			}
		}
		require.True(t, seen, "the newcomer is listed among the members")
		// The password chosen on acceptance signs in later.
		signIn(t, h, "new.person@example.com", newPassword)

		// The link works once, whoever tries it again.
		require.Equal(t, "CONFLICT", h.NewClient().Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Again", "password": newPassword}}).Code())
		require.Equal(t, "CONFLICT", anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token}}).Code())
		require.Nil(t, anon.MustDo(t, previewInvitation, map[string]any{"t": token}).Get("invitationPreview"))
		require.Equal(t, "ACCEPTED", owner.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, map[string]any{"id": invID}).String("node.status"))
		require.EqualValues(t, 2, owner.MustDo(t, listMembers, map[string]any{"a": owner.AgencyID}).Get("members.totalCount"))
	})
}

func TestUnusableInvitationsCannotBeAccepted(t *testing.T) {
	cases := []struct {
		name   string
		status string
		spoil  func(t *testing.T, h *testenv.Hub, owner *testenv.Account, invitationID string)
	}{
		{name: "revoked", status: "REVOKED", spoil: func(t *testing.T, h *testenv.Hub, owner *testenv.Account, invitationID string) {
			entry := audited(t, owner, "invitation.revoked", func() {
				r := owner.MustDo(t, revokeInvitation, map[string]any{"id": invitationID})
				require.Equal(t, "REVOKED", r.String("revokeInvitation.status"))
			})
			require.Equal(t, invitationID, entry["targetId"])
			require.Equal(t, owner.UserID, actorID(entry))
			require.Equal(t, "CONFLICT", owner.Do(t, revokeInvitation, map[string]any{"id": invitationID}).Code(), "revoking twice")
		}},
		{name: "expired", status: "EXPIRED", spoil: func(t *testing.T, h *testenv.Hub, owner *testenv.Account, invitationID string) {
			res, err := h.App.DB.Bun.NewUpdate().Table("invitations").Set("expires_at = ?", time.Now().UTC().Add(-time.Minute)).
				Where("id = ?", rawID(invitationID)).Exec(t.Context())
			require.NoError(t, err)
			n, err := res.RowsAffected()
			require.NoError(t, err)
			require.EqualValues(t, 1, n)
		}},
	}
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Spoilt")
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				email := tc.name + "@example.com"
				token, invID := invite(t, h, owner, email, "MEMBER", nil)
				require.NotNil(t, h.NewClient().MustDo(t, previewInvitation, map[string]any{"t": token}).Get("invitationPreview"))

				tc.spoil(t, h, owner, invID)

				anon := h.NewClient()
				require.Nil(t, anon.MustDo(t, previewInvitation, map[string]any{"t": token}).Get("invitationPreview"), "the preview shows nothing")
				r := anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Too Late", "password": newPassword}})
				require.Equal(t, "CONFLICT", r.Code())
				require.Nil(t, r.Data["acceptInvitation"])
				require.Empty(t, anon.Cookies(), "nobody is signed in")
				require.Equal(t, "UNAUTHENTICATED", anon.Do(t, `{ viewer { user { id } } }`, nil).Code())
				n, err := h.App.DB.Bun.NewSelect().Table("users").Where("email = ?", email).Count(t.Context())
				require.NoError(t, err)
				require.Zero(t, n, "no account was created")

				st := owner.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, map[string]any{"id": invID})
				require.Equal(t, tc.status, st.String("node.status"))
				require.Contains(t, ids(nodes(owner.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID, "s": tc.status}), "invitations.edges")), invID)
				require.NotContains(t, ids(nodes(owner.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID, "s": "PENDING"}), "invitations.edges")), invID)

				// The person can be invited again.
				again, _ := invite(t, h, owner, email, "MEMBER", nil)
				h.NewClient().MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": again, "name": "On Time", "password": newPassword}})
			})
		}
	})
}

func TestAcceptInvitationChecksWhoAccepts(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Host")

		t.Run("a new account needs a name and a password", func(t *testing.T) {
			token, invID := invite(t, h, owner, "fresh@example.com", "VIEWER", nil)
			anon := h.NewClient()
			r := anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token}})
			require.Equal(t, "VALIDATION_FAILED", r.Code())
			require.Contains(t, r.Fields(), "name")
			require.Contains(t, r.Fields(), "password")
			r = anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "   ", "password": ""}})
			require.Equal(t, "VALIDATION_FAILED", r.Code())
			require.Contains(t, r.Fields(), "name", "a blank name is no name")
			require.Contains(t, r.Fields(), "password")
			r = anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Fresh"}})
			require.Equal(t, "VALIDATION_FAILED", r.Code())
			require.Equal(t, []string{"password"}, keys(r.Fields()))
			r = anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Fresh", "password": "short"}})
			require.Equal(t, "VALIDATION_FAILED", r.Code())
			require.Equal(t, []string{"password"}, keys(r.Fields()))
			require.Empty(t, anon.Cookies(), "a refused acceptance signs nobody in")

			// Nothing was used up: the invitation still works.
			require.Equal(t, "PENDING", owner.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, map[string]any{"id": invID}).String("node.status"))
			anon.MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Fresh", "password": newPassword}})
			require.Equal(t, "VIEWER", anon.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
		})

		t.Run("an existing user signs in first and accepts as themselves", func(t *testing.T) {
			existing := h.SignUp(t, "Elsewhere")
			token, _ := invite(t, h, owner, strings.ToUpper(existing.Email), "ADMIN", nil)
			p := h.NewClient().MustDo(t, previewInvitation, map[string]any{"t": token})
			require.Equal(t, true, p.Get("invitationPreview.accountExists"))
			require.Equal(t, existing.Email, p.String("invitationPreview.email"))

			// Anonymously, even with a name and password, the account is not taken over.
			anon := h.NewClient()
			r := anon.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token, "name": "Impostor", "password": "impostor password"}})
			require.Equal(t, "UNAUTHENTICATED", r.Code())
			require.Empty(t, anon.Cookies())
			require.Equal(t, "UNAUTHENTICATED", h.NewClient().Do(t, `mutation($e: String!) { signIn(input: {email: $e, password: "impostor password"}) { viewer { user { id } } } }`,
				map[string]any{"e": existing.Email}).Code(), "the password was not changed")

			// Someone else who is signed in cannot accept it.
			stranger := h.SignUp(t, "Stranger")
			r = stranger.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token}})
			require.Equal(t, "FORBIDDEN", r.Code())
			require.Len(t, stranger.MustDo(t, `{ viewer { memberships { id } } }`, nil).Get("viewer.memberships"), 1)

			// The invited user, signed in, accepts without a name or password.
			before := auditTotal(t, owner)
			acc := existing.MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token}})
			require.Equal(t, existing.UserID, acc.String("acceptInvitation.viewer.user.id"))
			require.Equal(t, "Owner of Elsewhere", acc.String("acceptInvitation.viewer.user.name"))
			roles := map[string]any{}
			for _, m := range acc.Get("acceptInvitation.viewer.memberships").([]any) {
				roles[m.(map[string]any)["agency"].(map[string]any)["id"].(string)] = m.(map[string]any)["role"]
			}
			require.Equal(t, map[string]any{existing.AgencyID: "OWNER", owner.AgencyID: "ADMIN"}, roles)
			require.Equal(t, "ADMIN", existing.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
			require.Equal(t, before+1, auditTotal(t, owner))
			require.Equal(t, "CONFLICT", existing.Do(t, acceptInvitation, map[string]any{"in": map[string]any{"token": token}}).Code())
		})
	})
}

func keys(m map[string]any) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestInviteMemberIsRefused(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Strict")
		w1 := newWorkspace(t, owner, "Shop")
		foreign := h.SignUp(t, "Foreign")
		foreignWS := newWorkspace(t, foreign, "Foreign shop")
		admin := addMember(t, h, owner, "ADMIN", nil)
		member := addMember(t, h, owner, "MEMBER", nil)
		invite(t, h, owner, "pending@example.com", "VIEWER", nil)

		cases := []struct {
			name   string
			by     *testenv.Account
			email  string
			role   string
			ws     []string
			code   string
			fields []string
		}{
			{"an existing member", owner, strings.ToUpper(member.Email), "VIEWER", nil, "CONFLICT", []string{"email"}},
			{"the owner, by an admin", admin, owner.Email, "MEMBER", nil, "CONFLICT", []string{"email"}},
			{"a second pending invitation", admin, "Pending@Example.com", "MEMBER", nil, "CONFLICT", []string{"email"}},
			{"an owner, by an admin", admin, "boss@example.com", "OWNER", nil, "FORBIDDEN", nil},
			{"by a member", member, "friend@example.com", "VIEWER", nil, "FORBIDDEN", nil},
			{"an owner limited to workspaces", owner, "o@example.com", "OWNER", []string{w1}, "VALIDATION_FAILED", []string{"workspaceIds"}},
			{"an admin limited to workspaces", owner, "a@example.com", "ADMIN", []string{w1}, "VALIDATION_FAILED", []string{"workspaceIds"}},
			{"another agency's workspace", owner, "m@example.com", "MEMBER", []string{w1, foreignWS}, "VALIDATION_FAILED", []string{"workspaceIds"}},
			{"a malformed email", owner, "not an email", "MEMBER", nil, "VALIDATION_FAILED", []string{"email"}},
		}
		countInvitations := func() any {
			return owner.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID}).Get("invitations.totalCount")
		}
		invitations, entries := countInvitations(), auditTotal(t, owner)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.by.Do(t, inviteMember, map[string]any{"a": owner.AgencyID, "e": tc.email, "r": tc.role, "w": tc.ws})
				require.Equal(t, tc.code, r.Code(), r.Raw)
				require.Nil(t, r.Data["inviteMember"])
				if tc.fields != nil {
					require.ElementsMatch(t, tc.fields, keys(r.Fields()))
				}
			})
		}
		require.Equal(t, invitations, countInvitations(), "no invitation was created")
		require.Equal(t, entries, auditTotal(t, owner), "nothing was recorded")

		// What the refusals leave allowed: an admin invites admins and limited
		// members, and an owner invites owners.
		invite(t, h, admin, "new-admin@example.com", "ADMIN", nil)
		invite(t, h, admin, "limited@example.com", "MEMBER", []string{w1})
		invite(t, h, owner, "co-owner@example.com", "OWNER", nil)
	})
}

func TestInvitationsListFiltersByStatus(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Lister")
		_, pending := invite(t, h, owner, "pending@example.com", "MEMBER", nil)
		acceptTok, accepted := invite(t, h, owner, "accepted@example.com", "MEMBER", nil)
		h.NewClient().MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": acceptTok, "name": "Accepted", "password": newPassword}})
		_, revoked := invite(t, h, owner, "revoked@example.com", "VIEWER", nil)
		owner.MustDo(t, revokeInvitation, map[string]any{"id": revoked})
		_, expired := invite(t, h, owner, "expired@example.com", "VIEWER", nil)
		_, err := h.App.DB.Bun.NewUpdate().Table("invitations").Set("expires_at = ?", time.Now().UTC().Add(-time.Second)).
			Where("id = ?", rawID(expired)).Exec(t.Context())
		require.NoError(t, err)

		for _, tc := range []struct {
			status any
			want   []string
		}{
			{"PENDING", []string{pending}},
			{"ACCEPTED", []string{accepted}},
			{"REVOKED", []string{revoked}},
			{"EXPIRED", []string{expired}},
			{nil, []string{expired, revoked, accepted, pending}},
		} {
			r := owner.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID, "s": tc.status})
			require.EqualValues(t, len(tc.want), r.Get("invitations.totalCount"), "status %v", tc.status)
			require.Equal(t, tc.want, ids(nodes(r, "invitations.edges")), "status %v, newest first", tc.status)
			for _, n := range nodes(r, "invitations.edges") {
				if tc.status != nil {
					require.Equal(t, tc.status, n["status"])
				}
			}
		}
		// An accepted invitation cannot be revoked any more.
		require.Equal(t, "CONFLICT", owner.Do(t, revokeInvitation, map[string]any{"id": accepted}).Code())

		// Admins see the list; members do not.
		admin := addMember(t, h, owner, "ADMIN", nil)
		require.Equal(t, []string{revoked}, ids(nodes(admin.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID, "s": "REVOKED"}), "invitations.edges")))
		member := addMember(t, h, owner, "MEMBER", nil)
		r := member.Do(t, listInvitations, map[string]any{"a": owner.AgencyID})
		require.Equal(t, "FORBIDDEN", r.Code())
		require.NotContains(t, r.Raw, "pending@example.com")
	})
}

func TestChangingARoleChangesWhatTheMemberMayDo(t *testing.T) {
	cases := []struct {
		role   string
		write  string // a change the role allows and viewers do not
		result string
	}{
		{"ADMIN", `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "By the member"}) { id } }`, "createWorkspace.id"},
		{"MEMBER", `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "rw", access: READ_WRITE}) { token { id } } }`, "createApiToken.token.id"},
	}
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Demoter")
		for _, tc := range cases {
			t.Run(tc.role, func(t *testing.T) {
				m, membership := join(t, h, owner, tc.role, nil)
				require.NotEmpty(t, m.MustDo(t, tc.write, map[string]any{"a": owner.AgencyID}).String(tc.result))

				entry := audited(t, owner, "member.role_changed", func() {
					r := owner.MustDo(t, changeRole, map[string]any{"m": membership, "r": "VIEWER"})
					require.Equal(t, "VIEWER", r.String("changeMemberRole.role"))
				})
				require.Equal(t, membership, entry["targetId"])
				require.Equal(t, owner.UserID, actorID(entry))
				require.Contains(t, entry["summary"], "VIEWER")

				require.Equal(t, "VIEWER", m.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
				before := auditTotal(t, owner)
				r := m.Do(t, tc.write, map[string]any{"a": owner.AgencyID})
				require.Equal(t, "FORBIDDEN", r.Code(), r.Raw)
				r = m.Do(t, `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "Viewer store"}) { id } }`, map[string]any{"a": owner.AgencyID})
				require.Equal(t, "FORBIDDEN", r.Code())
				require.Equal(t, before, auditTotal(t, owner), "the refused changes left no trace")
				m.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID}) // viewers still read
			})
		}

		t.Run("limiting to workspaces", func(t *testing.T) {
			w1, w2 := newWorkspace(t, owner, "Limited one"), newWorkspace(t, owner, "Limited two")
			m, membership := join(t, h, owner, "MEMBER", nil)
			require.Contains(t, ids(nodes(m.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID}), "workspaces.edges")), w2)
			r := owner.MustDo(t, changeRole, map[string]any{"m": membership, "r": "MEMBER", "w": []string{w1}})
			require.Equal(t, false, r.Get("changeMemberRole.allWorkspaces"))
			require.Equal(t, []string{w1}, ids(r.Get("changeMemberRole.workspaces")))
			require.Equal(t, []string{w1}, ids(nodes(m.MustDo(t, listWorkspaceIDs, map[string]any{"a": owner.AgencyID}), "workspaces.edges")))
			require.Equal(t, "NOT_FOUND", m.Do(t, `query($id: ID!) { workspace(id: $id) { id } }`, map[string]any{"id": w2}).Code())

			for _, role := range []string{"ADMIN", "OWNER"} {
				r := owner.Do(t, changeRole, map[string]any{"m": membership, "r": role, "w": []string{w1}})
				require.Equal(t, "VALIDATION_FAILED", r.Code(), role)
				require.Contains(t, r.Fields(), "workspaceIds", role)
			}
			require.Equal(t, "MEMBER", m.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
		})
	})
}

func TestOwnerRoleIsProtected(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Owned")
		ownerMembership := membershipOf(t, owner, owner.UserID)
		admin, adminMembership := join(t, h, owner, "ADMIN", nil)
		_, memberMembership := join(t, h, owner, "MEMBER", nil)
		entries := auditTotal(t, owner)

		t.Run("an admin cannot grant or touch the owner role", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				doc  string
				vars map[string]any
			}{
				{"promote a member", changeRole, map[string]any{"m": memberMembership, "r": "OWNER"}},
				{"promote themselves", changeRole, map[string]any{"m": adminMembership, "r": "OWNER"}},
				{"demote the owner", changeRole, map[string]any{"m": ownerMembership, "r": "ADMIN"}},
				{"remove the owner", removeMember, map[string]any{"m": ownerMembership}},
			} {
				r := admin.Do(t, tc.doc, tc.vars)
				require.Equal(t, "FORBIDDEN", r.Code(), "%s: %s", tc.name, r.Raw)
			}
			require.Equal(t, "OWNER", owner.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
			require.Equal(t, "ADMIN", admin.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
		})

		t.Run("the last owner stays", func(t *testing.T) {
			for _, role := range []string{"ADMIN", "MEMBER", "VIEWER"} {
				require.Equal(t, "CONFLICT", owner.Do(t, changeRole, map[string]any{"m": ownerMembership, "r": role}).Code(), role)
			}
			require.Equal(t, "CONFLICT", owner.Do(t, removeMember, map[string]any{"m": ownerMembership}).Code(), "the last owner cannot leave")
			require.Equal(t, "OWNER", owner.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
		})
		require.Equal(t, entries, auditTotal(t, owner), "refused changes are not recorded")

		t.Run("with a second owner the first may step down", func(t *testing.T) {
			audited(t, owner, "member.role_changed", func() {
				owner.MustDo(t, changeRole, map[string]any{"m": adminMembership, "r": "OWNER"})
			})
			require.Equal(t, "OWNER", admin.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))
			entry := audited(t, owner, "member.role_changed", func() {
				owner.MustDo(t, changeRole, map[string]any{"m": ownerMembership, "r": "ADMIN"})
			})
			require.Equal(t, ownerMembership, entry["targetId"])
			require.Equal(t, "ADMIN", owner.MustDo(t, agencyRole, map[string]any{"a": owner.AgencyID}).String("agency.viewerRole"))

			// Now the promoted admin is the last owner.
			require.Equal(t, "CONFLICT", admin.Do(t, changeRole, map[string]any{"m": adminMembership, "r": "ADMIN"}).Code())
			require.Equal(t, "CONFLICT", admin.Do(t, removeMember, map[string]any{"m": adminMembership}).Code())
			// Once the first is an owner again, the second may leave.
			admin.MustDo(t, changeRole, map[string]any{"m": ownerMembership, "r": "OWNER"})
			entry = audited(t, owner, "member.removed", func() {
				require.Equal(t, true, admin.MustDo(t, removeMember, map[string]any{"m": adminMembership}).Get("removeMember"))
			})
			require.Equal(t, admin.UserID, actorID(entry))
			require.Equal(t, "NOT_FOUND", admin.Do(t, agencyRole, map[string]any{"a": owner.AgencyID}).Code())
		})
	})
}

func TestRemovingAMember(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Remover")
		member, membership := join(t, h, owner, "MEMBER", nil)
		colleague, colleagueMembership := join(t, h, owner, "MEMBER", nil)
		createToken := `mutation($a: ID!, $n: String!, $x: TokenAccess!) { createApiToken(input: {agencyId: $a, name: $n, access: $x}) { secret token { id } } }`
		readWS := `query($a: ID!) { workspaces(agencyId: $a) { totalCount } }`

		// The member's tokens in this agency, and one in another agency they belong to.
		rw := h.WithToken(member.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "member rw", "x": "READ_WRITE"}).String("createApiToken.secret"))
		ro := h.WithToken(member.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "member ro", "x": "READ_ONLY"}).String("createApiToken.secret"))
		ownerTok := h.WithToken(owner.MustDo(t, createToken, map[string]any{"a": owner.AgencyID, "n": "owner's", "x": "READ_ONLY"}).String("createApiToken.secret"))
		otherOwner := h.SignUp(t, "Second home")
		tok, _ := invite(t, h, otherOwner, member.Email, "MEMBER", nil)
		member.MustDo(t, acceptInvitation, map[string]any{"in": map[string]any{"token": tok}})
		elsewhere := h.WithToken(member.MustDo(t, createToken, map[string]any{"a": otherOwner.AgencyID, "n": "elsewhere", "x": "READ_ONLY"}).String("createApiToken.secret"))
		for _, c := range []*testenv.Client{rw, ro, ownerTok} {
			c.MustDo(t, readWS, map[string]any{"a": owner.AgencyID})
		}

		// A member cannot remove someone else.
		require.Equal(t, "FORBIDDEN", member.Do(t, removeMember, map[string]any{"m": colleagueMembership}).Code())

		entry := audited(t, owner, "member.removed", func() {
			require.Equal(t, true, owner.MustDo(t, removeMember, map[string]any{"m": membership}).Get("removeMember"))
		})
		require.Equal(t, membership, entry["targetId"])
		require.Equal(t, owner.UserID, actorID(entry))
		require.Contains(t, entry["summary"], strings.ToLower(member.Email))

		// Their tokens in this agency stop working at once.
		for name, c := range map[string]*testenv.Client{"read-write": rw, "read-only": ro} {
			r := c.Do(t, `{ viewer { user { id } } }`, nil)
			require.Equal(t, 401, r.Status, name)
			require.Equal(t, "UNAUTHENTICATED", r.Code(), name)
		}
		revoked := owner.MustDo(t, `query($a: ID!) { apiTokens(agencyId: $a, includeRevoked: true) { edges { node { name revokedAt } } } }`, map[string]any{"a": owner.AgencyID})
		for _, n := range nodes(revoked, "apiTokens.edges") {
			if strings.HasPrefix(n["name"].(string), "member") {
				require.NotNil(t, n["revokedAt"], n["name"])
			} else {
				require.Nil(t, n["revokedAt"], n["name"])
			}
		}
		// Other people's tokens, and the member's tokens elsewhere, still work.
		ownerTok.MustDo(t, readWS, map[string]any{"a": owner.AgencyID})
		elsewhere.MustDo(t, readWS, map[string]any{"a": otherOwner.AgencyID})

		// The member's session no longer reaches the agency.
		require.Equal(t, "NOT_FOUND", member.Do(t, readWS, map[string]any{"a": owner.AgencyID}).Code())
		require.Len(t, member.MustDo(t, `{ viewer { memberships { id } } }`, nil).Get("viewer.memberships"), 1)
		require.Equal(t, "NOT_FOUND", owner.Do(t, removeMember, map[string]any{"m": membership}).Code(), "removing twice")

		// A member can leave on their own.
		entry = audited(t, owner, "member.removed", func() {
			require.Equal(t, true, colleague.MustDo(t, removeMember, map[string]any{"m": colleagueMembership}).Get("removeMember"))
		})
		require.Equal(t, colleague.UserID, actorID(entry))
		require.Equal(t, colleagueMembership, entry["targetId"])
		require.Contains(t, entry["summary"], "left")
		require.Equal(t, "NOT_FOUND", colleague.Do(t, readWS, map[string]any{"a": owner.AgencyID}).Code())
		members := owner.MustDo(t, listMembers, map[string]any{"a": owner.AgencyID})
		require.Equal(t, []string{membershipOf(t, owner, owner.UserID)}, ids(nodes(members, "members.edges")))
	})
}

// Two owners stepping down at the same moment must not leave the agency
// without one: exactly one of them succeeds.
func TestLastOwnerSurvivesConcurrentStepDowns(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		first := h.SignUp(t, "Twin owners")
		firstMembership := membershipOf(t, first, first.UserID)
		second, secondMembership := join(t, h, first, "OWNER", nil)
		owners := map[string]*testenv.Account{firstMembership: first, secondMembership: second}

		for round := 0; round < 15; round++ {
			// Each demotes themselves (even rounds) or the other (odd rounds).
			targets := map[string]string{firstMembership: firstMembership, secondMembership: secondMembership}
			if round%2 == 1 {
				targets = map[string]string{firstMembership: secondMembership, secondMembership: firstMembership}
			}
			codes := make(chan string, 2)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for actor, target := range targets {
				wg.Add(1)
				go func(c *testenv.Account, target string) {
					defer wg.Done()
					<-start
					codes <- c.Do(t, changeRole, map[string]any{"m": target, "r": "ADMIN"}).Code()
				}(owners[actor], target)
			}
			close(start)
			wg.Wait()
			close(codes)
			var got []string
			for c := range codes {
				got = append(got, c)
			}
			require.Len(t, got, 2)
			require.Contains(t, got, "", "round %d: one step-down succeeds", round)
			refused := got[0] + got[1] // the other is refused: the last owner stays (or, demoted first, is no owner any more)
			require.Contains(t, []string{"CONFLICT", "FORBIDDEN"}, refused, "round %d: %v", round, got)

			var still *testenv.Account
			for _, n := range nodes(first.MustDo(t, listMembers, map[string]any{"a": first.AgencyID}), "members.edges") {
				if n["role"] == "OWNER" {
					require.Nil(t, still, "round %d: one owner left", round)
					still = owners[n["id"].(string)]
				}
			}
			require.NotNil(t, still, "round %d: the agency kept an owner", round)
			other := firstMembership
			if still == first {
				other = secondMembership
			}
			still.MustDo(t, changeRole, map[string]any{"m": other, "r": "OWNER"})
		}
	})
}

// The one-pending-invitation-per-email rule holds however many invitations
// are pending.
func TestSecondPendingInvitationIsRefusedInABusyAgency(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Busy")
		invite(t, h, owner, "first@example.com", "MEMBER", nil)
		for i := 0; i < 100; i++ {
			invite(t, h, owner, fmt.Sprintf("later-%03d@example.com", i), "VIEWER", nil)
		}
		r := owner.Do(t, inviteMember, map[string]any{"a": owner.AgencyID, "e": "FIRST@example.com", "r": "MEMBER"})
		require.Equal(t, "CONFLICT", r.Code(), r.Raw)
		require.Contains(t, r.Fields(), "email")
		require.EqualValues(t, 101, owner.MustDo(t, listInvitations, map[string]any{"a": owner.AgencyID, "s": "PENDING"}).Get("invitations.totalCount"))
	})
}
