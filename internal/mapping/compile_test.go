package mapping_test

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/mapping"
)

func TestCompileNamesEachProblem(t *testing.T) {
	t.Parallel()
	fields := func(fms ...mapping.FieldMapping) mapping.Definition { return mapping.Definition{Fields: fms} }
	one := func(source string, tr ...mapping.Transform) mapping.Definition {
		return fields(mapping.FieldMapping{Target: "text", Source: source, Transforms: tr})
	}
	cases := []struct {
		name string
		def  mapping.Definition
		// key is the one problem's path; the message contains each of want.
		key  string
		want []string
	}{
		// Targets.
		{"unknown target lists the fields", fields(mapping.FieldMapping{Target: "txet", Source: "name"}),
			"fields.0.target", []string{`"txet" is not a field of row`, "did you mean text?", "text, email, when, number, money, list, flag"}},
		{"empty target", fields(mapping.FieldMapping{Source: "name"}),
			"fields.0.target", []string{"is required", "text, email"}},
		{"target mapped twice", fields(mapping.FieldMapping{Target: "text", Source: "name"}, mapping.FieldMapping{Target: "text", Source: "email"}),
			"fields.1.target", []string{"text is already mapped by fields.0"}},

		// Starting values.
		{"no starting value", fields(mapping.FieldMapping{Target: "text"}),
			"fields.0.source", []string{"set one of source, constant or template"}},
		{"two starting values", fields(mapping.FieldMapping{Target: "text", Source: "name", Template: "{{name}}"}),
			"fields.0.source", []string{"set only one", "source and template"}},
		{"unknown source suggests the closest", one("firstname"),
			"fields.0.source", []string{`"firstname" is not a field of person`, "did you mean firstName?"}},
		{"unknown source far from all lists them", one("zzz"),
			"fields.0.source", []string{`"zzz" is not a field of person`, "name, firstName, lastName"}},

		// Templates.
		{"template with an unknown variable", fields(mapping.FieldMapping{Target: "text", Template: "{{firstNme}} {{lastName}}"}),
			"fields.0.template", []string{"{{firstNme}}", "did you mean firstName?"}},
		{"template with a dotted variable", fields(mapping.FieldMapping{Target: "text", Template: "{{customer.email}}"}),
			"fields.0.template", []string{`"customer.email" is not a field of person`}},
		{"template with a partial", fields(mapping.FieldMapping{Target: "text", Template: "{{> header}}{{name}}"}),
			"fields.0.template", []string{"{{> header}}", "cannot include"}},
		{"template that does not parse", fields(mapping.FieldMapping{Target: "text", Template: "{{#tags}}{{.}}"}),
			"fields.0.template", []string{"does not parse"}},
		{"template section over an unknown field", fields(mapping.FieldMapping{Target: "text", Template: "{{#tagz}}{{.}}{{/tagz}}"}),
			"fields.0.template", []string{"{{tagz}}", "did you mean tags?"}},

		// Transform kinds and arguments.
		{"unknown kind", fields(mapping.FieldMapping{Target: "email", Source: "email"}, mapping.FieldMapping{Target: "text", Source: "name", Transforms: []mapping.Transform{{Kind: "lowercase"}}}),
			"fields.1.transforms.0.kind", []string{`"lowercase" is not a transform`, "did you mean lower?", "trim, lower, upper"}},
		{"empty kind", one("name", mapping.Transform{}),
			"fields.0.transforms.0.kind", []string{"is required", "first_non_empty"}},
		{"split without separator", one("name", mapping.Transform{Kind: mapping.Split, Index: ptr(0)}),
			"fields.0.transforms.0.separator", []string{"is required"}},
		{"e164 with UK for GB", fields(
			mapping.FieldMapping{Target: "email", Source: "email"},
			mapping.FieldMapping{Target: "text", Source: "name"},
			mapping.FieldMapping{Target: "when", Source: "phone", Transforms: []mapping.Transform{{Kind: mapping.E164, Region: "UK"}}}),
			"fields.2.transforms.0.region", []string{`"UK" is not a region`, "the United Kingdom is GB"}},
		{"e164 with a three-letter region", one("phone", mapping.Transform{Kind: mapping.E164, Region: "USA"}),
			"fields.0.transforms.0.region", []string{`"USA" is not a two-letter region`}},
		{"date without layout", one("createdAt", mapping.Transform{Kind: mapping.DateFormat}),
			"fields.0.transforms.0.layout", []string{"is required", "RFC3339"}},
		{"date with a layout that is not Go's", one("createdAt", mapping.Transform{Kind: mapping.DateFormat, Layout: "yyyy-mm-dd"}),
			"fields.0.transforms.0.layout", []string{`"yyyy-mm-dd" is not a Go layout`, "2006"}},
		{"date with an unknown zone", one("createdAt", mapping.Transform{Kind: mapping.DateFormat, Layout: "date", TimeZone: "Mars/Olympus"}),
			"fields.0.transforms.0.timeZone", []string{`"Mars/Olympus" is not an IANA time zone`}},
		{"date in the server's zone", one("createdAt", mapping.Transform{Kind: mapping.DateFormat, Layout: "date", TimeZone: "Local"}),
			"fields.0.transforms.0.timeZone", []string{`"Local" is not allowed`}},
		{"number with too many decimals", one("amount", mapping.Transform{Kind: mapping.ToNumber, Decimals: ptr(11)}),
			"fields.0.transforms.0.decimals", []string{"11 is out of range: from 0 to 10"}},
		{"number with negative decimals", one("amount", mapping.Transform{Kind: mapping.ToNumber, Decimals: ptr(-1)}),
			"fields.0.transforms.0.decimals", []string{"-1 is out of range"}},
		{"currency missing", one("spent", mapping.Transform{Kind: mapping.Currency}),
			"fields.0.transforms.0.currency", []string{"is required", "ISO 4217"}},
		{"currency not three letters", one("spent", mapping.Transform{Kind: mapping.Currency, Currency: "US$"}),
			"fields.0.transforms.0.currency", []string{`"US$" is not a 3-letter currency code`}},
		{"currency not ISO 4217", one("spent", mapping.Transform{Kind: mapping.Currency, Currency: "XYZ"}),
			"fields.0.transforms.0.currency", []string{`"XYZ" is not an ISO 4217 currency code`}},
		{"lookup without table", one("tier", mapping.Transform{Kind: mapping.Lookup, Default: ptr("x")}),
			"fields.0.transforms.0.table", []string{"is required"}},
		{"first_non_empty without paths", one("nickname", mapping.Transform{Kind: mapping.FirstNonEmpty}),
			"fields.0.transforms.0.paths", []string{"is required"}},
		{"first_non_empty with an unknown path", one("nickname", mapping.Transform{Kind: mapping.FirstNonEmpty, Paths: []string{"firstName", "lastNme"}}),
			"fields.0.transforms.0.paths", []string{`"lastNme" is not a field of person`, "did you mean lastName?"}},
		{"first_non_empty over types", one("nickname", mapping.Transform{Kind: mapping.FirstNonEmpty, Paths: []string{"orders"}}),
			"fields.0.transforms.0.paths", []string{"Orders (orders) is a number", "Nickname (nickname) is text"}},

		// Types through the chain.
		{"lower on a number", one("orders", mapping.Transform{Kind: mapping.Lower}),
			"fields.0.transforms.0.kind", []string{`"lower" needs text or a list, but Orders (orders) is a number`}},
		{"trim on true/false", one("consent", mapping.Transform{Kind: mapping.Trim}),
			"fields.0.transforms.0.kind", []string{`"trim" needs text or a list, but Consent (consent) is true or false`}},
		{"e164 on a number", one("orders", mapping.Transform{Kind: mapping.E164, Region: "US"}),
			"fields.0.transforms.0.kind", []string{`"e164" needs text, but Orders (orders) is a number`}},
		{"split on true/false", one("consent", mapping.Transform{Kind: mapping.Split, Separator: " "}),
			"fields.0.transforms.0.kind", []string{`"split" needs text, but Consent (consent) is true or false`}},
		{"join on text", one("name", mapping.Transform{Kind: mapping.Join}),
			"fields.0.transforms.0.kind", []string{`"join" needs a list, but Full name (name) is text`}},
		{"join after a split that picks one", one("name", mapping.Transform{Kind: mapping.Split, Separator: " ", Index: ptr(0)}, mapping.Transform{Kind: mapping.Join}),
			"fields.0.transforms.1.kind", []string{`"join" needs a list, but the result of "split" is text`}},
		{"number on a list", fields(mapping.FieldMapping{Target: "number", Source: "tags", Transforms: []mapping.Transform{{Kind: mapping.ToNumber}}}),
			"fields.0.transforms.0.kind", []string{`"number" needs text or a number, but Tags (tags) is a list`}},

		// Types against the target.
		{"text to a number", fields(mapping.FieldMapping{Target: "number", Source: "amount"}),
			"fields.0.source", []string{`Amount as text (amount) is text, but Number (number) needs a number; add a "number" transform`}},
		{"text to money", fields(mapping.FieldMapping{Target: "money", Source: "amount"}),
			"fields.0.source", []string{`Money (money) needs a number; add a "number" or "currency" transform`}},
		{"constant to a number", fields(mapping.FieldMapping{Target: "number", Constant: ptr("42")}),
			"fields.0.constant", []string{`the constant is text, but Number (number) needs a number`}},
		{"template to a number", fields(mapping.FieldMapping{Target: "number", Template: "{{orders}}"}),
			"fields.0.template", []string{`the template is text, but Number (number) needs a number`}},
		{"transformed text to money", fields(mapping.FieldMapping{Target: "money", Source: "phone", Transforms: []mapping.Transform{{Kind: mapping.E164, Region: "US"}}}),
			"fields.0.transforms.0.kind", []string{`the result of "e164" is text, but Money (money) needs a number`}},
		{"list to text", fields(mapping.FieldMapping{Target: "text", Source: "tags"}),
			"fields.0.source", []string{`Tags (tags) is a list, but Text (text) needs a single value; add a "join" transform`}},
		{"text to true/false", fields(mapping.FieldMapping{Target: "flag", Source: "name"}),
			"fields.0.source", []string{"Full name (name) is text, but Flag (flag) needs true or false"}},
		{"number to a list", fields(mapping.FieldMapping{Target: "list", Source: "orders"}),
			"fields.0.source", []string{"Orders (orders) is a number, but List (list) needs a list or text"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs := compileErrors(t, tc.def, person, row)
			require.Equal(t, []string{tc.key}, slices.Sorted(maps.Keys(errs)), "errors: %v", errs)
			for _, w := range tc.want {
				require.Contains(t, errs[tc.key], w)
			}
		})
	}
}

