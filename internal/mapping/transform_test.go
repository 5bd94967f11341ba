package mapping_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/mapping"
)

// transformCase maps one person field to one row field. want is the
// target's value (nil: left out); err, when set, is the target's error.
type transformCase struct {
	name   string
	fm     mapping.FieldMapping
	record map[string]any
	want   any
	err    string
}

func runTransformCases(t *testing.T, cases []transformCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, errs := applyOne(t, tc.fm, tc.record)
			if tc.err != "" {
				require.Equal(t, mapping.Errors{tc.fm.Target: tc.err}, errs)
				require.NotContains(t, out, tc.fm.Target)
				return
			}
			require.Nil(t, errs)
			if tc.want == nil {
				require.NotContains(t, out, tc.fm.Target)
				return
			}
			require.Equal(t, tc.want, out[tc.fm.Target])
		})
	}
}

func field(target, source string, tr ...mapping.Transform) mapping.FieldMapping {
	return mapping.FieldMapping{Target: target, Source: source, Transforms: tr}
}

func TestTextTransforms(t *testing.T) {
	t.Parallel()
	trim, lower, upper := mapping.Transform{Kind: mapping.Trim}, mapping.Transform{Kind: mapping.Lower}, mapping.Transform{Kind: mapping.Upper}
	runTransformCases(t, []transformCase{
		{"trim", field("text", "name", trim), map[string]any{"name": "  Ada Lovelace \n"}, "Ada Lovelace", ""},
		{"trim to nothing leaves the field out", field("text", "name", trim), map[string]any{"name": "   "}, nil, ""},
		{"trim a list drops empty items", field("list", "tags", trim), map[string]any{"tags": []any{" vip ", " ", "b2b"}}, []string{"vip", "b2b"}, ""},
		{"lower and trim an email", field("email", "email", trim, lower), map[string]any{"email": " Ada@Example.COM "}, "ada@example.com", ""},
		{"lower a list", field("list", "tags", lower), map[string]any{"tags": []string{"VIP", "B2b"}}, []string{"vip", "b2b"}, ""},
		{"upper", field("text", "tier", upper), map[string]any{"tier": "gold"}, "GOLD", ""},
		{"upper non-ASCII", field("text", "name", upper), map[string]any{"name": "Zoë"}, "ZOË", ""},
	})
}

func TestSplitAndJoin(t *testing.T) {
	t.Parallel()
	split := func(sep string, index *int) mapping.Transform {
		return mapping.Transform{Kind: mapping.Split, Separator: sep, Index: index}
	}
	full := map[string]any{"name": "Ada King Lovelace"}
	runTransformCases(t, []transformCase{
		{"first name", field("text", "name", split(" ", ptr(0))), full, "Ada", ""},
		{"last name", field("text", "name", split(" ", ptr(-1))), full, "Lovelace", ""},
		{"middle name", field("text", "name", split(" ", ptr(1))), full, "King", ""},
		{"second from the end", field("text", "name", split(" ", ptr(-2))), full, "King", ""},
		{"a part that is not there is left out", field("text", "name", split(" ", ptr(3))), full, nil, ""},
		{"one word is first and last", field("text", "name", split(" ", ptr(-1))), map[string]any{"name": "Ada"}, "Ada", ""},
		{"the whole list", field("list", "name", split(" ", nil)), full, []string{"Ada", "King", "Lovelace"}, ""},
		{"split then trim", field("list", "tier", split(",", nil), mapping.Transform{Kind: mapping.Trim}), map[string]any{"tier": "gold, vip ,"}, []string{"gold", "vip"}, ""},
		{"missing name", field("text", "name", split(" ", ptr(0))), map[string]any{}, nil, ""},
		{"join with the default separator", field("text", "tags", mapping.Transform{Kind: mapping.Join}), map[string]any{"tags": []string{"vip", "b2b"}}, "vip, b2b", ""},
		{"join with a separator", field("text", "tags", mapping.Transform{Kind: mapping.Join, Separator: ";"}), map[string]any{"tags": []any{"vip", 3.0, true}}, "vip;3;true", ""},
		{"join an empty list", field("text", "tags", mapping.Transform{Kind: mapping.Join}), map[string]any{"tags": []any{}}, nil, ""},
	})
}

