package connectors

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// Connector is a registered connector: its Spec plus whatever capability
// interfaces (CredentialChecker, WebhookVerifier, …) it implements.
type Connector interface {
	Spec() Spec
}

// registry is the one global the hub keeps: the connectors compiled in.
var registry = struct {
	sync.RWMutex
	bySlug map[string]Connector
}{bySlug: map[string]Connector{}}

// Register adds a connector; connector packages call it from init. It
// panics on a duplicate slug, which is a programming error.
func Register(c Connector) {
	slug := c.Spec().Slug
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.bySlug[slug]; dup {
		panic(fmt.Sprintf("connectors: %q registered twice", slug))
	}
	registry.bySlug[slug] = c
}

// Get returns the connector with the slug.
func Get(slug string) (Connector, bool) {
	registry.RLock()
	defer registry.RUnlock()
	c, ok := registry.bySlug[slug]
	return c, ok
}

// All returns every connector, by category order then name.
func All() []Connector {
	registry.RLock()
	out := make([]Connector, 0, len(registry.bySlug))
	for _, c := range registry.bySlug {
		out = append(out, c)
	}
	registry.RUnlock()
	rank := map[Category]int{}
	for i, c := range Categories {
		rank[c] = i
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Spec(), out[j].Spec()
		if rank[a.Category] != rank[b.Category] {
			return rank[a.Category] < rank[b.Category]
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
	return out
}

// Search returns the connectors of a category (empty: all) whose name,
// slug, summary, events or actions mention the query, case-insensitively.
func Search(category Category, query string) []Connector {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []Connector
	for _, c := range All() {
		s := c.Spec()
		if category != "" && s.Category != category {
			continue
		}
		if q == "" || strings.Contains(searchText(s), q) {
			out = append(out, c)
		}
	}
	return out
}

func searchText(s Spec) string {
	parts := []string{s.Slug, s.Name, s.Summary, string(s.Category)}
	for _, e := range s.Events {
		parts = append(parts, e.Type, e.Summary)
	}
	for _, a := range s.Actions {
		parts = append(parts, a.Name, a.Summary)
	}
	return strings.ToLower(strings.Join(parts, " "))
}

// SandboxApp is the OAuth app a sandbox knows (its client id and secret).
type SandboxApp struct {
	ClientID     string
	ClientSecret string
	// HubURL is the hub's public URL (e.g. http://localhost:8080): where the
	// emulator sends browsers back to (an app store listing's install link)
	// and where it delivers app-level webhooks.
	HubURL string
	// Demo asks for demo data in new accounts (a store's customers and products), so
	// that a first look at syncs has records to show.
	Demo bool
}

// SandboxFactory builds a provider emulator for the app.
type SandboxFactory func(app SandboxApp) http.Handler

var sandboxes = struct {
	sync.RWMutex
	bySlug map[string]SandboxFactory
}{bySlug: map[string]SandboxFactory{}}

// RegisterSandbox adds the emulator of a connector's provider; sandbox
// packages call it from init.
func RegisterSandbox(slug string, f SandboxFactory) {
	sandboxes.Lock()
	defer sandboxes.Unlock()
	if _, dup := sandboxes.bySlug[slug]; dup {
		panic(fmt.Sprintf("connectors: sandbox %q registered twice", slug))
	}
	sandboxes.bySlug[slug] = f
}

// SandboxFor returns the emulator factory of a connector's provider.
func SandboxFor(slug string) (SandboxFactory, bool) {
	sandboxes.RLock()
	defer sandboxes.RUnlock()
	f, ok := sandboxes.bySlug[slug]
	return f, ok
}
