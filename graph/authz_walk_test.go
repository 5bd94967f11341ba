package graph_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/graph/generated"
	"github.com/switchboard-hub/switchboard/internal/gid"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// walkCase is how the authorization walk calls one root field. Every Query,
// Mutation and Subscription field needs one: a field added to the schema
// without a case here fails TestAuthorizationWalk.
type walkCase struct {
	// docs are operations over the variables $agency, $workspace,
	// $membership, $invitation, $token, $entry, $user, $inviteToken, $email,
	// $connection, $rule, $run, $mapping, $sync, $syncRun.
	docs []string
	// workspaceLevel fields are also called by a member who cannot reach
	// $workspace (with noAccessDocs when set, else docs).
	workspaceLevel bool
	noAccessDocs   []string
	// selfOnly mutations touch nothing but the caller's own session (or
	// nothing at all: dry runs), so viewers and read-only tokens may call
	// them (nothing else changes).
	selfOnly bool
}

var walkCases = map[string]walkCase{
	// Queries
	"node": {workspaceLevel: true, docs: []string{
		`query($agency: ID!) { node(id: $agency) { id ... on Agency { name } } }`,
		`query($workspace: ID!) { node(id: $workspace) { id ... on Workspace { name } } }`,
		`query($membership: ID!) { node(id: $membership) { id ... on Membership { user { email } } } }`,
		`query($invitation: ID!) { node(id: $invitation) { id ... on Invitation { email } } }`,
		`query($token: ID!) { node(id: $token) { id ... on ApiToken { name } } }`,
		`query($entry: ID!) { node(id: $entry) { id ... on AuditEntry { summary } } }`,
		`query($user: ID!) { node(id: $user) { id ... on User { email name } } }`,
		`query($connection: ID!) { node(id: $connection) { id ... on Connection { name values { name value } } } }`,
	}},
	"viewer":            {docs: []string{`{ viewer { user { email } memberships { agency { id name } } } }`}},
	"agency":            {docs: []string{`query($agency: ID!) { agency(id: $agency) { id name viewerRole } }`}},
	"workspace":         {workspaceLevel: true, docs: []string{`query($workspace: ID!) { workspace(id: $workspace) { id name agency { name } } }`}},
	"workspaces":        {workspaceLevel: true, docs: []string{`query($agency: ID!) { workspaces(agencyId: $agency, includeArchived: true) { totalCount edges { node { id name } } } }`}},
	"members":           {workspaceLevel: true, docs: []string{`query($agency: ID!) { members(agencyId: $agency) { edges { node { id user { email } workspaces { id name } } } } }`}},
	"invitations":       {docs: []string{`query($agency: ID!) { invitations(agencyId: $agency) { edges { node { id email } } } }`}},
	"invitationPreview": {docs: []string{`{ invitationPreview(token: "sbi_guessed") { agencyName email } }`}},
	"apiTokens":         {docs: []string{`query($agency: ID!) { apiTokens(agencyId: $agency, includeRevoked: true) { edges { node { id name prefix } } } }`}},
	"auditLog": {workspaceLevel: true, docs: []string{
		`query($agency: ID!) { auditLog(agencyId: $agency) { edges { node { id summary workspace { id name } } } } }`,
		`query($agency: ID!, $workspace: ID!) { auditLog(agencyId: $agency, workspaceId: $workspace) { edges { node { id summary } } } }`,
	}},
	"connectors":  {docs: []string{`{ connectors { slug name fields { name } } }`}},
	"connector":   {docs: []string{`{ connector(slug: "shopify") { slug auth { scopes } } }`}},
	"connections": {workspaceLevel: true, docs: []string{`query($workspace: ID!) { connections(workspaceId: $workspace) { id name values { name value } } }`}},
	// Mutations
	"createConnection": {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { createConnection(input: {workspaceId: $workspace, connector: "webhook", name: "intruder",
		values: [{name: "url", value: "https://intruder.example/x"}, {name: "signingSecret", value: "intruder-signing-secret-0123456789"}]}) { id } }`}},
	"startConnection": {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { startConnection(input: {workspaceId: $workspace, connector: "shopify",
		values: [{name: "shop", value: "intruder.myshopify.com"}]}) { authorizeUrl } }`}},
	"reconnect":             {workspaceLevel: true, docs: []string{`mutation($connection: ID!) { reconnect(id: $connection) { authorizeUrl } }`}},
	"testConnection":        {workspaceLevel: true, docs: []string{`mutation($connection: ID!) { testConnection(id: $connection) { id name status } }`}},
	"disconnect":            {workspaceLevel: true, docs: []string{`mutation($connection: ID!) { disconnect(id: $connection) { id name status } }`}},
	"signUp":                {docs: []string{`mutation($email: String!) { signUp(input: {agencyName: "Intruder", name: "I", email: $email, password: "intruder password"}) { viewer { user { id } } } }`}},
	"signIn":                {docs: []string{`mutation($email: String!) { signIn(input: {email: $email, password: "not the password"}) { viewer { user { id } } } }`}},
	"signOut":               {selfOnly: true, docs: []string{`mutation { signOut }`}},
	"createWorkspace":       {docs: []string{`mutation($agency: ID!) { createWorkspace(input: {agencyId: $agency, name: "Intruder store"}) { id } }`}},
	"renameWorkspace":       {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { renameWorkspace(input: {id: $workspace, name: "Renamed by intruder"}) { id name } }`}},
	"setWorkspaceTimeZone":  {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { setWorkspaceTimeZone(input: {id: $workspace, timeZone: "Asia/Tokyo"}) { id timeZone } }`}},
	"archiveWorkspace":      {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { archiveWorkspace(id: $workspace) { id name } }`}},
	"restoreWorkspace":      {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { restoreWorkspace(id: $workspace) { id name } }`}},
	"inviteMember":          {docs: []string{`mutation($agency: ID!) { inviteMember(input: {agencyId: $agency, email: "intruder@example.com", role: OWNER}) { inviteUrl } }`}},
	"revokeInvitation":      {docs: []string{`mutation($invitation: ID!) { revokeInvitation(id: $invitation) { id email } }`}},
	"rules":                 {workspaceLevel: true, docs: []string{`query($workspace: ID!) { rules(workspaceId: $workspace) { id name steps } }`}},
	"recipes":               {docs: []string{`query { recipes { slug name } }`}},
	"triggerEvents":         {docs: []string{`query { triggerEvents { type } }`}},
	"runs":                  {workspaceLevel: true, docs: []string{`query($workspace: ID!) { runs(workspaceId: $workspace) { totalCount edges { node { id rule { name } event { data } } } } }`}},
	"previewTemplate":       {workspaceLevel: true, docs: []string{`query($workspace: ID!) { previewTemplate(workspaceId: $workspace, eventType: "order.created", template: "{{order.number}} {{store.name}}") { rendered } }`}},
	"createRule":            {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { createRule(workspaceId: $workspace, input: {name: "Intruder rule", trigger: {event: "order.created"}, steps: [{kind: "action", action: {connector: "webhook", action: "notify", connectionId: "Q29ubmVjdGlvbjp4", input: {event: "x"}}}]}) { id name } }`}},
	"updateRule":            {workspaceLevel: true, docs: []string{`mutation($rule: ID!) { updateRule(id: $rule, input: {name: "Intruder rule", trigger: {event: "order.created"}, steps: [{kind: "action", action: {connector: "webhook", action: "notify", connectionId: "Q29ubmVjdGlvbjp4", input: {event: "x"}}}]}) { id name } }`}},
	"setRuleEnabled":        {workspaceLevel: true, docs: []string{`mutation($rule: ID!) { setRuleEnabled(id: $rule, enabled: true) { id name } }`}},
	"deleteRule":            {workspaceLevel: true, docs: []string{`mutation($rule: ID!) { deleteRule(id: $rule) }`}},
	"addRecipe":             {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { addRecipe(workspaceId: $workspace, recipe: "order-confirmation") { id name } }`}},
	"testRule":              {workspaceLevel: true, selfOnly: true, docs: []string{`mutation($workspace: ID!) { testRule(workspaceId: $workspace, input: {name: "Intruder rule", trigger: {event: "order.created"}, steps: [{kind: "action", action: {connector: "webhook", action: "notify", connectionId: "Q29ubmVjdGlvbjp4", input: {event: "x"}}}]}) { conditionHeld steps { rendered { value } } } }`}},
	"backtestRule":          {workspaceLevel: true, selfOnly: true, docs: []string{`mutation($rule: ID!) { backtestRule(id: $rule, from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { events } }`}},
	"retryRun":              {workspaceLevel: true, docs: []string{`mutation($run: ID!) { retryRun(id: $run) { id status } }`}},
	"cancelRun":             {workspaceLevel: true, docs: []string{`mutation($run: ID!) { cancelRun(id: $run) { id status } }`}},
	"ruleUpdated":           {workspaceLevel: true, docs: []string{`subscription($workspace: ID!) { ruleUpdated(workspaceId: $workspace) { id name steps } }`}},
	"runUpdated":            {workspaceLevel: true, docs: []string{`subscription($workspace: ID!) { runUpdated(workspaceId: $workspace) { id rule { name } } }`}},
	"mappings":              {workspaceLevel: true, docs: []string{`query($workspace: ID!) { mappings(workspaceId: $workspace) { id name definition sourceConnection { name } } }`}},
	"previewMapping":        {workspaceLevel: true, docs: []string{`query($workspace: ID!, $connection: ID!) { previewMapping(workspaceId: $workspace, input: {name: "Intruder mapping", sourceConnectionId: $connection, sourceEntity: "customer", targetConnectionId: $connection, targetEntity: "contact", definition: {fields: []}}) { sourceId source target } }`}},
	"syncs":                 {workspaceLevel: true, docs: []string{`query($workspace: ID!) { syncs(workspaceId: $workspace) { id name mapping { name } runs { id recordErrors { reason record } } } }`}},
	"sync":                  {workspaceLevel: true, docs: []string{`query($sync: ID!) { sync(id: $sync) { id name mapping { name } } }`}},
	"syncRun":               {workspaceLevel: true, docs: []string{`query($syncRun: ID!) { syncRun(id: $syncRun) { id status recordErrors { reason record } sync { name } } }`}},
	"createMapping":         {workspaceLevel: true, docs: []string{`mutation($workspace: ID!, $connection: ID!) { createMapping(workspaceId: $workspace, input: {name: "Intruder mapping", sourceConnectionId: $connection, sourceEntity: "customer", targetConnectionId: $connection, targetEntity: "contact", definition: {fields: []}}) { id name } }`}},
	"updateMapping":         {workspaceLevel: true, docs: []string{`mutation($mapping: ID!, $connection: ID!) { updateMapping(id: $mapping, input: {name: "Intruder mapping", sourceConnectionId: $connection, sourceEntity: "customer", targetConnectionId: $connection, targetEntity: "contact", definition: {fields: []}}) { id name } }`}},
	"deleteMapping":         {workspaceLevel: true, docs: []string{`mutation($mapping: ID!) { deleteMapping(id: $mapping) }`}},
	"createSync":            {workspaceLevel: true, docs: []string{`mutation($workspace: ID!, $mapping: ID!) { createSync(workspaceId: $workspace, input: {name: "Intruder sync", mappingId: $mapping}) { id name } }`}},
	"updateSync":            {workspaceLevel: true, docs: []string{`mutation($sync: ID!, $mapping: ID!) { updateSync(id: $sync, input: {name: "Intruder sync", mappingId: $mapping, enabled: false}) { id name } }`}},
	"deleteSync":            {workspaceLevel: true, docs: []string{`mutation($sync: ID!) { deleteSync(id: $sync) }`}},
	"startSync":             {workspaceLevel: true, docs: []string{`mutation($sync: ID!) { startSync(id: $sync, full: true) { id status } }`}},
	"cancelSyncRun":         {workspaceLevel: true, docs: []string{`mutation($syncRun: ID!) { cancelSyncRun(id: $syncRun) { id status } }`}},
	"syncRunUpdated":        {workspaceLevel: true, docs: []string{`subscription($workspace: ID!) { syncRunUpdated(workspaceId: $workspace) { id status sync { name } } }`}},
	"inventoryPolicy":       {workspaceLevel: true, docs: []string{`query($workspace: ID!) { inventoryPolicy(workspaceId: $workspace) { enabled channels { name } sourceOfTruth { name } lastReconciliation { status } } }`}},
	"inventoryItems":        {workspaceLevel: true, docs: []string{`query($workspace: ID!) { inventoryItems(workspaceId: $workspace) { totalCount items { sku available levels { available channel { name } } } } }`}},
	"inventoryAdjustments":  {workspaceLevel: true, docs: []string{`query($workspace: ID!) { inventoryAdjustments(workspaceId: $workspace) { totalCount items { sku cause reference } } }`}},
	"setInventoryPolicy":    {workspaceLevel: true, docs: []string{`mutation($workspace: ID!, $connection: ID!) { setInventoryPolicy(workspaceId: $workspace, input: {enabled: false, channelIds: [$connection], sourceOfTruthId: $connection}) { enabled } }`}},
	"reconcileInventory":    {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { reconcileInventory(workspaceId: $workspace) { id status } }`}},
	"setInventoryAvailable": {workspaceLevel: true, docs: []string{`mutation($workspace: ID!) { setInventoryAvailable(workspaceId: $workspace, sku: "walk-sku", available: 1) { sku available } }`}},
	"inventoryUpdated":      {workspaceLevel: true, docs: []string{`subscription($workspace: ID!) { inventoryUpdated(workspaceId: $workspace) { item { sku } adjustment { sku } } }`}},
	"run":                   {workspaceLevel: true, docs: []string{`subscription($run: ID!) { run(id: $run) { id rule { name } } }`}},
	"appInstall":            {docs: []string{`query { appInstall(token: "walk-unknown-install") { shop workspaces { id name } agencies { id name } } }`}},
	"completeAppInstall": {workspaceLevel: true, docs: []string{
		`mutation($workspace: ID!) { completeAppInstall(input: {token: "walk-unknown-install", workspaceId: $workspace}) { workspace { id name } } }`,
		`mutation($agency: ID!) { completeAppInstall(input: {token: "walk-unknown-install", agencyId: $agency}) { workspace { id name } } }`,
	}},
	"acceptInvitation": {docs: []string{`mutation($inviteToken: String!) { acceptInvitation(input: {token: $inviteToken}) { viewer { memberships { agency { id name } } } } }`}},
	"changeMemberRole": {docs: []string{`mutation($membership: ID!) { changeMemberRole(input: {membershipId: $membership, role: ADMIN}) { id role } }`}},
	"removeMember":     {docs: []string{`mutation($membership: ID!) { removeMember(membershipId: $membership) }`}},
	"createApiToken":   {docs: []string{`mutation($agency: ID!) { createApiToken(input: {agencyId: $agency, name: "intruder", access: READ_WRITE}) { secret } }`}},
	"revokeApiToken":   {docs: []string{`mutation($token: ID!) { revokeApiToken(id: $token) { id name } }`}},
	// Subscriptions
	"connectionStatusChanged": {workspaceLevel: true, docs: []string{`subscription($workspace: ID!) { connectionStatusChanged(workspaceId: $workspace) { id name } }`}},
	"auditLogAdded": {workspaceLevel: true, docs: []string{
		`subscription($agency: ID!) { auditLogAdded(agencyId: $agency) { summary } }`,
		`subscription($agency: ID!, $workspace: ID!) { auditLogAdded(agencyId: $agency, workspaceId: $workspace) { summary } }`,
	}, noAccessDocs: []string{
		// The agency-wide stream is open to members; TestAuditLogStreamsLive
		// proves it filters out the workspaces they cannot reach.
		`subscription($agency: ID!, $workspace: ID!) { auditLogAdded(agencyId: $agency, workspaceId: $workspace) { summary } }`,
	}},
}

// tenant is one agency's objects, as global ids plus the strings that must
// never leak to another tenant.
type tenant struct {
	vars    map[string]any
	secrets []string
}

func TestAuthorizationWalk(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	roots := map[string][]string{}
	for _, root := range []string{"Query", "Mutation", "Subscription"} {
		for _, f := range schema.Types[root].Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			roots[root] = append(roots[root], f.Name)
			if _, ok := walkCases[f.Name]; !ok {
				t.Errorf("%s.%s has no authorization walk case: add one to walkCases", root, f.Name)
			}
		}
	}
	if t.Failed() {
		return
	}

	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		h := testenv.StartHub(t, db)
		w := newWalkWorld(t, h)

		fields := append(append(append([]string{}, roots["Query"]...), roots["Mutation"]...), roots["Subscription"]...)
		sort.SliceStable(fields, func(i, j int) bool { return fields[j] == "signOut" && fields[i] != "signOut" }) // signing out last

		for _, field := range fields {
			c := walkCases[field]
			isMutation := contains(roots["Mutation"], field)
			isSubscription := contains(roots["Subscription"], field)
			for _, doc := range c.docs {
				// 1. An owner of agency A calls with agency B's objects.
				w.expectNoLeak(t, field+" as another agency's owner", w.ownerA.Client, w.b, doc, isSubscription)
				// 2. A viewer, and a read-only token, try to change A.
				if isMutation {
					w.expectNoChange(t, field+" as a viewer", w.viewerA.Client, doc, !c.selfOnly)
					w.expectNoChange(t, field+" with a read-only token", w.readOnlyA, doc, !c.selfOnly)
				}
			}
			// 3. A member of A who cannot reach workspace WA2.
			if c.workspaceLevel {
				docs := c.noAccessDocs
				if docs == nil {
					docs = c.docs
				}
				for _, doc := range docs {
					w.expectNoLeak(t, field+" as a member without access", w.memberA.Client, w.hiddenWA2, doc, isSubscription)
				}
			}
		}
	})
}

type walkWorld struct {
	h                  *testenv.Hub
	ownerA, ownerB     *testenv.Account
	memberA, viewerA   *testenv.Account
	readOnlyA          *testenv.Client
	a, b, hiddenWA2    tenant
	snapshotTablesHash func(t *testing.T) string
}

func newWalkWorld(t *testing.T, h *testenv.Hub) *walkWorld {
	w := &walkWorld{h: h}
	w.ownerA = h.SignUp(t, "Alpha Agency")
	w.ownerB = h.SignUp(t, "Bravo Private Agency")

	wa1 := w.ownerA.MustDo(t, createWorkspace, map[string]any{"a": w.ownerA.AgencyID, "n": "Alpha Store One"}).String("createWorkspace.id")
	wa2 := w.ownerA.MustDo(t, createWorkspace, map[string]any{"a": w.ownerA.AgencyID, "n": "Alpha Hidden Store"}).String("createWorkspace.id")
	w.memberA = addMember(t, h, w.ownerA, "MEMBER", []string{wa1})
	w.viewerA = addMember(t, h, w.ownerA, "VIEWER", nil)
	addMember(t, h, w.ownerA, "VIEWER", []string{wa2}) // a member of the hidden store, listed among the members
	ro := w.ownerA.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "alpha read-only", access: READ_ONLY}) { secret } }`,
		map[string]any{"a": w.ownerA.AgencyID}).String("createApiToken.secret")
	w.readOnlyA = h.WithToken(ro)
	rwA := w.ownerA.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "alpha rw", access: READ_WRITE}) { token { id } } }`,
		map[string]any{"a": w.ownerA.AgencyID}).String("createApiToken.token.id")
	invA := w.ownerA.MustDo(t, `mutation($a: ID!) { inviteMember(input: {agencyId: $a, email: "pending-a@example.com", role: MEMBER}) { inviteUrl invitation { id } } }`,
		map[string]any{"a": w.ownerA.AgencyID})
	membersA := w.ownerA.MustDo(t, `query($a: ID!) { members(agencyId: $a) { edges { node { id role } } } }`, map[string]any{"a": w.ownerA.AgencyID})
	var memberAMembership string
	for _, e := range membersA.Get("members.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["role"] == "MEMBER" {
			memberAMembership = n["id"].(string)
		}
	}
	connA := addWebhook(t, w.ownerA, wa1, "Alpha hook")
	connWA2 := addWebhook(t, w.ownerA, wa2, "Alpha hidden hook")
	entryWA2 := firstEntry(t, w.ownerA, wa2)

	wb := w.ownerB.MustDo(t, createWorkspace, map[string]any{"a": w.ownerB.AgencyID, "n": "Bravo Secret Store"}).String("createWorkspace.id")
	memberB := addMember(t, h, w.ownerB, "MEMBER", nil)
	tokB := w.ownerB.MustDo(t, `mutation($a: ID!) { createApiToken(input: {agencyId: $a, name: "bravo secret token", access: READ_WRITE}) { token { id } } }`,
		map[string]any{"a": w.ownerB.AgencyID}).String("createApiToken.token.id")
	invB := w.ownerB.MustDo(t, `mutation($a: ID!) { inviteMember(input: {agencyId: $a, email: "bravo-invitee@example.com", role: ADMIN}) { inviteUrl invitation { id } } }`,
		map[string]any{"a": w.ownerB.AgencyID})
	membersB := w.ownerB.MustDo(t, `query($a: ID!) { members(agencyId: $a) { edges { node { id user { id } } } } }`, map[string]any{"a": w.ownerB.AgencyID})
	var memberBMembership string
	for _, e := range membersB.Get("members.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["user"].(map[string]any)["id"] == memberB.UserID {
			memberBMembership = n["id"].(string)
		}
	}
	connB := addWebhook(t, w.ownerB, wb, "Bravo hook")
	entryB := firstEntry(t, w.ownerB, wb)
	ruleB, runB := seedRule(t, h, w.ownerB, wb, connB, "Bravo rule")
	ruleA, runA := seedRule(t, h, w.ownerA, wa1, connA, "Alpha rule")
	ruleWA2, runWA2 := seedRule(t, h, w.ownerA, wa2, connWA2, "Alpha hidden rule")
	mapB, syncB, syncRunB := seedSync(t, h, connB, "Bravo")
	mapA, syncA, syncRunA := seedSync(t, h, connA, "Alpha")
	mapWA2, syncWA2, syncRunWA2 := seedSync(t, h, connWA2, "Alpha hidden")

	w.b = tenant{
		vars: map[string]any{
			"agency": w.ownerB.AgencyID, "workspace": wb, "membership": memberBMembership, "invitation": invB.String("inviteMember.invitation.id"),
			"token": tokB, "entry": entryB, "user": memberB.UserID, "inviteToken": inviteToken(h, invB.String("inviteMember.inviteUrl")),
			"email": w.ownerB.Email, "connection": connB, "rule": ruleB, "run": runB, "mapping": mapB, "sync": syncB, "syncRun": syncRunB,
		},
		secrets: []string{"Bravo", "bravo", memberB.Email, w.ownerB.Email},
	}
	for _, id := range []string{w.ownerB.AgencyID, wb, memberBMembership, tokB, entryB, memberB.UserID, w.ownerB.UserID, connB, ruleB, runB, mapB, syncB, syncRunB} {
		w.b.secrets = append(w.b.secrets, id, rawID(id))
	}
	w.a = tenant{vars: map[string]any{
		"agency": w.ownerA.AgencyID, "workspace": wa1, "membership": memberAMembership, "invitation": invA.String("inviteMember.invitation.id"),
		"token": rwA, "entry": entryWA2, "user": w.memberA.UserID, "inviteToken": inviteToken(h, invA.String("inviteMember.inviteUrl")),
		"email": w.ownerA.Email, "connection": connA, "rule": ruleA, "run": runA, "mapping": mapA, "sync": syncA, "syncRun": syncRunA,
	}}
	w.hiddenWA2 = tenant{vars: copyVars(w.a.vars, map[string]any{"workspace": wa2, "connection": connWA2, "rule": ruleWA2, "run": runWA2,
		"mapping": mapWA2, "sync": syncWA2, "syncRun": syncRunWA2}),
		secrets: []string{"Alpha Hidden Store", wa2, rawID(wa2), entryWA2, rawID(entryWA2), "Alpha hidden hook", connWA2, rawID(connWA2),
			"Alpha hidden rule", ruleWA2, rawID(ruleWA2), runWA2, rawID(runWA2), "Alpha hidden mapping", mapWA2, rawID(mapWA2),
			"Alpha hidden sync", syncWA2, rawID(syncWA2), syncRunWA2, rawID(syncRunWA2)}}
	return w
}

func (w *walkWorld) expectNoLeak(t *testing.T, what string, c *testenv.Client, ten tenant, doc string, subscription bool) {
	t.Helper()
	before := snapshot(t, w.h.App.DB.Bun)
	raw := w.call(t, c, doc, ten.vars, subscription)
	for _, s := range ten.secrets {
		if strings.Contains(raw, s) {
			t.Errorf("%s: the response leaks %q:\n%s\n%s", what, s, doc, raw)
		}
	}
	if after := snapshot(t, w.h.App.DB.Bun); after != before {
		t.Errorf("%s: the call changed the database:\n%s\n%s", what, doc, raw)
	}
}

func (w *walkWorld) expectNoChange(t *testing.T, what string, c *testenv.Client, doc string, refused bool) {
	t.Helper()
	before := snapshot(t, w.h.App.DB.Bun)
	raw := w.call(t, c, doc, w.a.vars, false)
	if after := snapshot(t, w.h.App.DB.Bun); after != before {
		t.Errorf("%s: the call changed the database:\n%s\n%s", what, doc, raw)
	}
	if refused && !strings.Contains(raw, `"errors"`) {
		t.Errorf("%s: the call was not refused:\n%s\n%s", what, doc, raw)
	}
}

// call runs doc with the variables it declares; a subscription must be
// refused with an error (it would otherwise wait for events).
func (w *walkWorld) call(t *testing.T, c *testenv.Client, doc string, vars map[string]any, subscription bool) string {
	t.Helper()
	used := map[string]any{}
	for k, v := range vars {
		if strings.Contains(doc, "$"+k+":") {
			used[k] = v
		}
	}
	if !subscription {
		return c.Do(t, doc, used).Raw
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := testenv.DialOptions{Cookies: c.Cookies()}
	if c.Token != "" {
		opts.Authorization = "Bearer " + c.Token
	}
	s, err := testenv.Dial(ctx, w.h.URL, opts)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Subscribe(ctx, doc, used))
	r, err := s.Next(ctx)
	require.NoError(t, err, "the subscription was not refused: %s", doc)
	require.NotEmpty(t, r.Errors, "the subscription was not refused: %s", doc)
	return r.Raw
}

// snapshot fingerprints every row a tenant owns (not sessions, which signIn
// adds, nor the tokens' last-used times).
func snapshot(t *testing.T, db *bun.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT id, name FROM agencies ORDER BY id",
		"SELECT id, email, name, is_operator FROM users ORDER BY id",
		"SELECT id, agency_id, name, archived_at FROM workspaces ORDER BY id",
		"SELECT id, agency_id, user_id, role, all_workspaces FROM memberships ORDER BY id",
		"SELECT membership_id, workspace_id FROM membership_workspaces ORDER BY membership_id, workspace_id",
		"SELECT id, email, role, accepted_at, revoked_at FROM invitations ORDER BY id",
		"SELECT id, name, access, workspace_id, revoked_at FROM api_tokens ORDER BY id",
		"SELECT id, action FROM audit_entries ORDER BY id",
		"SELECT id, name, status, credentials, secret_fields, last_checked_at FROM connections ORDER BY id",
		"SELECT id, workspace_id, connector FROM oauth_states ORDER BY id",
		"SELECT id, shop, completed_at FROM app_installs ORDER BY id",
		"SELECT id, name, enabled, current_version FROM rules ORDER BY id",
		"SELECT id, rule_id, version FROM rule_versions ORDER BY id",
		"SELECT id, status, pc, error FROM runs ORDER BY id",
		"SELECT id, connection_id, event_id, processed_at FROM webhook_events ORDER BY id",
		"SELECT id, name, current_version FROM mappings ORDER BY id",
		"SELECT mapping_id, version FROM mapping_versions ORDER BY mapping_id, version",
		"SELECT id, name, enabled, interval_minutes FROM syncs ORDER BY id",
		"SELECT id, status, records_read FROM sync_runs ORDER BY id",
		"SELECT workspace_id, enabled, channel_ids, source_connection_id FROM inventory_policies ORDER BY workspace_id",
		"SELECT id, sku, available FROM inventory_items ORDER BY id",
		"SELECT id, status FROM inventory_reconciliations ORDER BY id",
		"SELECT id, sku, cause FROM inventory_adjustments ORDER BY id",
	} {
		var rows []map[string]any
		require.NoError(t, db.NewRaw(q).Scan(context.Background(), &rows))
		fmt.Fprintln(&b, q, rows)
	}
	return b.String()
}

func addWebhook(t *testing.T, a *testenv.Account, workspaceID, name string) string {
	return a.MustDo(t, `mutation($w: ID!, $n: String!) { createConnection(input: {workspaceId: $w, connector: "webhook", name: $n,
		values: [{name: "url", value: "https://example.com/hook"}, {name: "signingSecret", value: "a-signing-secret-of-24-chars"}]}) { id } }`,
		map[string]any{"w": workspaceID, "n": name}).String("createConnection.id")
}

func firstEntry(t *testing.T, a *testenv.Account, workspaceID string) string {
	r := a.MustDo(t, `query($a: ID!, $w: ID!) { auditLog(agencyId: $a, workspaceId: $w) { edges { node { id } } } }`,
		map[string]any{"a": a.AgencyID, "w": workspaceID})
	edges := r.Get("auditLog.edges").([]any)
	require.NotEmpty(t, edges)
	return edges[0].(map[string]any)["node"].(map[string]any)["id"].(string)
}

func inviteToken(h *testenv.Hub, url string) string { return strings.TrimPrefix(url, h.URL+"/invite/") }

func rawID(id string) string {
	_, raw, _ := gid.Decode(id)
	return raw
}

func copyVars(base, over map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seedRule gives a workspace a rule and a failed run of it (written
// directly: runs come from events).
func seedRule(t *testing.T, h *testenv.Hub, a *testenv.Account, workspaceID, connectionID, name string) (string, string) {
	t.Helper()
	r := a.MustDo(t, `mutation($w: ID!, $n: String!, $steps: JSON!) { createRule(workspaceId: $w, input: {name: $n, trigger: {event: "order.created"}, steps: $steps}) { id } }`,
		map[string]any{"w": workspaceID, "n": name, "steps": []any{map[string]any{"kind": "action", "action": map[string]any{
			"connector": "webhook", "action": "notify", "connectionId": connectionID, "input": map[string]any{"event": "order"}}}}})
	ruleID := r.String("createRule.id")
	ctx, db, now := t.Context(), h.App.DB.Bun, time.Now().UTC()
	rule, err := store.RuleByID(ctx, db, rawID(ruleID))
	require.NoError(t, err)
	v, err := store.RuleVersionOf(ctx, db, rule.ID, 1)
	require.NoError(t, err)
	ev := &store.Event{ID: store.NewID(), AgencyID: rule.AgencyID, WorkspaceID: rule.WorkspaceID, Type: "order.created", Source: "seed-" + rule.ID,
		Data: `{"order":{"number":"#` + name + `"}}`, OccurredAt: now, CreatedAt: now}
	_, err = store.InsertEvent(ctx, db, ev)
	require.NoError(t, err)
	problem := "seeded failure"
	run := &store.Run{ID: store.NewID(), AgencyID: rule.AgencyID, WorkspaceID: rule.WorkspaceID, RuleID: rule.ID, RuleVersionID: v.ID,
		EventID: ev.ID, Status: store.RunFailed, State: map[string]string{}, Error: &problem, StartedAt: now, UpdatedAt: now}
	_, err = store.InsertRun(ctx, db, run)
	require.NoError(t, err)
	return ruleID, gid.Encode("Run", run.ID)
}

// seedSync gives a connection's workspace a mapping (written directly: the
// walk's webhook connections have no entities), a sync of it, and a
// running run with one failed record.
func seedSync(t *testing.T, h *testenv.Hub, connectionID, name string) (string, string, string) {
	t.Helper()
	ctx, db, now := t.Context(), h.App.DB.Bun, time.Now().UTC()
	conn, err := store.ConnectionByID(ctx, db, rawID(connectionID))
	require.NoError(t, err)
	m := &store.Mapping{ID: store.NewID(), AgencyID: conn.AgencyID, WorkspaceID: conn.WorkspaceID, Name: name + " mapping",
		SourceConnectionID: conn.ID, SourceEntity: "customer", TargetConnectionID: conn.ID, TargetEntity: "contact",
		CurrentVersion: 1, CreatedAt: now, UpdatedAt: now}
	require.NoError(t, store.InsertMapping(ctx, db, m))
	require.NoError(t, store.InsertMappingVersion(ctx, db, &store.MappingVersion{MappingID: m.ID, Version: 1, Definition: `{"fields":[]}`, CreatedAt: now}))
	sy := &store.Sync{ID: store.NewID(), AgencyID: m.AgencyID, WorkspaceID: m.WorkspaceID, MappingID: m.ID, Name: name + " sync",
		Enabled: true, CreatedAt: now, UpdatedAt: now}
	require.NoError(t, store.InsertSync(ctx, db, sy))
	run := &store.SyncRun{ID: store.NewID(), AgencyID: m.AgencyID, WorkspaceID: m.WorkspaceID, SyncID: sy.ID, MappingVersion: 1,
		Mode: "FULL", Reason: "MANUAL", Status: store.SyncRunning, StartedAt: now, UpdatedAt: now}
	require.NoError(t, store.InsertSyncRun(ctx, db, run))
	require.NoError(t, store.InsertSyncRecordErrors(ctx, db, []store.SyncRecordError{{ID: store.NewID(), RunID: run.ID, SourceID: "c1",
		Reason: name + " record refused", Record: `{"email":"` + strings.ToLower(strings.ReplaceAll(name, " ", "")) + `@example.com"}`, CreatedAt: now}}))
	return gid.Encode("Mapping", m.ID), gid.Encode("Sync", sy.ID), gid.Encode("SyncRun", run.ID)
}
