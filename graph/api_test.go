package graph_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/testenv"
)

const createWorkspace = `mutation($a: ID!, $n: String!) { createWorkspace(input: {agencyId: $a, name: $n}) { id name archivedAt agency { id } } }`

const countWorkspaces = `query($a: ID!) { workspaces(agencyId: $a, includeArchived: true) { totalCount } }`

func TestWorkspaceLifecycle(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Acme")

		r := owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "  Store One  "})
		wsID := r.String("createWorkspace.id")
		require.Equal(t, "Store One", r.String("createWorkspace.name"), "names are trimmed")
		require.Equal(t, owner.AgencyID, r.String("createWorkspace.agency.id"))

		// A duplicate name, in any case, is a CONFLICT that names the field.
		dup := owner.Do(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "store one"})
		require.Equal(t, "CONFLICT", dup.Code())
		require.Contains(t, dup.Fields(), "name")

		r = owner.MustDo(t, `mutation($id: ID!) { renameWorkspace(input: {id: $id, name: "Store 1"}) { name } }`, map[string]any{"id": wsID})
		require.Equal(t, "Store 1", r.String("renameWorkspace.name"))

		r = owner.MustDo(t, `mutation($id: ID!) { archiveWorkspace(id: $id) { archivedAt } }`, map[string]any{"id": wsID})
		require.NotNil(t, r.Get("archiveWorkspace.archivedAt"))
		list := owner.MustDo(t, `query($a: ID!) { workspaces(agencyId: $a) { totalCount } }`, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 0, list.Get("workspaces.totalCount"), "archived workspaces are hidden by default")

		rn := owner.Do(t, `mutation($id: ID!) { renameWorkspace(input: {id: $id, name: "X"}) { name } }`, map[string]any{"id": wsID})
		require.Equal(t, "CONFLICT", rn.Code(), "archived workspaces are read-only")

		r = owner.MustDo(t, `mutation($id: ID!) { restoreWorkspace(id: $id) { archivedAt } }`, map[string]any{"id": wsID})
		require.Nil(t, r.Get("restoreWorkspace.archivedAt"))

		// The audit log holds one entry per change, newest first.
		log := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a) { edges { node { action actor { kind user { email } } workspace { name } } } } }`,
			map[string]any{"a": owner.AgencyID})
		var actions []string
		for _, e := range log.Get("auditLog.edges").([]any) {
			actions = append(actions, e.(map[string]any)["node"].(map[string]any)["action"].(string))
		}
		require.Equal(t, []string{"workspace.restored", "workspace.archived", "workspace.renamed", "workspace.created", "agency.created"}, actions)
	})
}

func TestPagination(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Pager")
		for _, n := range []string{"a", "b", "c", "d", "e"} {
			owner.MustDo(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": n})
		}
		q := `query($a: ID!, $after: String) { workspaces(agencyId: $a, first: 2, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`
		var names []string
		var after any
		for page := 0; page < 5; page++ {
			r := owner.MustDo(t, q, map[string]any{"a": owner.AgencyID, "after": after})
			require.EqualValues(t, 5, r.Get("workspaces.totalCount"))
			for _, e := range r.Get("workspaces.edges").([]any) {
				names = append(names, e.(map[string]any)["node"].(map[string]any)["name"].(string))
			}
			if !r.Get("workspaces.pageInfo.hasNextPage").(bool) {
				break
			}
			after = r.Get("workspaces.pageInfo.endCursor")
		}
		require.Equal(t, []string{"e", "d", "c", "b", "a"}, names, "newest first, each once")

		tooMany := owner.Do(t, `query($a: ID!) { workspaces(agencyId: $a, first: 101) { totalCount } }`, map[string]any{"a": owner.AgencyID})
		require.Equal(t, "VALIDATION_FAILED", tooMany.Code())
		require.Contains(t, tooMany.Fields(), "first")
		bad := owner.Do(t, `query($a: ID!) { workspaces(agencyId: $a, after: "nope") { totalCount } }`, map[string]any{"a": owner.AgencyID})
		require.Equal(t, "VALIDATION_FAILED", bad.Code())
	})
}

func TestInputIsRejectedWithFieldErrorsAndNothingIsWritten(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		anon := h.NewClient()
		r := anon.Do(t, `mutation { signUp(input: {agencyName: "", name: "N", email: "not-an-email", password: "short"}) { viewer { user { id } } } }`, nil)
		require.Equal(t, "VALIDATION_FAILED", r.Code())
		require.Equal(t, map[string]any{
			"agencyName": "is required", "email": "must be an email address", "password": "must be at least 10 characters",
		}, r.Fields())

		owner := h.SignUp(t, "Valid")
		r = owner.Do(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": strings.Repeat("x", 81)})
		require.Equal(t, "VALIDATION_FAILED", r.Code())
		require.Equal(t, "must be at most 80 characters", r.Fields()["name"])
		r = owner.Do(t, createWorkspace, map[string]any{"a": "garbage", "n": "ok"})
		require.Equal(t, "VALIDATION_FAILED", r.Code())
		require.Contains(t, r.Fields(), "agencyId")
		r = owner.Do(t, `mutation($a: ID!) { inviteMember(input: {agencyId: $a, email: "x@example.com", role: ADMIN, workspaceIds: ["bad"]}) { inviteUrl } }`,
			map[string]any{"a": owner.AgencyID})
		require.Equal(t, "VALIDATION_FAILED", r.Code())
		require.Contains(t, r.Fields(), "workspaceIds")

		n := owner.MustDo(t, countWorkspaces, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 0, n.Get("workspaces.totalCount"))
		log := owner.MustDo(t, `query($a: ID!) { auditLog(agencyId: $a) { totalCount } }`, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 1, log.Get("auditLog.totalCount"), "only the sign-up was recorded")
	})
}

func TestAuthenticationIsRefused(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Auth")

		t.Run("wrong password and unknown email look the same", func(t *testing.T) {
			for _, email := range []string{owner.Email, "nobody@example.com"} {
				r := h.NewClient().Do(t, `mutation($e: String!) { signIn(input: {email: $e, password: "wrong password!"}) { viewer { user { id } } } }`, map[string]any{"e": email})
				require.Equal(t, "UNAUTHENTICATED", r.Code())
				require.Equal(t, "wrong email or password", r.Errors[0].Message)
			}
		})
		t.Run("sign in, then sign out ends the session", func(t *testing.T) {
			c := h.NewClient()
			c.MustDo(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { email } } } }`, map[string]any{"e": strings.ToUpper(owner.Email)})
			c.MustDo(t, `{ viewer { user { email } } }`, nil)
			old := c.Cookies()
			c.MustDo(t, `mutation { signOut }`, nil)
			require.Equal(t, "UNAUTHENTICATED", c.Do(t, `{ viewer { user { email } } }`, nil).Code())
			// Replaying the old cookie does not bring the session back.
			replay := h.NewClient()
			u, _ := http.NewRequest("GET", h.URL, nil)
			replay.SetCookies(u.URL, old)
			require.Equal(t, "UNAUTHENTICATED", replay.Do(t, `{ viewer { user { email } } }`, nil).Code())
		})
		t.Run("expired session", func(t *testing.T) {
			c := h.NewClient()
			c.MustDo(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { email } } } }`, map[string]any{"e": owner.Email})
			_, err := h.App.DB.Bun.NewUpdate().Table("sessions").Set("expires_at = ?", "2000-01-01 00:00:00+00:00").Where("id = (SELECT id FROM sessions ORDER BY id DESC LIMIT 1)").Exec(t.Context())
			require.NoError(t, err)
			require.Equal(t, "UNAUTHENTICATED", c.Do(t, `{ viewer { user { email } } }`, nil).Code())
		})
		t.Run("missing CSRF token", func(t *testing.T) {
			c := h.NewClient()
			c.MustDo(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { email } } } }`, map[string]any{"e": owner.Email})
			c.NoCSRF = true
			r := c.Do(t, createWorkspace, map[string]any{"a": owner.AgencyID, "n": "csrf"})
			require.Equal(t, http.StatusForbidden, r.Status)
			require.Equal(t, "FORBIDDEN", r.Code())
			c.NoCSRF = false
			n := c.MustDo(t, countWorkspaces, map[string]any{"a": owner.AgencyID})
			require.EqualValues(t, 0, n.Get("workspaces.totalCount"))
		})
		t.Run("revoked and unknown API tokens", func(t *testing.T) {
			r := owner.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "ci", access: READ_WRITE}) { secret token { id prefix } } }`, map[string]any{"a": owner.AgencyID})
			secret := r.String("createApiToken.secret")
			require.True(t, strings.HasPrefix(secret, r.String("createApiToken.token.prefix")))
			dev := h.WithToken(secret)
			v := dev.MustDo(t, `{ viewer { authMethod user { email } } }`, nil)
			require.Equal(t, "API_TOKEN", v.String("viewer.authMethod"))
			owner.MustDo(t, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": r.String("createApiToken.token.id")})
			rr := dev.Do(t, `{ viewer { user { email } } }`, nil)
			require.Equal(t, http.StatusUnauthorized, rr.Status)
			require.Equal(t, "UNAUTHENTICATED", rr.Code())
			require.Equal(t, "UNAUTHENTICATED", h.WithToken("sbt_unknown").Do(t, `{ viewer { user { email } } }`, nil).Code())
		})
	})
}

func TestRequestsRefusedBeforeAnyResolverRuns(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		owner := h.SignUp(t, "Limits")
		vars := map[string]any{"a": owner.AgencyID, "n": "never"}

		big := owner.Post(t, []byte(`{"query":"`+strings.Repeat(" ", 1<<20)+`"}`))
		require.Equal(t, http.StatusRequestEntityTooLarge, big.Status)

		bad := owner.Post(t, []byte(`{"query": "mutation {`))
		require.NotEqual(t, http.StatusOK, bad.Status)
		require.NotEmpty(t, bad.Errors)

		deep := owner.Do(t, `{ viewer { memberships { agency { id } user { id } } } }`+strings.Repeat(" ", 1), nil)
		require.Empty(t, deep.Errors, "a normal query passes")
		nested := "id"
		for i := 0; i < 13; i++ {
			nested = "... on Workspace { agency { id } } id node(id: $a) { " + nested + " }"
		}
		tooDeep := owner.Do(t, `query($a: ID!) { node(id: $a) { `+nested+` } }`, map[string]any{"a": owner.AgencyID})
		require.NotEmpty(t, tooDeep.Errors)
		var aliases bytes.Buffer
		for i := 0; i < 31; i++ {
			aliases.WriteString("a")
			aliases.WriteString(strings.Repeat("x", i+1))
			aliases.WriteString(": viewer { user { id } } ")
		}
		tooManyAliases := owner.Do(t, "{ "+aliases.String()+" }", nil)
		require.Equal(t, "TOO_MANY_ALIASES", tooManyAliases.Code())

		costly := owner.Do(t, `query($a: ID!) { workspaces(agencyId: $a, first: 100) { edges { node { agency { id name createdAt viewerRole } id name createdAt archivedAt } } }
			auditLog(agencyId: $a, first: 100) { edges { node { agency { id name } workspace { id name } actor { kind user { id name email } } id action summary } } } }`, map[string]any{"a": owner.AgencyID})
		require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", costly.Code())

		mixed := owner.Do(t, `mutation($a: ID!, $n: String!) { createWorkspace(input: {agencyId: $a, name: $n}) { id } `+aliases.String()+` }`, vars)
		require.NotEmpty(t, mixed.Errors)
		n := owner.MustDo(t, countWorkspaces, map[string]any{"a": owner.AgencyID})
		require.EqualValues(t, 0, n.Get("workspaces.totalCount"), "refused operations wrote nothing")
	})
}

func TestPasswordGuessingIsThrottled(t *testing.T) {
	h := testenv.StartHub(t, testenv.NewTarget(t, "sqlite"))
	victim := h.SignUp(t, "Victim")
	guess := `mutation($e: String!) { signIn(input: {email: $e, password: "guess number x"}) { viewer { user { id } } } }`
	codes := map[string]int{}
	for i := 0; i < 12; i++ {
		codes[h.NewClient().Do(t, guess, map[string]any{"e": victim.Email}).Code()]++
	}
	require.Equal(t, 10, codes["UNAUTHENTICATED"])
	require.Equal(t, 2, codes["TOO_MANY_REQUESTS"])
	// Other accounts are not affected.
	other := h.SignUp(t, "Other")
	r := h.NewClient().Do(t, `mutation($e: String!) { signIn(input: {email: $e, password: "correct horse battery"}) { viewer { user { id } } } }`, map[string]any{"e": other.Email})
	require.Empty(t, r.Errors)
}
