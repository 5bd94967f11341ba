package hubspot_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/hubspot/sandbox"
	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// TestHubSpotRateLimit: beyond the rolling ten-second limit the client gets
// a *RateLimitedError whose RetryAfter says when the oldest counted request
// leaves the window; after that much time on the sandbox's clock the call
// succeeds.
func TestHubSpotRateLimit(t *testing.T) {
	t.Parallel()
	t.Run("throttled portal", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, sandbox.Options{})
		tok := e.token()
		e.sb.Throttle()
		_, err := e.client.Contacts(t.Context(), tok, 10, "")
		var rl *hubspot.RateLimitedError
		require.ErrorAs(t, err, &rl)
		require.Equal(t, 10*time.Second, rl.RetryAfter)
		require.Equal(t, "TEN_SECONDLY_ROLLING", rl.Policy)
		requireNoSecret(t, err, tok.Reveal())

		e.clock.Advance(rl.RetryAfter)
		_, err = e.client.Contacts(t.Context(), tok, 10, "")
		require.NoError(t, err)
		c := e.sb.Counters()
		require.Equal(t, 1, c.RateLimited)
		require.Equal(t, 2, c.APICalls)
	})
	t.Run("rolling window", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, sandbox.Options{RateLimit: 5})
		tok := e.token()
		call := func() error { _, err := e.client.Contacts(t.Context(), tok, 1, ""); return err }
		for range 3 {
			require.NoError(t, call())
		}
		e.clock.Advance(4 * time.Second)
		for range 2 {
			require.NoError(t, call())
		}
		var rl *hubspot.RateLimitedError
		require.ErrorAs(t, call(), &rl)
		require.Equal(t, 6*time.Second, rl.RetryAfter, "the first three leave the window 10 s after they came")
		e.clock.Advance(6 * time.Second)
		for range 3 {
			require.NoError(t, call(), "three places freed")
		}
		require.ErrorAs(t, call(), &rl)
		require.Equal(t, 4*time.Second, rl.RetryAfter)
	})
}

// TestHubSpotBatchUpsert250: 250 contacts go in three batch calls (100, 100,
// 50); each contact exists once afterwards, the one that existed is
// updated, and paging reads all 250 back.
func TestHubSpotBatchUpsert250(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.token()
	_, err := e.sb.SeedContacts(0, []map[string]string{{"email": "c-7@example.com", "firstname": "Old", "phone": "+331"}})
	require.NoError(t, err)

	contacts := make([]hubspot.Contact, 250)
	for i := range contacts {
		contacts[i] = hubspot.Contact{Email: fmt.Sprintf("C-%d@Example.com", i), FirstName: fmt.Sprintf("F%d", i), LastName: "Batch",
			LifecycleStage: "customer", TotalRevenue: "12.50", Properties: map[string]string{"company": "Acme"}}
	}
	before := e.sb.Counters().APICalls
	results, err := e.client.UpsertContacts(t.Context(), tok, contacts)
	require.NoError(t, err)
	require.Equal(t, before+3, e.sb.Counters().APICalls, "three batch calls")
	require.Len(t, results, 250)
	var created int
	for i, r := range results {
		require.Equal(t, fmt.Sprintf("c-%d@example.com", i), r.Email(), "results come in input order")
		require.Equal(t, fmt.Sprintf("F%d", i), r.Properties["firstname"])
		require.Equal(t, "Acme", r.Properties["company"])
		if r.New {
			created++
		}
	}
	require.Equal(t, 249, created)
	require.False(t, results[7].New)
	require.Equal(t, "+331", results[7].Properties["phone"], "an update keeps the properties it does not set")

	all := e.sb.Contacts()
	require.Len(t, all, 250, "each contact exactly once")
	seen := map[string]bool{}
	for _, em := range emailsOf(all) {
		require.False(t, seen[em], em)
		seen[em] = true
	}

	// Read them back, 100 per page.
	var ids []string
	after, pages := "", 0
	for {
		page, err := e.client.Contacts(t.Context(), tok, 100, after)
		require.NoError(t, err)
		pages++
		for _, c := range page.Contacts {
			ids = append(ids, c.ID)
			require.NotEmpty(t, c.Email())
			require.Equal(t, "customer", c.Properties["lifecyclestage"])
		}
		if after = page.After; after == "" {
			break
		}
	}
	require.Equal(t, 3, pages)
	require.Len(t, ids, 250)

	// The same upsert again creates nothing.
	again, err := e.client.UpsertContacts(t.Context(), tok, contacts[:120])
	require.NoError(t, err)
	for _, r := range again {
		require.False(t, r.New)
	}
	require.Len(t, e.sb.Contacts(), 250)
}

