package graph

import (
	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/gid"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// Global id type names, as in the schema.
const (
	typeUser       = "User"
	typeAgency     = "Agency"
	typeWorkspace  = "Workspace"
	typeMembership = "Membership"
	typeInvitation = "Invitation"
	typeAPIToken   = "ApiToken"
	typeAuditEntry = "AuditEntry"
	typeConnection = "Connection"
	typeRule       = "Rule"
	typeRun        = "Run"
	typeEvent      = "Event"
	typeCustomer   = "Customer"
)

// connection turns a store page into Relay edges and page info.
func connection[T any, E any](p store.Page[T], id func(*T) string, edge func(cursor string, node *T) E) ([]E, *model.PageInfo) {
	edges := make([]E, len(p.Items))
	info := &model.PageInfo{HasNextPage: p.HasNext}
	for i := range p.Items {
		c := gid.Cursor(id(&p.Items[i]))
		edges[i] = edge(c, &p.Items[i])
		info.EndCursor = &c
	}
	return edges, info
}

// optionalID decodes an optional global id argument.
func optionalID(field, typeName string, id *string) (*string, error) {
	return gid.ExpectOptional(field, typeName, id)
}

// rawIDs decodes a list of global ids of one type.
func rawIDs(field, typeName string, ids []string) ([]string, error) {
	out := make([]string, len(ids))
	for i, id := range ids {
		raw, err := gid.Expect(field, typeName, id)
		if err != nil {
			return nil, err
		}
		out[i] = raw
	}
	return out, nil
}
