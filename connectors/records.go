package connectors

import (
	"context"
	"time"

	"github.com/switchboard-hub/switchboard/internal/secrets"
)

// Record is one record of an entity, its fields named as in the entity's
// Spec (Entity.Fields) and valued as JSON would: string, float64, bool,
// []string, or nil.
type Record struct {
	// ID is the provider's id of the record.
	ID        string
	UpdatedAt time.Time
	Fields    map[string]any
}

// ReadQuery asks for one page of an entity's records.
type ReadQuery struct {
	// Cursor is where the page starts: "" for the first page, then the
	// previous page's Next.
	Cursor string
	// Limit is the most records the page holds (the connector may cap it).
	Limit int
	// UpdatedSince, when set, reads only records changed at or after it
	// (incremental syncs).
	UpdatedSince time.Time
}

// RecordPage is one page of records.
type RecordPage struct {
	Records []Record
	// Next is the cursor of the next page; "" when this was the last.
	Next string
	// Total is how many records the whole read will return, when the
	// provider tells (on the first page); -1 when unknown.
	Total int
	// Budget is the provider's rate budget as it reported it with the
	// call, for cost-based providers; nil otherwise.
	Budget *BudgetStatus
}

// BudgetStatus is a provider's rate budget as reported with a call:
// Shopify's extensions.cost (points), HubSpot's X-HubSpot-RateLimit-*
// headers (requests).
type BudgetStatus struct {
	// Requests is true for a budget counted in requests (a rolling window)
	// rather than cost points.
	Requests bool
	// Cost is what the call cost (points, or requests made).
	Cost int
	// Available is what is left now; Maximum the bucket's size;
	// RestorePerSec how fast it refills.
	Available, Maximum, RestorePerSec float64
}

// RecordCall is what a record read or write needs to reach the provider.
type RecordCall struct {
	Conn Conn
	// Token is an OAuth connection's access token (empty otherwise).
	Token secrets.Secret
	// Entity is the name of one of the Spec's entities.
	Entity string
}

// RecordReader reads an entity's records page by page, in a stable order,
// so that a sync can resume at a saved cursor.
type RecordReader interface {
	ReadRecords(ctx context.Context, call RecordCall, q ReadQuery) (RecordPage, error)
}

// RecordWrite is one record to create or update in the target.
type RecordWrite struct {
	// Key identifies the record in the caller's batch (the source record's id).
	Key string
	// TargetID is the target's id when a previous sync wrote the record.
	TargetID string
	// Fields are the mapped values, by target field name.
	Fields map[string]any
}

// RecordWriteResult is what happened to one RecordWrite.
type RecordWriteResult struct {
	Key string
	// TargetID is the target's id of the record written; empty on failure.
	TargetID string
	// Created is true when the record was new to the target.
	Created bool
	// Err says why this record was refused (the others may have been
	// written); empty on success.
	Err string
}

// RecordWriter creates or updates records in batches: every write is an
// upsert (by the target's natural key or TargetID), so writing a batch
// twice leaves the target as writing it once. A record the provider
// refuses comes back with Err; an error return means the batch as a whole
// did not go through (and may be retried).
type RecordWriter interface {
	// MaxBatch is the most records one WriteRecords call sends in one
	// request to the provider.
	MaxBatch(entity string) int
	WriteRecords(ctx context.Context, call RecordCall, records []RecordWrite) (RecordWrites, error)
}

// RecordWrites is what a WriteRecords call did.
type RecordWrites struct {
	// Results has one entry per RecordWrite, in order.
	Results []RecordWriteResult
	// Budget is the provider's rate budget as it reported it; nil when it
	// reports none.
	Budget *BudgetStatus
}

// RateLimited is an error a provider's rate limit caused: the call may be
// repeated after RetryAfter without counting as a failure.
type RateLimited interface {
	error
	RetryAfterDelay() time.Duration
}
