package graph

import (
	"context"

	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/gid"
)

// node fetches the object a global id names, through the same authorization
// as the object's own query. Unknown and invisible objects are both null.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	typeName, raw, ok := gid.Decode(id)
	if !ok {
		return nil, failure.Invalid("id", "is not a valid global id")
	}
	var (
		n   model.Node
		err error
	)
	switch typeName {
	case typeUser:
		n, err = r.Hub.User(ctx, raw)
	case typeAgency:
		n, _, err = r.Hub.Agency(ctx, raw)
	case typeWorkspace:
		n, err = r.Hub.Workspace(ctx, raw)
	case typeMembership:
		n, err = r.Hub.Membership(ctx, raw)
	case typeInvitation:
		n, err = r.Hub.Invitation(ctx, raw)
	case typeAPIToken:
		n, err = r.Hub.APIToken(ctx, raw)
	case typeAuditEntry:
		n, err = r.Hub.AuditEntry(ctx, raw)
	case typeConnection:
		n, err = r.Hub.Connection(ctx, raw)
	case typeRule:
		n, err = r.Hub.GetRule(ctx, raw)
	case typeRun:
		n, err = r.Hub.Run(ctx, raw)
	case typeMapping:
		n, err = r.Hub.MappingByID(ctx, raw)
	case typeSync:
		n, err = r.Hub.SyncByID(ctx, raw)
	case typeSyncRun:
		n, err = r.Hub.SyncRunByID(ctx, raw)
	default:
		return nil, nil
	}
	if failure.Is(err, failure.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return n, nil
}
