package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/switchboard-hub/switchboard/graph/generated"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// shapeLimit refuses operations that nest deeper than MaxDepth or use more
// than MaxAliases aliases, before any resolver runs.
type shapeLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (shapeLimit) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	w := shapeWalker{fragments: op.Doc.Fragments, seen: map[string]bool{}}
	depth := w.depth(op.Operation.SelectionSet, 0)
	if depth > MaxDepth {
		return limitError("QUERY_TOO_DEEP", "the operation nests %d levels deep; the limit is %d", depth, MaxDepth)
	}
	if w.aliases > MaxAliases {
		return limitError("TOO_MANY_ALIASES", "the operation uses %d aliases; the limit is %d", w.aliases, MaxAliases)
	}
	return nil
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	e.Extensions = map[string]any{"code": code}
	return e
}

type shapeWalker struct {
	fragments ast.FragmentDefinitionList
	seen      map[string]bool
	aliases   int
}

func (w *shapeWalker) depth(set ast.SelectionSet, level int) int {
	max := level
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			d = level
			if len(s.SelectionSet) > 0 {
				d = w.depth(s.SelectionSet, level+1)
			}
		case *ast.InlineFragment:
			d = w.depth(s.SelectionSet, level)
		case *ast.FragmentSpread:
			if w.seen[s.Name] { // a cycle is a validation error anyway
				continue
			}
			f := w.fragments.ForName(s.Name)
			if f == nil {
				continue
			}
			w.seen[s.Name] = true
			d = w.depth(f.SelectionSet, level)
			delete(w.seen, s.Name)
		}
		if d > max {
			max = d
		}
	}
	return max
}

// setComplexity makes paginated fields cost their page size times what each
// item selects, so that a wide query cannot hide behind one field.
func setComplexity(c *generated.ComplexityRoot) {
	page := func(child int, first *int, def int) int {
		n := def
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + n*child
	}
	c.Query.Workspaces = func(child int, _ string, first *int, _ *string, _ *string, _ *bool) int {
		return page(child, first, 20)
	}
	c.Query.Members = func(child int, _ string, first *int, _ *string) int { return page(child, first, 20) }
	c.Query.Invitations = func(child int, _ string, first *int, _ *string, _ *store.InvitationStatus) int {
		return page(child, first, 20)
	}
	c.Query.APITokens = func(child int, _ string, first *int, _ *string, _ *bool) int { return page(child, first, 20) }
	c.Query.AuditLog = func(child int, _ string, _ *string, _ *string, first *int, _ *string) int {
		return page(child, first, 50)
	}
	// Lists that are not paginated but can hold many items.
	c.Viewer.Memberships = func(child int) int { return 1 + 20*child }
	c.Membership.Workspaces = func(child int) int { return 1 + 20*child }
	c.Invitation.Workspaces = func(child int) int { return 1 + 20*child }
}
