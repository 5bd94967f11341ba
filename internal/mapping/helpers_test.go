package mapping_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/connectors/hubspot"
	"github.com/switchboard-hub/switchboard/connectors/shopify"
	"github.com/switchboard-hub/switchboard/internal/mapping"
)

// person is a source entity with a field of every value type.
var person = connectors.Entity{Name: "person", Read: true, Fields: []connectors.Field{
	{Name: "name", Label: "Full name", Type: connectors.Text},
	{Name: "firstName", Label: "First name", Type: connectors.Text},
	{Name: "lastName", Label: "Last name", Type: connectors.Text},
	{Name: "nickname", Label: "Nickname", Type: connectors.Text},
	{Name: "email", Label: "Email", Type: connectors.Email},
	{Name: "phone", Label: "Phone", Type: connectors.Text},
	{Name: "tier", Label: "Tier", Type: connectors.Text},
	{Name: "amount", Label: "Amount as text", Type: connectors.Text},
	{Name: "createdAt", Label: "Created", Type: connectors.Date},
	{Name: "seenAt", Label: "Last seen (unix)", Type: connectors.Number},
	{Name: "tags", Label: "Tags", Type: connectors.List},
	{Name: "spent", Label: "Spent", Type: connectors.Money},
	{Name: "orders", Label: "Orders", Type: connectors.Number},
	{Name: "consent", Label: "Consent", Type: connectors.Boolean},
}}

// row is a target entity with a field of every type; none is required.
var row = connectors.Entity{Name: "row", Write: true, Fields: []connectors.Field{
	{Name: "text", Label: "Text", Type: connectors.Text},
	{Name: "email", Label: "Email", Type: connectors.Email},
	{Name: "when", Label: "When", Type: connectors.Date},
	{Name: "number", Label: "Number", Type: connectors.Number},
	{Name: "money", Label: "Money", Type: connectors.Money},
	{Name: "list", Label: "List", Type: connectors.List},
	{Name: "flag", Label: "Flag", Type: connectors.Boolean},
}}

// entity finds a connector's entity by name.
func entity(t testing.TB, spec connectors.Spec, name string) connectors.Entity {
	t.Helper()
	for _, e := range spec.Entities {
		if e.Name == name {
			return e
		}
	}
	require.FailNow(t, "no such entity", "%s has no %s entity", spec.Slug, name)
	return connectors.Entity{}
}

func shopifyCustomer(t testing.TB) connectors.Entity {
	return entity(t, shopify.Connector{}.Spec(), "customer")
}

func hubspotContact(t testing.TB) connectors.Entity {
	return entity(t, hubspot.Connector{}.Spec(), "contact")
}

// applyOne compiles a one-field person → row mapping and applies it.
func applyOne(t *testing.T, fm mapping.FieldMapping, record map[string]any) (map[string]any, mapping.Errors) {
	t.Helper()
	c, err := mapping.Compile(mapping.Definition{Fields: []mapping.FieldMapping{fm}}, person, row)
	require.NoError(t, err)
	return c.Apply(record)
}

// compileErrors compiles def and returns its errors, failing when it compiles.
func compileErrors(t *testing.T, def mapping.Definition, source, target connectors.Entity) mapping.Errors {
	t.Helper()
	_, err := mapping.Compile(def, source, target)
	require.Error(t, err)
	var errs *mapping.Errors
	require.ErrorAs(t, err, &errs)
	return *errs
}

func ptr[T any](v T) *T { return &v }
