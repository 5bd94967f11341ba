package hubspot_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// actionCall is a call as the hub makes it: the sandbox's environment and
// a fresh token.
func actionCall(e *env) connectors.ActionCall {
	access, _ := e.sb.IssueTokens([]string{"oauth", "crm.objects.contacts.write", "tickets", "crm.lists.write"})
	return connectors.ActionCall{Token: secrets.New(access), Conn: connectors.Conn{Config: map[string]string{}, Env: e.cenv}}
}

func runAction(t *testing.T, call connectors.ActionCall, action string, input map[string]string) (connectors.ActionResult, *connectors.ActionError) {
	t.Helper()
	call.Action, call.Input, call.IdempotencyKey = action, input, "evt-1.rule-1.step-1"
	res, err := hubspot.Connector{}.RunAction(context.Background(), call)
	if err == nil {
		return res, nil
	}
	ae, ok := err.(*connectors.ActionError)
	require.True(t, ok, "%T: %v", err, err)
	require.NotContains(t, ae.Message+ae.Response, call.Token.Reveal())
	return res, ae
}

func TestRunActionUpsertContact(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	call := actionCall(e)

	res, ae := runAction(t, call, "upsert_contact", map[string]string{"email": "ada@example.com", "lastname": "Lovelace", "total_revenue": "125.50"})
	require.Nil(t, ae)
	id := res.Output["id"]
	require.NotEmpty(t, id)
	require.Equal(t, map[string]string{"id": id, "email": "ada@example.com", "created": "true"}, res.Output)
	require.Equal(t, "contact "+id+" created", res.Summary)

	res, ae = runAction(t, call, "upsert_contact", map[string]string{"email": "ada@example.com", "firstname": "Ada", "lastname": ""})
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"id": id, "email": "ada@example.com", "created": "false"}, res.Output)
	contacts := e.sb.Contacts()
	require.Len(t, contacts, 1)
	require.Equal(t, "Ada", contacts[0].Properties["firstname"])
	require.Equal(t, "Lovelace", contacts[0].Properties["lastname"], "empty inputs leave properties as they are")

	calls := e.sb.Counters().APICalls
	for name, in := range map[string]map[string]string{
		"no email":    {"firstname": "Ada"},
		"bad email":   {"email": "Ada <ada@example.com>"},
		"bad revenue": {"email": "ada@example.com", "total_revenue": "lots"},
	} {
		_, ae := runAction(t, call, "upsert_contact", in)
		require.NotNil(t, ae, name)
		require.True(t, ae.Permanent, name)
	}
	require.Equal(t, calls, e.sb.Counters().APICalls, "bad input never reaches HubSpot")
}

func TestRunActionCreateTicket(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	call := actionCall(e)
	in := map[string]string{"subject": "Parcel lost", "content": "Order #1001 never arrived", "contactEmail": "bob@example.com", "priority": "HIGH"}

	// HubSpot fails the first attempt before anything is written: the
	// error is worth retrying, and the retry opens one ticket.
	require.NoError(t, e.sb.FailNext(1, http.StatusBadGateway))
	_, ae := runAction(t, call, "create_ticket", in)
	require.NotNil(t, ae)
	require.False(t, ae.Permanent)
	require.Contains(t, ae.Response, "HTTP 502")
	require.Empty(t, e.sb.Tickets())

	res, ae := runAction(t, call, "create_ticket", in)
	require.Nil(t, ae)
	tickets := e.sb.Tickets()
	require.Len(t, tickets, 1)
	contacts := e.sb.Contacts()
	require.Len(t, contacts, 1, "the contact was created for the ticket")
	require.Equal(t, "bob@example.com", contacts[0].Properties["email"])
	require.Equal(t, map[string]string{"id": tickets[0].ID, "contactId": contacts[0].ID}, res.Output)
	require.Equal(t, []string{contacts[0].ID}, tickets[0].Contacts)
	require.Equal(t, "Parcel lost", tickets[0].Properties["subject"])
	require.Equal(t, "HIGH", tickets[0].Properties["hs_ticket_priority"])

	// Without a contact the ticket stands alone; the existing contact is
	// found, not created again.
	res, ae = runAction(t, call, "create_ticket", map[string]string{"subject": "Question"})
	require.Nil(t, ae)
	require.Equal(t, []string{"id"}, keys(res.Output))
	_, ae = runAction(t, call, "create_ticket", map[string]string{"subject": "Again", "contactEmail": "BOB@example.com"})
	require.Nil(t, ae)
	require.Len(t, e.sb.Contacts(), 1)

	for name, in := range map[string]map[string]string{
		"no subject":   {"content": "x"},
		"bad priority": {"subject": "x", "priority": "URGENTISSIMO"},
		"bad email":    {"subject": "x", "contactEmail": "bob"},
	} {
		_, ae := runAction(t, call, "create_ticket", in)
		require.True(t, ae.Permanent, name)
	}
}