func TestHubSpotUpsertRefusedBeforeAnyCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.token()
	for _, tc := range []struct {
		name     string
		contacts []hubspot.Contact
		want     string
	}{
		{"no email", []hubspot.Contact{{Email: "a@example.com"}, {FirstName: "x"}}, "contact 1 has no email"},
		{"same email twice", []hubspot.Contact{{Email: "a@example.com"}, {Email: " A@example.com"}}, "contacts 0 and 1"},
	} {
		_, err := e.client.UpsertContacts(t.Context(), tok, tc.contacts)
		require.ErrorContains(t, err, tc.want, tc.name)
	}
	require.Zero(t, e.sb.Counters().APICalls)

	// A batch HubSpot refuses (an unknown property) comes back as a
	// *StatusError with HubSpot's message and category.
	_, err := e.client.UpsertContacts(t.Context(), tok, []hubspot.Contact{{Email: "a@example.com", Properties: map[string]string{"shoe_size": "44"}}})
	var se *hubspot.StatusError
	require.ErrorAs(t, err, &se)
	require.Equal(t, http.StatusBadRequest, se.StatusCode)
	require.Equal(t, "VALIDATION_ERROR", se.Category)
	require.Contains(t, se.Message, `Property "shoe_size" does not exist`)
	require.NotEmpty(t, se.CorrelationID)
}

// TestHubSpotUnauthorized: a missing, expired (by the clock or the control
// API) or revoked token answers ErrUnauthorized, and no error shows it.
func TestHubSpotUnauthorized(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		spoil func(e *env)
		empty bool
	}{
		{"no token", func(*env) {}, true},
		{"expired after 30 minutes", func(e *env) { e.clock.Advance(30 * time.Minute) }, false},
		{"expired by the control API", func(e *env) { e.sb.ExpireAccessTokens() }, false},
		{"revoked", func(e *env) { e.sb.RevokeTokens() }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, sandbox.Options{})
			tok := e.token()
			_, err := e.client.Contacts(t.Context(), tok, 10, "")
			require.NoError(t, err, "the token works at first")
			e.clock.Advance(29 * time.Minute)
			_, err = e.client.Contacts(t.Context(), tok, 10, "")
			require.NoError(t, err, "and for its whole lifetime")
			tc.spoil(e)
			if tc.empty {
				tok = secrets.Secret{}
			}
			_, err = e.client.Contacts(t.Context(), tok, 10, "")
			require.ErrorIs(t, err, hubspot.ErrUnauthorized)
			requireNoSecret(t, err, tok.Reveal())
			_, err = e.client.TokenInfo(t.Context(), tok)
			require.ErrorIs(t, err, hubspot.ErrUnauthorized)
			requireNoSecret(t, err, tok.Reveal())
		})
	}
}