func TestCompileRequiresRequiredTargets(t *testing.T) {
	t.Parallel()
	contact := hubspotContact(t)
	errs := compileErrors(t, mapping.Definition{Fields: []mapping.FieldMapping{{Target: "firstname", Source: "firstName"}}}, shopifyCustomer(t), contact)
	require.Equal(t, mapping.Errors{"fields": "the target field Email (email) is required: map it"}, errs)

	two := connectors.Entity{Name: "ticket", Fields: []connectors.Field{
		{Name: "subject", Label: "Subject", Type: connectors.Text, Required: true},
		{Name: "email", Label: "Email", Type: connectors.Email, Required: true},
	}}
	errs = compileErrors(t, mapping.Definition{}, person, two)
	require.Equal(t, mapping.Errors{"fields": "the target fields Subject (subject), Email (email) are required: map them"}, errs)
}

func TestCompileCollectsEveryProblem(t *testing.T) {
	t.Parallel()
	def := mapping.Definition{Fields: []mapping.FieldMapping{
		{Target: "firstname", Source: "firstNme"},
		{Target: "phone", Source: "phone", Transforms: []mapping.Transform{{Kind: mapping.E164, Region: "UK"}}},
		{Target: "total_revenue", Source: "amountSpent", Transforms: []mapping.Transform{{Kind: mapping.Currency, Currency: "usd"}, {Kind: mapping.Lower}}},
		{Target: "lifecyclestage", Source: "numberOfOrders", Transforms: []mapping.Transform{{Kind: "lookup_table"}, {Kind: mapping.Upper}}},
	}}
	errs := compileErrors(t, def, shopifyCustomer(t), hubspotContact(t))
	require.Equal(t, []string{
		"fields",
		"fields.0.source",
		"fields.1.transforms.0.region",
		"fields.2.transforms.1.kind",
		"fields.3.transforms.0.kind",
	}, slices.Sorted(maps.Keys(errs)), "errors: %v", errs)
	require.Contains(t, errs["fields.2.transforms.1.kind"], `the result of "currency" is a number`)
	// An unknown kind stops type checks on the rest of its chain: upper is not blamed.
	require.Contains(t, errs["fields.3.transforms.0.kind"], "did you mean lookup?")

	// The error reads as one line, sorted by key, and is an *Errors.
	_, err := mapping.Compile(def, shopifyCustomer(t), hubspotContact(t))
	require.Regexp(t, `^fields: the target field Email \(email\) is required: map it; fields\.0\.source: "firstNme" is not a field of customer; did you mean firstName\?`, err.Error())
	var target *mapping.Errors
	require.True(t, errors.As(err, &target))
}

