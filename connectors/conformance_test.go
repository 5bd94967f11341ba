package connectors_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors"
	_ "github.com/switchboard-hub/switchboard/connectors/all"
)

var (
	slugRE      = regexp.MustCompile(`^[a-z][a-z0-9_]{1,30}$`)
	fieldNameRE = regexp.MustCompile(`^[a-z][A-Za-z0-9_]*$`)
	eventRE     = regexp.MustCompile(`^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$`)
	actionRE    = regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
)

// TestConformance checks every registered connector's Spec: what the
// marketplace, the connect forms and validation rely on.
func TestConformance(t *testing.T) {
	all := connectors.All()
	require.GreaterOrEqual(t, len(all), 6)
	for _, c := range all {
		s := c.Spec()
		t.Run(s.Slug, func(t *testing.T) {
			require.Regexp(t, slugRE, s.Slug)
			got, ok := connectors.Get(s.Slug)
			require.True(t, ok)
			require.Equal(t, s.Slug, got.Spec().Slug)
			require.NotEmpty(t, s.Name)
			require.Contains(t, connectors.Categories, s.Category)
			require.NotEmpty(t, s.Summary)
			require.True(t, strings.HasSuffix(s.Summary, "."), "summaries are sentences")
			require.NotEmpty(t, s.APIVersion, "say which API version the connector follows")
			u, err := url.Parse(s.DocsURL)
			require.NoError(t, err)
			require.Equal(t, "https", u.Scheme)

			checkFields(t, "fields", s.Fields)
			switch s.Auth.Kind {
			case connectors.AuthOAuth2:
				o := s.Auth.OAuth2
				require.NotNil(t, o)
				for _, raw := range []string{o.AuthorizeURL, o.TokenURL} {
					require.True(t, strings.HasPrefix(raw, "https://"), raw)
				}
				require.NotEmpty(t, o.Scopes)
			case connectors.AuthAPIKey, connectors.AuthBasic:
				require.Nil(t, s.Auth.OAuth2)
				require.True(t, hasSecret(s.Fields), "key-based auth needs a secret field")
			case connectors.AuthNone:
				require.Nil(t, s.Auth.OAuth2)
			default:
				t.Fatalf("unknown auth kind %q", s.Auth.Kind)
			}
			require.True(t, len(s.Events)+len(s.Actions)+len(s.Entities) > 0, "a connector emits, acts or syncs")
			seen := map[string]bool{}
			for _, e := range s.Events {
				require.Regexp(t, eventRE, e.Type)
				require.False(t, seen[e.Type], "duplicate event %s", e.Type)
				seen[e.Type] = true
				require.NotEmpty(t, e.Summary)
				checkFields(t, "event "+e.Type, e.Payload)
			}
			for _, a := range s.Actions {
				require.Regexp(t, actionRE, a.Name)
				require.False(t, seen[a.Name], "duplicate action %s", a.Name)
				seen[a.Name] = true
				require.NotEmpty(t, a.Summary)
				checkFields(t, "action "+a.Name, a.Input)
			}
			for _, e := range s.Entities {
				require.Regexp(t, actionRE, e.Name)
				require.True(t, e.Read || e.Write)
				checkFields(t, "entity "+e.Name, e.Fields)
			}
			checkInbound(t, c, s)
			b := s.Budget
			require.True(t, b.Requests > 0 && b.Per > 0 || b.CostPoints > 0 && b.RestorePerSec > 0 || b.Note != "", "declare the rate budget")
		})
	}
}

// checkInbound: webhook capabilities come together and name real fields.
func checkInbound(t *testing.T, c connectors.Connector, s connectors.Spec) {
	t.Helper()
	_, reads := c.(connectors.WebhookReader)
	_, verifies := c.(connectors.WebhookVerifier)
	_, subscribes := c.(connectors.WebhookSubscriber)
	_, installs := c.(connectors.Installer)
	require.Equal(t, reads, verifies, "a connector that reads webhooks verifies them, and the other way round")
	if subscribes {
		require.True(t, reads, "a connector that subscribes to webhooks reads them")
		require.Equal(t, connectors.AuthOAuth2, s.Auth.Kind, "subscriptions use the connection's OAuth token")
	}
	if installs {
		require.Equal(t, connectors.AuthOAuth2, s.Auth.Kind, "app store installs end in an OAuth consent")
		require.NotEmpty(t, s.AccountField, "an installed app's connections are found by their account")
	}
	if s.WebhookSecret == "" && reads {
		require.Equal(t, connectors.AuthOAuth2, s.Auth.Kind, "without a WebhookSecret field the OAuth app's secret signs webhooks")
	}
	for _, name := range []string{s.WebhookSecret, s.AccountField} {
		if name == "" {
			continue
		}
		i := slices.IndexFunc(s.Fields, func(f connectors.Field) bool { return f.Name == name })
		require.GreaterOrEqual(t, i, 0, "%s names no field", name)
		if name == s.WebhookSecret {
			require.Equal(t, connectors.Secret, s.Fields[i].Type, "the webhook secret is a secret field")
		}
	}
}