func TestRunActionAddToList(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	call := actionCall(e)
	ids, err := e.sb.SeedContacts(0, []map[string]string{{"email": "vip@example.com"}})
	require.NoError(t, err)
	vip, err := e.sb.CreateList("VIP", "MANUAL")
	require.NoError(t, err)

	res, ae := runAction(t, call, "add_to_list", map[string]string{"listId": vip.ID, "contactEmail": "vip@example.com"})
	require.Nil(t, ae)
	require.Equal(t, map[string]string{"listId": vip.ID, "contactId": ids[0], "added": "true"}, res.Output)
	res, ae = runAction(t, call, "add_to_list", map[string]string{"listId": vip.ID, "contactEmail": "vip@example.com"})
	require.Nil(t, ae, "a retry finds the contact a member already")
	require.Equal(t, "false", res.Output["added"])

	res, ae = runAction(t, call, "add_to_list", map[string]string{"listId": vip.ID, "contactEmail": "new@example.com"})
	require.Nil(t, ae)
	require.Equal(t, "true", res.Output["added"])
	l, err := e.sb.ListByID(vip.ID)
	require.NoError(t, err)
	require.Len(t, l.Members, 2)
	require.Len(t, e.sb.Contacts(), 2, "a missing contact is created first")

	_, ae = runAction(t, call, "add_to_list", map[string]string{"listId": "999", "contactEmail": "vip@example.com"})
	require.True(t, ae.Permanent, "an unknown list stays unknown")
	require.Contains(t, ae.Response, "HTTP 404")
	dynamic, err := e.sb.CreateList("Active", "DYNAMIC")
	require.NoError(t, err)
	_, ae = runAction(t, call, "add_to_list", map[string]string{"listId": dynamic.ID, "contactEmail": "vip@example.com"})
	require.True(t, ae.Permanent)
	require.Contains(t, ae.Response, "VALIDATION_ERROR")
	_, ae = runAction(t, call, "add_to_list", map[string]string{"contactEmail": "vip@example.com"})
	require.True(t, ae.Permanent)
}

func TestRunActionErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	call := actionCall(e)
	in := map[string]string{"email": "ada@example.com"}

	e.sb.Throttle()
	_, ae := runAction(t, call, "upsert_contact", in)
	require.False(t, ae.Permanent)
	require.Positive(t, ae.RetryAfter)
	require.Contains(t, ae.Response, "HTTP 429")

	e.clock.Advance(11 * time.Second)
	require.NoError(t, e.sb.FailNext(1, http.StatusBadRequest))
	_, ae = runAction(t, call, "upsert_contact", in)
	require.True(t, ae.Permanent)

	e.sb.RevokeTokens()
	_, ae = runAction(t, call, "upsert_contact", in)
	require.False(t, ae.Permanent, "the hub brings a fresh token to the next attempt")
	require.Contains(t, ae.Message, "reconnect")

	_, ae = runAction(t, call, "merge_contacts", in)
	require.True(t, ae.Permanent)
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