func TestCompileAccepts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		fm   mapping.FieldMapping
	}{
		{"number as text", mapping.FieldMapping{Target: "text", Source: "orders"}},
		{"true/false as text", mapping.FieldMapping{Target: "text", Source: "consent"}},
		{"money as a number", mapping.FieldMapping{Target: "number", Source: "spent"}},
		{"number as money", mapping.FieldMapping{Target: "money", Source: "orders"}},
		{"text as a list", mapping.FieldMapping{Target: "list", Source: "name"}},
		{"date as a date", mapping.FieldMapping{Target: "when", Source: "createdAt"}},
		{"date to unix as a number", mapping.FieldMapping{Target: "number", Source: "createdAt", Transforms: []mapping.Transform{{Kind: mapping.DateFormat, Layout: "unix"}}}},
		{"lower-case region", mapping.FieldMapping{Target: "text", Source: "phone", Transforms: []mapping.Transform{{Kind: mapping.E164, Region: "us"}}}},
		{"lower-case currency", mapping.FieldMapping{Target: "money", Source: "spent", Transforms: []mapping.Transform{{Kind: mapping.Currency, Currency: "jpy"}}}},
		{"section over a list", mapping.FieldMapping{Target: "text", Template: "{{#tags}}#{{.}} {{/tags}}"}},
		{"conditional section", mapping.FieldMapping{Target: "text", Template: "{{firstName}}{{#lastName}} {{lastName}}{{/lastName}}{{^consent}} (no consent){{/consent}}"}},
		{"empty constant", mapping.FieldMapping{Target: "text", Constant: ptr("")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := mapping.Compile(mapping.Definition{Fields: []mapping.FieldMapping{tc.fm}}, person, row)
			require.NoError(t, err)
		})
	}
}