func checkFields(t *testing.T, where string, fields []connectors.Field) {
	t.Helper()
	names := map[string]bool{}
	for _, f := range fields {
		require.Regexp(t, fieldNameRE, f.Name, where)
		require.False(t, names[f.Name], "%s: duplicate field %s", where, f.Name)
		names[f.Name] = true
		require.NotEmpty(t, f.Label, "%s.%s needs a label", where, f.Name)
		require.NotEmpty(t, f.Type, "%s.%s needs a type", where, f.Name)
		if f.Type == connectors.Select {
			require.NotEmpty(t, f.Options, "%s.%s: a select needs options", where, f.Name)
		}
		if f.Type == connectors.Secret {
			require.Empty(t, f.Default, "%s.%s: secrets have no default", where, f.Name)
		}
		if f.Pattern != "" {
			_, err := regexp.Compile(f.Pattern)
			require.NoError(t, err, "%s.%s pattern", where, f.Name)
			require.NotEmpty(t, f.PatternHelp, "%s.%s: say what the pattern means", where, f.Name)
		}
		if f.Default != "" {
			require.Nil(t, connectors.ValidateValues([]connectors.Field{f}, map[string]string{f.Name: f.Default}), "%s.%s default must be valid", where, f.Name)
		}
	}
}

func hasSecret(fields []connectors.Field) bool {
	for _, f := range fields {
		if f.Type == connectors.Secret {
			return true
		}
	}
	return false
}

func TestValidateValuesNamesEachProblem(t *testing.T) {
	smtp, _ := connectors.Get("smtp")
	fields := smtp.Spec().Fields
	require.Nil(t, connectors.ValidateValues(fields, map[string]string{"host": "smtp.example.com", "port": "587", "tls": "starttls", "from": "shop@example.com"}))
	got := connectors.ValidateValues(fields, map[string]string{"host": "http://x/", "port": "70000", "tls": "ssl", "from": "nope", "colour": "red"})
	require.Equal(t, map[string]string{
		"host":   "must be a host name like smtp.example.com",
		"port":   "must be at most 65535",
		"tls":    "must be one of starttls, tls, none",
		"from":   "must be an email address",
		"colour": "is not a field of this connector",
	}, got)

	shopify, _ := connectors.Get("shopify")
	for _, bad := range []string{"evil.com", "x.myshopify.com.evil.com", "evilmyshopify.com", "Acme.myshopify.com", "acme.myshopify.com.", "acme.myshopify.com/", "user@acme.myshopify.com", "acme%2emyshopify.com", "https://acme.myshopify.com"} {
		require.Contains(t, connectors.ValidateValues(shopify.Spec().Fields, map[string]string{"shop": bad}), "shop", bad)
	}
	require.Nil(t, connectors.ValidateValues(shopify.Spec().Fields, map[string]string{"shop": "acme-2.myshopify.com"}))
}

func TestSearch(t *testing.T) {
	stores := connectors.Search(connectors.Store, "")
	require.NotEmpty(t, stores)
	for _, c := range stores {
		require.Equal(t, connectors.Store, c.Spec().Category)
	}
	sms := connectors.Search("", "SMS")
	require.NotEmpty(t, sms)
	require.Equal(t, "twilio", sms[0].Spec().Slug)
	require.Empty(t, connectors.Search("", "no such thing anywhere"))
}

func TestResolveURL(t *testing.T) {
	cfg := map[string]string{"shop": "acme.myshopify.com"}
	real := connectors.Env{}
	sandbox := connectors.Env{SandboxBase: "http://localhost:8080/sandbox/shopify/"}
	require.Equal(t, "https://acme.myshopify.com/admin/oauth/authorize", real.ResolveURL("https://{shop}/admin/oauth/authorize", cfg))
	require.Equal(t, "http://localhost:8080/sandbox/shopify/acme.myshopify.com/admin/oauth/authorize", sandbox.ResolveURL("https://{shop}/admin/oauth/authorize", cfg))
	hub := connectors.Env{SandboxBase: "http://localhost:8080/sandbox/hubspot"}
	require.Equal(t, "http://localhost:8080/sandbox/hubspot/oauth/v1/token", hub.ResolveURL("https://api.hubapi.com/oauth/v1/token", nil))
	require.Equal(t, "https://api.hubapi.com/oauth/v1/token", real.ResolveURL("https://api.hubapi.com/oauth/v1/token", nil))
}