func TestHubSpotInjectedFailures(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.token()
	for _, tc := range []struct {
		status int
		check  func(t *testing.T, err error)
	}{
		{http.StatusServiceUnavailable, func(t *testing.T, err error) {
			var se *hubspot.ServerError
			require.ErrorAs(t, err, &se)
			require.Equal(t, http.StatusServiceUnavailable, se.StatusCode)
			require.ErrorContains(t, err, "internal error")
		}},
		{http.StatusInternalServerError, func(t *testing.T, err error) {
			var se *hubspot.ServerError
			require.ErrorAs(t, err, &se)
			require.Equal(t, http.StatusInternalServerError, se.StatusCode)
		}},
		{http.StatusForbidden, func(t *testing.T, err error) {
			var se *hubspot.StatusError
			require.ErrorAs(t, err, &se)
			require.Equal(t, "MISSING_SCOPES", se.Category)
		}},
		{http.StatusTooManyRequests, func(t *testing.T, err error) {
			var rl *hubspot.RateLimitedError
			require.ErrorAs(t, err, &rl)
			require.Positive(t, rl.RetryAfter)
		}},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			require.NoError(t, e.sb.FailNext(2, tc.status))
			for range 2 {
				_, err := e.client.Contacts(t.Context(), tok, 10, "")
				tc.check(t, err)
				requireNoSecret(t, err, tok.Reveal())
			}
			_, err := e.client.Contacts(t.Context(), tok, 10, "")
			require.NoError(t, err, "only the next two fail")
		})
	}

	// No answer at all is a ServerError too, without the URL (the token-info
	// URL holds the token).
	dead := hubspot.Client{BaseURL: "http://127.0.0.1:1", HTTP: &http.Client{Timeout: time.Second}}
	_, err := dead.TokenInfo(t.Context(), tok)
	var se *hubspot.ServerError
	require.ErrorAs(t, err, &se)
	require.Zero(t, se.StatusCode)
	requireNoSecret(t, err, tok.Reveal())
}

func TestHubSpotTicketsListsAndLookups(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	tok := e.token()
	ids, err := e.sb.SeedContacts(3, []map[string]string{{"email": "Jane@Example.com", "firstname": "Jane"}})
	require.NoError(t, err)
	jane := ids[3]

	c, err := e.client.ContactByEmail(t.Context(), tok, "JANE@example.com")
	require.NoError(t, err)
	require.Equal(t, jane, c.ID)
	require.Equal(t, "jane@example.com", c.Email())
	_, err = e.client.ContactByEmail(t.Context(), tok, "nobody@example.com")
	require.ErrorIs(t, err, hubspot.ErrNotFound)

	ticket, err := e.client.CreateTicket(t.Context(), tok, hubspot.Ticket{Subject: "Parcel lost", Content: "Order #1001", Priority: "HIGH", ContactID: jane})
	require.NoError(t, err)
	require.NotEmpty(t, ticket.ID)
	require.Equal(t, "Parcel lost", ticket.Properties["subject"])
	stored := e.sb.Tickets()
	require.Len(t, stored, 1)
	require.Equal(t, map[string]string{"subject": "Parcel lost", "content": "Order #1001", "hs_pipeline": "0", "hs_pipeline_stage": "1", "hs_ticket_priority": "HIGH"}, stored[0].Properties)
	require.Equal(t, []string{jane}, stored[0].Contacts)

	for _, tc := range []struct {
		name   string
		ticket hubspot.Ticket
		status int // 0: refused by the client
	}{
		{"no subject", hubspot.Ticket{Content: "x"}, 0},
		{"bad priority", hubspot.Ticket{Subject: "x", Priority: "ASAP"}, 0},
		{"unknown stage", hubspot.Ticket{Subject: "x", Stage: "99"}, http.StatusBadRequest},
		{"unknown contact", hubspot.Ticket{Subject: "x", ContactID: "999999"}, http.StatusBadRequest},
	} {
		_, err := e.client.CreateTicket(t.Context(), tok, tc.ticket)
		require.Error(t, err, tc.name)
		var se *hubspot.StatusError
		require.Equal(t, tc.status != 0, errors.As(err, &se), tc.name)
		if tc.status != 0 {
			require.Equal(t, tc.status, se.StatusCode, tc.name)
		}
	}
	require.Len(t, e.sb.Tickets(), 1)

	vip, err := e.sb.CreateList("VIP", "")
	require.NoError(t, err)
	m, err := e.client.AddToList(t.Context(), tok, vip.ID, []string{jane, ids[0], "999999"})
	require.NoError(t, err)
	require.Equal(t, []string{jane, ids[0]}, m.Added)
	require.Equal(t, []string{"999999"}, m.Missing)
	m, err = e.client.AddToList(t.Context(), tok, vip.ID, []string{jane})
	require.NoError(t, err, "adding again is a no-op")
	require.Empty(t, m.Added)
	l, err := e.sb.ListByID(vip.ID)
	require.NoError(t, err)
	require.Equal(t, []string{jane, ids[0]}, l.Members)

	dynamic, err := e.sb.CreateList("Active", "DYNAMIC")
	require.NoError(t, err)
	_, err = e.client.AddToList(t.Context(), tok, dynamic.ID, []string{jane})
	var se *hubspot.StatusError
	require.ErrorAs(t, err, &se)
	require.Equal(t, http.StatusBadRequest, se.StatusCode)
	_, err = e.client.AddToList(t.Context(), tok, "424242", []string{jane})
	require.ErrorIs(t, err, hubspot.ErrNotFound)
}