func TestE164(t *testing.T) {
	t.Parallel()
	e164 := func(region string) mapping.Transform { return mapping.Transform{Kind: mapping.E164, Region: region} }
	runTransformCases(t, []transformCase{
		{"parentheses, spaces and dashes", field("text", "phone", e164("US")), map[string]any{"phone": "(415) 555-0123"}, "+14155550123", ""},
		{"dots", field("text", "phone", e164("US")), map[string]any{"phone": "415.555.0123"}, "+14155550123", ""},
		{"lower-case region", field("text", "phone", e164("us")), map[string]any{"phone": "415 555 0123"}, "+14155550123", ""},
		{"UK number with +", field("text", "phone", e164("")), map[string]any{"phone": "+44 20 7946 0958"}, "+442079460958", ""},
		{"+ ignores the region", field("text", "phone", e164("US")), map[string]any{"phone": "+44 20 7946 0958"}, "+442079460958", ""},
		{"UK national number", field("text", "phone", e164("GB")), map[string]any{"phone": "020 7946 0958"}, "+442079460958", ""},
		{"too short", field("text", "phone", e164("US")), map[string]any{"phone": "12"}, nil, `"12" is not a valid phone number for region US`},
		{"letters", field("text", "phone", e164("US")), map[string]any{"phone": "call me"}, nil, `"call me" is not a valid phone number for region US`},
		{"parseable but not valid", field("text", "phone", e164("")), map[string]any{"phone": "+1 200 555 0123"}, nil, `"+1 200 555 0123" is not a valid phone number`},
		{"no + and no region", field("text", "phone", e164("")), map[string]any{"phone": "415 555 0123"}, nil,
			`"415 555 0123" has no country code: write it with + or set the e164 transform's region`},
		{"missing phone", field("text", "phone", e164("US")), map[string]any{"phone": nil}, nil, ""},
	})
}

func TestDate(t *testing.T) {
	t.Parallel()
	date := func(layout, zone string) mapping.Transform {
		return mapping.Transform{Kind: mapping.DateFormat, Layout: layout, TimeZone: zone}
	}
	const wall = "2006-01-02 15:04 MST"
	runTransformCases(t, []transformCase{
		// New York springs forward at 07:00 UTC on 10 March 2024.
		{"New York before DST", field("when", "createdAt", date(wall, "America/New_York")), map[string]any{"createdAt": "2024-03-10T06:30:00Z"}, "2024-03-10 01:30 EST", ""},
		{"New York after DST", field("when", "createdAt", date(wall, "America/New_York")), map[string]any{"createdAt": "2024-03-10T07:30:00Z"}, "2024-03-10 03:30 EDT", ""},
		{"Kolkata's half hour", field("when", "createdAt", date("RFC3339", "Asia/Kolkata")), map[string]any{"createdAt": "2024-03-10T06:30:00Z"}, "2024-03-10T12:00:00+05:30", ""},
		{"offset input to UTC", field("when", "createdAt", date("RFC3339", "")), map[string]any{"createdAt": "2024-03-10T12:00:00+05:30"}, "2024-03-10T06:30:00Z", ""},
		{"date only stays the same day", field("when", "createdAt", date("date", "America/New_York")), map[string]any{"createdAt": "2024-03-10"}, "2024-03-10", ""},
		{"date only is midnight in the zone", field("when", "createdAt", date("RFC3339", "Asia/Kolkata")), map[string]any{"createdAt": "2024-03-10"}, "2024-03-10T00:00:00+05:30", ""},
		{"date and time without zone", field("when", "createdAt", date("RFC3339", "")), map[string]any{"createdAt": "2024-03-10 15:04:05"}, "2024-03-10T15:04:05Z", ""},
		{"nanoseconds", field("when", "createdAt", date("15:04:05.000", "")), map[string]any{"createdAt": "2024-03-10T06:30:00.123456789Z"}, "06:30:00.123", ""},
		{"unix seconds in", field("when", "seenAt", date("RFC3339", "")), map[string]any{"seenAt": 1700000000}, "2023-11-14T22:13:20Z", ""},
		{"unix seconds out", field("number", "createdAt", date("unix", "")), map[string]any{"createdAt": "2023-11-14T22:13:20Z"}, float64(1700000000), ""},
		{"unix milliseconds out", field("number", "createdAt", date("unix_ms", "")), map[string]any{"createdAt": "2023-11-14T22:13:20.5Z"}, float64(1700000000500), ""},
		{"not a date", field("when", "createdAt", date("date", "")), map[string]any{"createdAt": "10/03/2024"}, nil,
			`"10/03/2024" is not a date: write it as RFC 3339 (2024-03-10T15:04:05Z), 2024-03-10 15:04:05, 2024-03-10 or unix seconds`},
	})
}

