package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/gid"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/mapping"
	"github.com/switchboard-hub/switchboard/internal/store"
)

const (
	typeMapping = "Mapping"
	typeSync    = "Sync"
	typeSyncRun = "SyncRun"
)

// mappingInput decodes a mapping from GraphQL: global ids, and the
// definition JSON read strictly (an unknown key is named).
func mappingInput(in model.MappingInput) (hub.MappingInput, error) {
	out := hub.MappingInput{Name: in.Name, SourceEntity: in.SourceEntity, TargetEntity: in.TargetEntity}
	var err error
	if out.SourceConnectionID, err = gid.Expect("sourceConnectionId", typeConnection, in.SourceConnectionID); err != nil {
		return out, err
	}
	if out.TargetConnectionID, err = gid.Expect("targetConnectionId", typeConnection, in.TargetConnectionID); err != nil {
		return out, err
	}
	b, err := json.Marshal(in.Definition)
	if err != nil {
		return out, failure.Invalid("definition", "is not JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out.Definition); err != nil {
		return out, failure.Invalid("definition", "is not a mapping definition: "+err.Error())
	}
	return out, nil
}

// definitionJSON is a mapping definition as GraphQL shows it.
func definitionJSON(d mapping.Definition) (any, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode mapping: %w", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("decode mapping: %w", err)
	}
	return out, nil
}

// syncInput decodes a sync from GraphQL.
func syncInput(in model.SyncInput) (hub.SyncInput, error) {
	out := hub.SyncInput{Name: in.Name, IntervalMinutes: in.IntervalMinutes, Enabled: true}
	var err error
	if out.MappingID, err = gid.Expect("mappingId", typeMapping, in.MappingID); err != nil {
		return out, err
	}
	if in.OnEvents != nil {
		out.OnEvents = *in.OnEvents
	}
	if in.Cron != nil {
		out.Cron = *in.Cron
	}
	if in.Enabled != nil {
		out.Enabled = *in.Enabled
	}
	return out, nil
}

// syncPace is a run's records per second and, while it runs with a known
// total, the seconds left at that pace.
func syncPace(r *store.SyncRun, now time.Time) (float64, *int) {
	end := now
	if r.FinishedAt != nil {
		end = *r.FinishedAt
	}
	elapsed := end.Sub(r.StartedAt).Seconds()
	if elapsed <= 0 || r.RecordsRead == 0 {
		return 0, nil
	}
	rate := float64(r.RecordsRead) / elapsed
	if r.Status != store.SyncRunning || r.RecordsTotal == nil {
		return rate, nil
	}
	left := int(math.Ceil(float64(max(*r.RecordsTotal-r.RecordsRead, 0)) / rate))
	return rate, &left
}

// jsonValue turns a map of record values into what the JSON scalar shows.
func jsonValue(m map[string]any) any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// nullIfNotFound answers null for what the caller cannot see.
func nullIfNotFound[T any](v *T, err error) (*T, error) {
	if failure.Is(err, failure.NotFound) {
		return nil, nil
	}
	return v, err
}

// intOr is an optional argument's value, or def when it was not given.
func intOr(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}
