// Package mapping turns records of one connector's entity into records of
// another's: for each target field a source path, a constant or a
// template, then a chain of transforms. A Definition is checked against
// both entities' field specs when it is saved (Compile), and applied to
// one record at a time (Apply); a record that cannot be mapped gets
// per-field reasons and does not stop the others.
package mapping

// Definition says how each target field is made from a source record. It
// is what a mapping version stores, as JSON.
type Definition struct {
	Fields []FieldMapping `json:"fields"`
}

// FieldMapping makes one target field. Exactly one of Source, Constant or
// Template gives the starting value; Transforms then apply in order.
type FieldMapping struct {
	// Target is the target entity's field name.
	Target string `json:"target"`
	// Source is a source entity field name (e.g. "email", "amountSpent").
	Source string `json:"source,omitempty"`
	// Constant is a fixed value.
	Constant *string `json:"constant,omitempty"`
	// Template is a logic-less Mustache template over the source record's
	// fields, e.g. "{{firstName}} {{lastName}}".
	Template   string      `json:"template,omitempty"`
	Transforms []Transform `json:"transforms,omitempty"`
}

// The transform kinds.
const (
	Trim          = "trim"            // strip surrounding white space
	Lower         = "lower"           // lower case
	Upper         = "upper"           // upper case
	Split         = "split"           // split on Separator; Index picks one part (-1 = last), nil keeps the list
	Join          = "join"            // join a list with Separator
	E164          = "e164"            // phone number to E.164 (+14155550123); Region for numbers without +
	DateFormat    = "date"            // a date/time written with Layout in TimeZone
	ToNumber      = "number"          // text or number to a number, rounded to Decimals when set
	Currency      = "currency"        // an amount rounded to Currency's minor digits (USD 2, JPY 0)
	Lookup        = "lookup"          // Table[value], else Default, else an error naming the value
	FirstNonEmpty = "first_non_empty" // the first non-empty of the value and Paths' values
)

// Transform is one step applied to a field's value. Which arguments apply
// depends on Kind.
type Transform struct {
	Kind string `json:"kind"`
	// Separator is split's and join's separator (split: required; join: default ", ").
	Separator string `json:"separator,omitempty"`
	// Index picks one part of a split (0-based; negative counts from the end).
	Index *int `json:"index,omitempty"`
	// Region is e164's default country (ISO 3166-1 alpha-2, e.g. "US").
	Region string `json:"region,omitempty"`
	// Layout is date's output: a Go layout, or "RFC3339", "date" (2006-01-02), "unix", "unix_ms".
	Layout string `json:"layout,omitempty"`
	// TimeZone is the IANA zone date writes in (default UTC).
	TimeZone string `json:"timeZone,omitempty"`
	// Decimals rounds number's result.
	Decimals *int `json:"decimals,omitempty"`
	// Currency is an ISO 4217 code, for currency.
	Currency string `json:"currency,omitempty"`
	// Table maps values for lookup; Default is used for values not in it.
	Table   map[string]string `json:"table,omitempty"`
	Default *string           `json:"default,omitempty"`
	// Paths are the source fields first_non_empty tries after the value.
	Paths []string `json:"paths,omitempty"`
}