func TestNumber(t *testing.T) {
	t.Parallel()
	number := func(decimals *int) mapping.Transform {
		return mapping.Transform{Kind: mapping.ToNumber, Decimals: decimals}
	}
	runTransformCases(t, []transformCase{
		{"text", field("number", "amount", number(nil)), map[string]any{"amount": "1234.50"}, 1234.5, ""},
		{"spaces around", field("number", "amount", number(nil)), map[string]any{"amount": " -42 "}, -42.0, ""},
		{"exponent", field("number", "amount", number(nil)), map[string]any{"amount": "1e3"}, 1000.0, ""},
		{"thousands separator", field("number", "amount", number(nil)), map[string]any{"amount": "1,234.50"}, nil,
			`"1,234.50" has a comma: write numbers without thousands separators and with a decimal point (1234.50)`},
		{"decimal comma", field("number", "amount", number(nil)), map[string]any{"amount": "12,5"}, nil,
			`"12,5" has a comma: write numbers without thousands separators and with a decimal point (1234.50)`},
		{"currency sign", field("number", "amount", number(nil)), map[string]any{"amount": "$12"}, nil, `"$12" is not a number (write it like 1234.50)`},
		{"NaN", field("number", "amount", number(nil)), map[string]any{"amount": "NaN"}, nil, `"NaN" is not a number (write it like 1234.50)`},
		{"hex", field("number", "amount", number(nil)), map[string]any{"amount": "0x10"}, nil, `"0x10" is not a number (write it like 1234.50)`},
		{"rounds half away from zero", field("number", "amount", number(ptr(2))), map[string]any{"amount": "2.675"}, 2.68, ""},
		{"rounds negative half away from zero", field("number", "amount", number(ptr(0))), map[string]any{"amount": "-2.5"}, -3.0, ""},
		{"rounds a number", field("number", "spent", number(ptr(1))), map[string]any{"spent": 3.14159}, 3.1, ""},
		{"int input", field("number", "orders", number(nil)), map[string]any{"orders": 7}, 7.0, ""},
		{"number written as text", field("text", "amount", number(ptr(1))), map[string]any{"amount": "2.25"}, "2.3", ""},
		{"empty text is left out", field("number", "amount", number(nil)), map[string]any{"amount": ""}, nil, ""},
	})
}

func TestCurrency(t *testing.T) {
	t.Parallel()
	cur := func(code string) mapping.Transform { return mapping.Transform{Kind: mapping.Currency, Currency: code} }
	runTransformCases(t, []transformCase{
		{"USD two digits", field("money", "spent", cur("USD")), map[string]any{"spent": 2.675}, 2.68, ""},
		{"USD 1.005 is not 1.00", field("money", "spent", cur("USD")), map[string]any{"spent": 1.005}, 1.01, ""},
		{"USD negative", field("money", "spent", cur("usd")), map[string]any{"spent": -2.675}, -2.68, ""},
		{"USD already whole cents", field("money", "spent", cur("USD")), map[string]any{"spent": 19.99}, 19.99, ""},
		{"JPY no digits", field("money", "spent", cur("JPY")), map[string]any{"spent": 1234.5}, 1235.0, ""},
		{"KWD three digits", field("money", "spent", cur("KWD")), map[string]any{"spent": 1.2345}, 1.235, ""},
		{"from text", field("money", "amount", cur("USD")), map[string]any{"amount": "19.999"}, 20.0, ""},
		{"from bad text", field("money", "amount", cur("USD")), map[string]any{"amount": "1,000"}, nil,
			`"1,000" has a comma: write numbers without thousands separators and with a decimal point (1234.50)`},
	})
}

