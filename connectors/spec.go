// Package connectors is the connector SDK. A connector is mostly data — a
// Spec that says what it is, how it authenticates, what a connection needs,
// what it emits and what it can do — plus small capability interfaces for
// the code that talks to the provider. The marketplace, the connect forms,
// input validation and the docs pages are all generated from Specs, and one
// conformance test checks every registered connector.
package connectors

import "time"

// Category groups connectors in the marketplace.
type Category string

// The marketplace categories.
const (
	Store     Category = "store"
	CRM       Category = "crm"
	Carrier   Category = "carrier"
	Messaging Category = "messaging"
	Payments  Category = "payments"
	Ads       Category = "ads"
	Other     Category = "other"
)

// Categories lists every category in marketplace order.
var Categories = []Category{Store, CRM, Carrier, Messaging, Payments, Ads, Other}

// AuthKind is how a connection proves itself to the provider.
type AuthKind string

// The authentication kinds.
const (
	AuthOAuth2 AuthKind = "oauth2"
	AuthAPIKey AuthKind = "api_key"
	AuthBasic  AuthKind = "basic"
	AuthNone   AuthKind = "none"
)

// Spec declares a connector. Slugs are stable forever: connections and
// rules refer to them.
type Spec struct {
	Slug     string
	Name     string
	Category Category
	Summary  string
	// DocsURL is the provider's API documentation.
	DocsURL string
	// APIVersion is the provider API version the connector follows.
	APIVersion string
	Auth       Auth
	// Fields are what a user fills in to connect (API keys, hosts, …).
	Fields []Field
	// Events are what the connector emits (normalized event types).
	Events []Event
	// Actions are what rules can ask the connector to do.
	Actions []Action
	// Entities are what syncs can read from or write to.
	Entities []Entity
	// Budget is the provider's rate limit, which every caller shares.
	Budget RateBudget
	// SelfHosted connectors talk to a server the user names (a mail host, a
	// webhook URL): sandbox mode never redirects them.
	SelfHosted bool
	// AccountField names the connection field that identifies the provider
	// account (Shopify's "shop"): provider-wide deliveries such as app
	// uninstalls and compliance requests find their connections by it.
	AccountField string
	// WebhookSecret names the secret connection field that signs inbound
	// webhooks; empty means the OAuth app's client secret signs them.
	WebhookSecret string
}

// Auth describes authentication.
type Auth struct {
	Kind AuthKind
	// OAuth2 is set when Kind is AuthOAuth2.
	OAuth2 *OAuth2
}

// OAuth2 describes a provider's OAuth 2.0 endpoints. URLs may contain
// {shop}-style placeholders filled from connection fields.
type OAuth2 struct {
	AuthorizeURL string
	TokenURL     string
	// RevokeURL, when set, is called on disconnect.
	RevokeURL string
	Scopes    []string
	// PKCE tells whether the provider accepts S256 PKCE.
	PKCE bool
	// AccessTokenLifetime is how long access tokens live (0: until revoked).
	AccessTokenLifetime time.Duration
	// RotatesRefreshTokens tells whether each refresh returns a new,
	// single-use refresh token.
	RotatesRefreshTokens bool
}

// FieldType is the kind of value a field holds.
type FieldType string

// The field types.
const (
	Text    FieldType = "text"
	Secret  FieldType = "secret"
	URL     FieldType = "url"
	Email   FieldType = "email"
	Number  FieldType = "number"
	Boolean FieldType = "boolean"
	Select  FieldType = "select"
	Host    FieldType = "host"
	Money   FieldType = "money"
	Date    FieldType = "datetime"
	List    FieldType = "list"
)

// Field is one input or data field.
type Field struct {
	// Name is the machine name, as in the API (camelCase).
	Name     string
	Label    string
	Type     FieldType
	Required bool
	Help     string
	// Pattern, when set, is a regular expression a text value must match
	// whole; PatternHelp says in words what it means.
	Pattern     string
	PatternHelp string
	// Options are the allowed values of a Select field.
	Options []string
	Default string
	// Min and Max bound a Number field's value; MaxLength a text's length.
	Min, Max  *float64
	MaxLength int
}

// Event is something the connector emits.
type Event struct {
	Type    string
	Summary string
	Payload []Field
}

// Action is something the connector does for a rule.
type Action struct {
	Name    string
	Summary string
	Input   []Field
	// Marketing actions message a customer: in a marketing rule they run
	// only with the customer's consent to the Consent channel.
	Marketing bool
	Consent   ConsentChannel
}

// ConsentChannel is the channel a customer consents to be marketed on.
type ConsentChannel string

// The consent channels.
const (
	ConsentEmail ConsentChannel = "email"
	ConsentSMS   ConsentChannel = "sms"
)

// Entity is a kind of record a sync can read or write.
type Entity struct {
	Name   string
	Read   bool
	Write  bool
	Fields []Field
}

// RateBudget is a provider's rate limit.
type RateBudget struct {
	// Requests per Per; zero means the provider publishes none.
	Requests int
	Per      time.Duration
	// CostPoints, when set, replaces Requests with a cost-based budget
	// (Shopify's GraphQL points restored per second).
	CostPoints    int
	RestorePerSec int
	Note          string
}

// Ptr returns a pointer to v, for Field.Min and Field.Max.
func Ptr(v float64) *float64 { return &v }
