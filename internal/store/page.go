package store

import (
	"context"

	"github.com/uptrace/bun"
)

// PageArgs selects one page of a list ordered by id (creation order).
type PageArgs struct {
	// First is the page size (the caller validates the range).
	First int
	// After is the id of the last row of the previous page; empty: from the start.
	After string
	// Oldest lists oldest first; by default the newest come first.
	Oldest bool
}

// Page is one page of rows plus what a Relay connection needs.
type Page[T any] struct {
	Items   []T
	HasNext bool
	Total   int
}

// paginate counts the rows q selects, then reads one page of them.
func paginate[T any](ctx context.Context, q *bun.SelectQuery, args PageArgs) (Page[T], error) {
	var page Page[T]
	total, err := q.Count(ctx)
	if err != nil {
		return page, err
	}
	page.Total = int(total)
	order, cmp := "DESC", "<"
	if args.Oldest {
		order, cmp = "ASC", ">"
	}
	if args.After != "" {
		q = q.Where("id "+cmp+" ?", args.After)
	}
	var rows []T
	if err := q.OrderExpr("id "+order).Limit(int64(args.First)+1).Scan(ctx, &rows); err != nil {
		return page, err
	}
	if len(rows) > args.First {
		rows = rows[:args.First]
		page.HasNext = true
	}
	page.Items = rows
	return page, nil
}