func TestLookup(t *testing.T) {
	t.Parallel()
	table := map[string]string{"gold": "VIP", "silver": "Regular", "3": "three", "true": "subscribed"}
	lookup := mapping.Transform{Kind: mapping.Lookup, Table: table}
	withDefault := mapping.Transform{Kind: mapping.Lookup, Table: table, Default: ptr("Other")}
	runTransformCases(t, []transformCase{
		{"found", field("text", "tier", lookup), map[string]any{"tier": "gold"}, "VIP", ""},
		{"not found, default", field("text", "tier", withDefault), map[string]any{"tier": "bronze"}, "Other", ""},
		{"not found, no default", field("text", "tier", lookup), map[string]any{"tier": "bronze"}, nil,
			`"bronze" is not in the lookup table and there is no default`},
		{"exact match only", field("text", "tier", lookup), map[string]any{"tier": "Gold"}, nil,
			`"Gold" is not in the lookup table and there is no default`},
		{"a number as text", field("text", "orders", lookup), map[string]any{"orders": 3.0}, "three", ""},
		{"true/false as text", field("text", "consent", lookup), map[string]any{"consent": true}, "subscribed", ""},
		{"empty is left out, not looked up", field("text", "tier", lookup), map[string]any{"tier": ""}, nil, ""},
	})
}

func TestFirstNonEmpty(t *testing.T) {
	t.Parallel()
	first := mapping.Transform{Kind: mapping.FirstNonEmpty, Paths: []string{"firstName", "name"}}
	runTransformCases(t, []transformCase{
		{"the value itself", field("text", "nickname", first), map[string]any{"nickname": "Addy", "firstName": "Ada"}, "Addy", ""},
		{"the first path", field("text", "nickname", first), map[string]any{"nickname": "", "firstName": "Ada", "name": "Ada Lovelace"}, "Ada", ""},
		{"the second path", field("text", "nickname", first), map[string]any{"firstName": nil, "name": "Ada Lovelace"}, "Ada Lovelace", ""},
		{"all empty", field("text", "nickname", first), map[string]any{"nickname": "", "firstName": ""}, nil, ""},
		{"then transformed", field("text", "nickname", first, mapping.Transform{Kind: mapping.Upper}), map[string]any{"firstName": "Ada"}, "ADA", ""},
		{"a list", field("list", "tags", mapping.Transform{Kind: mapping.FirstNonEmpty, Paths: []string{"tags"}}), map[string]any{"tags": []string{}}, nil, ""},
	})
}

func TestConstantAndTemplate(t *testing.T) {
	t.Parallel()
	tmpl := func(target, src string) mapping.FieldMapping {
		return mapping.FieldMapping{Target: target, Template: src}
	}
	runTransformCases(t, []transformCase{
		{"constant", mapping.FieldMapping{Target: "text", Constant: ptr("customer")}, map[string]any{}, "customer", ""},
		{"empty constant is left out", mapping.FieldMapping{Target: "text", Constant: ptr("")}, map[string]any{}, nil, ""},
		{"constant to a list", mapping.FieldMapping{Target: "list", Constant: ptr("imported")}, map[string]any{}, []string{"imported"}, ""},
		{"full name", tmpl("text", "{{firstName}} {{lastName}}"), map[string]any{"firstName": "Ada", "lastName": "Lovelace"}, "Ada Lovelace", ""},
		{"no HTML escaping", tmpl("text", "{{name}}"), map[string]any{"name": "Tom & Jerry <tj@example.com>"}, "Tom & Jerry <tj@example.com>", ""},
		{"numbers as text", tmpl("text", "{{orders}} orders, {{spent}} spent"), map[string]any{"orders": 3, "spent": 1234.5}, "3 orders, 1234.5 spent", ""},
		{"list section", tmpl("text", "{{#tags}}#{{.}} {{/tags}}"), map[string]any{"tags": []any{"vip", "b2b"}}, "#vip #b2b ", ""},
		{"conditional last name", tmpl("text", "{{firstName}}{{#lastName}} {{lastName}}{{/lastName}}"), map[string]any{"firstName": "Ada"}, "Ada", ""},
		{"all empty then trimmed is left out", mapping.FieldMapping{Target: "text", Template: "{{firstName}} {{lastName}}", Transforms: []mapping.Transform{{Kind: mapping.Trim}}},
			map[string]any{}, nil, ""},
	})
}
