package hubspot

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/secrets"

	"github.com/switchboard-hub/switchboard/connectors/internal/actionkit"
)

var _ connectors.ActionRunner = Connector{}

// RunAction implements connectors.ActionRunner for the Spec's actions,
// upsert_contact, create_ticket and add_to_list, with the connection's
// OAuth token. Failures are *connectors.ActionError (see actionError).
//
// HubSpot takes no idempotency key: upserting a contact and adding a
// member to a list are idempotent by nature, but a retry of create_ticket
// whose first attempt reached HubSpot (and lost the answer) opens a second
// ticket.
func (Connector) RunAction(ctx context.Context, call connectors.ActionCall) (connectors.ActionResult, error) {
	c := ClientFor(call.Conn.Env)
	var (
		res connectors.ActionResult
		err error
	)
	switch call.Action {
	case "upsert_contact":
		res, err = upsertContact(ctx, c, call)
	case "create_ticket":
		res, err = createTicket(ctx, c, call)
	case "add_to_list":
		res, err = addToList(ctx, c, call)
	default:
		return res, actionkit.Unknown("HubSpot", call.Action)
	}
	return res, actionError(err)
}

// upsertContact creates or updates the contact with the email input,
// setting the other inputs that are not empty. Output: id, email and
// created ("true" when the contact is new).
func upsertContact(ctx context.Context, c *Client, call connectors.ActionCall) (connectors.ActionResult, error) {
	email, err := emailInput(call.Input, "email", true)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	in := call.Input
	ct := Contact{Email: email, FirstName: strings.TrimSpace(in["firstname"]), LastName: strings.TrimSpace(in["lastname"]),
		Phone: strings.TrimSpace(in["phone"]), LifecycleStage: strings.TrimSpace(in["lifecyclestage"]), TotalRevenue: strings.TrimSpace(in["total_revenue"])}
	if ct.TotalRevenue != "" {
		if _, err := strconv.ParseFloat(ct.TotalRevenue, 64); err != nil {
			return connectors.ActionResult{}, actionkit.Invalid("the total_revenue input must be an amount such as 125.50, not %q", ct.TotalRevenue)
		}
	}
	results, err := c.UpsertContacts(ctx, call.Token, []Contact{ct})
	if err != nil {
		return connectors.ActionResult{}, err
	}
	if len(results) != 1 {
		return connectors.ActionResult{}, &ServerError{Err: fmt.Errorf("upsert contact answered %d records for one", len(results))}
	}
	r := results[0]
	verb := "updated"
	if r.New {
		verb = "created"
	}
	return connectors.ActionResult{Output: map[string]string{"id": r.ID, "email": email, "created": strconv.FormatBool(r.New)},
		Summary: fmt.Sprintf("contact %s %s", r.ID, verb)}, nil
}

// createTicket opens a ticket in the support pipeline's first stage,
// associated with the contact of contactEmail when given (created when
// HubSpot has none). Output: id (the ticket's) and contactId when
// associated.
func createTicket(ctx context.Context, c *Client, call connectors.ActionCall) (connectors.ActionResult, error) {
	subject, err := actionkit.Required(call.Input, "subject")
	if err != nil {
		return connectors.ActionResult{}, err
	}
	priority := strings.ToUpper(strings.TrimSpace(call.Input["priority"]))
	if priority != "" && !slices.Contains([]string{"LOW", "MEDIUM", "HIGH"}, priority) {
		return connectors.ActionResult{}, actionkit.Invalid("the priority input must be LOW, MEDIUM or HIGH, not %q", call.Input["priority"])
	}
	email, err := emailInput(call.Input, "contactEmail", false)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	t := Ticket{Subject: subject, Content: strings.TrimSpace(call.Input["content"]), Priority: priority}
	out := map[string]string{}
	if email != "" {
		if t.ContactID, err = contactID(ctx, c, call.Token, email); err != nil {
			return connectors.ActionResult{}, err
		}
		out["contactId"] = t.ContactID
	}
	r, err := c.CreateTicket(ctx, call.Token, t)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	out["id"] = r.ID
	return connectors.ActionResult{Output: out, Summary: "ticket " + r.ID + " opened"}, nil
}

// addToList adds the contact of contactEmail (created when HubSpot has
// none) to the static list listId. Adding a member again changes nothing.
// Output: listId, contactId and added ("false" when it was a member).
func addToList(ctx context.Context, c *Client, call connectors.ActionCall) (connectors.ActionResult, error) {
	listID, err := actionkit.Required(call.Input, "listId")
	if err != nil {
		return connectors.ActionResult{}, err
	}
	email, err := emailInput(call.Input, "contactEmail", true)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	id, err := contactID(ctx, c, call.Token, email)
	if err != nil {
		return connectors.ActionResult{}, err
	}
	m, err := c.AddToList(ctx, call.Token, listID, []string{id})
	if err != nil {
		return connectors.ActionResult{}, err
	}
	if slices.Contains(m.Missing, id) {
		return connectors.ActionResult{}, &ServerError{Err: fmt.Errorf("list %s: HubSpot does not find contact %s yet", listID, id)}
	}
	added := slices.Contains(m.Added, id)
	summary := fmt.Sprintf("contact %s added to list %s", id, listID)
	if !added {
		summary = fmt.Sprintf("contact %s was already in list %s", id, listID)
	}
	return connectors.ActionResult{Output: map[string]string{"listId": listID, "contactId": id, "added": strconv.FormatBool(added)},
		Summary: summary}, nil
}

// contactID is the id of the contact with email, which is created when
// HubSpot has none.
func contactID(ctx context.Context, c *Client, token secrets.Secret, email string) (string, error) {
	r, err := c.ContactByEmail(ctx, token, email)
	if err == nil {
		return r.ID, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return "", err
	}
	created, err := c.UpsertContacts(ctx, token, []Contact{{Email: email}})
	if err != nil {
		return "", err
	}
	if len(created) != 1 {
		return "", &ServerError{Err: fmt.Errorf("creating contact %s answered %d records", email, len(created))}
	}
	return created[0].ID, nil
}

// emailInput reads an email address input.
func emailInput(in map[string]string, name string, required bool) (string, error) {
	v := strings.TrimSpace(in[name])
	if v == "" {
		if required {
			return "", actionkit.Invalid("the %s input is required", name)
		}
		return "", nil
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		return "", actionkit.Invalid("the %s input %q is not an email address", name, v)
	}
	return v, nil
}