// TestHubSpotWebhookDeliveryVerifies: a contact webhook the sandbox sends
// passes the connector's own verifier (signature v3) at the URL it was sent
// to, including one whose query HubSpot decodes before signing, and parses
// into the events the Spec declares.
func TestHubSpotWebhookDeliveryVerifies(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sandbox.Options{})
	ids, err := e.sb.SeedContacts(0, []map[string]string{{"email": "hook@example.com", "lifecyclestage": "lead"}})
	require.NoError(t, err)

	type got struct {
		req connectors.WebhookRequest
	}
	received := make(chan got, 4)
	var receiverURL string
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		received <- got{connectors.WebhookRequest{Method: r.Method, URL: receiverURL + r.URL.RequestURI(), Header: r.Header.Clone(), Body: body}}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	receiverURL = receiver.URL
	verifier := hubspot.Verifier{Now: e.clock.Now}

	for _, tc := range []struct {
		name    string
		trigger sandbox.WebhookTrigger
		path    string
		want    string
	}{
		{"creation", sandbox.WebhookTrigger{ContactID: ids[0]}, "/webhooks/hubspot", "customer.created"},
		{"property change", sandbox.WebhookTrigger{Email: "HOOK@example.com", SubscriptionType: "contact.propertyChange", PropertyName: "lifecyclestage"},
			"/webhooks/hubspot?connection=c%3A42&next=https%3A%2F%2Fx.example%2F&name=a%20b", "customer.updated"},
	} {
		tc.trigger.TargetURL = receiver.URL + tc.path
		d, err := e.sb.TriggerContactWebhook(t.Context(), tc.trigger)
		require.NoError(t, err, tc.name)
		require.Equal(t, http.StatusNoContent, d.Status, tc.name)
		r := (<-received).req
		require.Equal(t, receiver.URL+tc.path, r.URL, tc.name)
		require.NoError(t, verifier.VerifyWebhook(r, secrets.New(testClientSecret)), tc.name)
		require.ErrorIs(t, verifier.VerifyWebhook(r, secrets.New("another-secret")), connectors.ErrWebhookSignature, tc.name)
		tampered := r
		tampered.Body = []byte(strings.Replace(string(r.Body), `"attemptNumber":0`, `"attemptNumber":1`, 1))
		require.ErrorIs(t, verifier.VerifyWebhook(tampered, secrets.New(testClientSecret)), connectors.ErrWebhookSignature, tc.name)

		events, err := hubspot.ParseEvents(r.Body)
		require.NoError(t, err, tc.name)
		require.Len(t, events, 1)
		ev := events[0]
		require.Equal(t, tc.want, ev.Type(), tc.name)
		require.Equal(t, sandbox.PortalID, ev.PortalID)
		require.Equal(t, ids[0], fmt.Sprint(ev.ObjectID))
		require.Equal(t, e.clock.Now(), ev.OccurredAt())
		if tc.want == "customer.updated" {
			require.Equal(t, "lifecyclestage", ev.PropertyName)
			require.Equal(t, "lead", ev.PropertyValue)
		}
	}

	// Five minutes later the same delivery is stale for the verifier.
	require.NoError(t, e.sb.SetWebhookTarget(receiver.URL+"/late"))
	_, err = e.sb.TriggerContactWebhook(t.Context(), sandbox.WebhookTrigger{ContactID: ids[0]})
	require.NoError(t, err)
	late := (<-received).req
	e.clock.Advance(5*time.Minute + time.Second)
	require.ErrorIs(t, verifier.VerifyWebhook(late, secrets.New(testClientSecret)), connectors.ErrWebhookStale)
	require.Equal(t, 3, e.sb.Counters().WebhooksSent)
}
