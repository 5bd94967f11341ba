package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/mapping"
	"github.com/switchboard-hub/switchboard/internal/secrets"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// MappingInput is a mapping as a user writes it. The source and target are
// fixed once the mapping exists; the definition gets a new version on each
// change.
type MappingInput struct {
	Name               string `validate:"required,name,max=120"`
	SourceConnectionID string `validate:"required"`
	SourceEntity       string `validate:"required"`
	TargetConnectionID string `validate:"required"`
	TargetEntity       string `validate:"required"`
	Definition         mapping.Definition
}

// Mapping is a mapping with its current definition.
type Mapping struct {
	*store.Mapping
	Definition mapping.Definition
}

// mappingEnds are a mapping's source and target, checked against the
// workspace's connections and their connectors' entities.
type mappingEnds struct {
	source, target         *store.Connection
	sourceSpec, targetSpec connectors.Entity
}

// mappingEnds checks that both connections belong to the workspace and that
// their connectors can read (source) and write (target) the entities.
func (s *Service) mappingEnds(ctx context.Context, workspaceID string, in MappingInput) (*mappingEnds, error) {
	var ends mappingEnds
	var err error
	ends.source, ends.sourceSpec, err = s.entityOf(ctx, workspaceID, "sourceConnectionId", in.SourceConnectionID, "sourceEntity", in.SourceEntity, true)
	if err != nil {
		return nil, err
	}
	ends.target, ends.targetSpec, err = s.entityOf(ctx, workspaceID, "targetConnectionId", in.TargetConnectionID, "targetEntity", in.TargetEntity, false)
	if err != nil {
		return nil, err
	}
	return &ends, nil
}

func (s *Service) entityOf(ctx context.Context, workspaceID, connField, connID, entityField, entity string, read bool) (*store.Connection, connectors.Entity, error) {
	row, err := store.ConnectionByID(ctx, s.db, connID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && row.WorkspaceID != workspaceID) {
		return nil, connectors.Entity{}, failure.Invalid(connField, "is not a connection of this workspace")
	}
	if err != nil {
		return nil, connectors.Entity{}, fmt.Errorf("read connection: %w", err)
	}
	c, _ := connectors.Get(row.Connector)
	spec := c.Spec()
	var names []string
	for _, e := range spec.Entities {
		if (read && e.Read) || (!read && e.Write) {
			names = append(names, e.Name)
			if e.Name == entity {
				if _, ok := c.(connectors.RecordReader); read && !ok {
					break
				}
				if _, ok := c.(connectors.RecordWriter); !read && !ok {
					break
				}
				return row, e, nil
			}
		}
	}
	verb := "write"
	if read {
		verb = "read"
	}
	return nil, connectors.Entity{}, failure.Invalid(entityField, fmt.Sprintf("%s cannot %s %q records here; it can %s: %s",
		spec.Name, verb, entity, verb, strings.Join(names, ", ")))
}

// compileMapping checks a definition against the entities, as a
// VALIDATION_FAILED naming each field at fault (keys prefixed with
// "definition.").
func compileMapping(d mapping.Definition, ends *mappingEnds) (*mapping.Compiled, error) {
	c, err := mapping.Compile(d, ends.sourceSpec, ends.targetSpec)
	var errs mapping.Errors
	if errors.As(err, &errs) {
		return nil, mappingFailure(errs)
	}
	var perr *mapping.Errors
	if errors.As(err, &perr) {
		return nil, mappingFailure(*perr)
	}
	if err != nil {
		return nil, fmt.Errorf("compile mapping: %w", err)
	}
	return c, nil
}

func mappingFailure(errs mapping.Errors) error {
	fields := make(map[string]string, len(errs))
	keys := make([]string, 0, len(errs))
	for k, v := range errs {
		fields["definition."+k] = v
		keys = append(keys, "definition."+k)
	}
	sort.Strings(keys)
	msg := "the mapping is invalid"
	if len(keys) > 0 {
		msg = keys[0] + ": " + fields[keys[0]]
		if len(keys) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(keys)-1)
		}
	}
	return &failure.Error{Code: failure.ValidationFailed, Message: msg, Fields: fields}
}

// CreateMapping adds a mapping with its first version.
func (s *Service) CreateMapping(ctx context.Context, workspaceID string, in MappingInput) (*Mapping, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	w, a, err := s.workspaceFor(ctx, s.db, workspaceID)
	if err != nil {
		return nil, err
	}
	if err := a.requireWrite(); err != nil {
		return nil, err
	}
	if w.ArchivedAt != nil {
		return nil, failure.New(failure.Conflict, "the workspace is archived; restore it first")
	}
	ends, err := s.mappingEnds(ctx, w.ID, in)
	if err != nil {
		return nil, err
	}
	if _, err := compileMapping(in.Definition, ends); err != nil {
		return nil, err
	}
	now := s.now()
	m := &store.Mapping{ID: store.NewID(), AgencyID: w.AgencyID, WorkspaceID: w.ID, Name: in.Name,
		SourceConnectionID: ends.source.ID, SourceEntity: in.SourceEntity, TargetConnectionID: ends.target.ID, TargetEntity: in.TargetEntity,
		CurrentVersion: 1, CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertMapping(ctx, tx, m); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.ConflictOn("name", "another mapping of this workspace has this name")
			}
			return fmt.Errorf("create mapping: %w", err)
		}
		if err := s.insertMappingVersion(ctx, tx, m, in.Definition, a.Principal.UserID); err != nil {
			return err
		}
		return s.record(ctx, tx, change{agencyID: m.AgencyID, workspaceID: m.WorkspaceID, action: "mapping.created", targetType: "Mapping",
			targetID: m.ID, summary: fmt.Sprintf("created the mapping %q (%s %s → %s %s)", m.Name, ends.source.Name, m.SourceEntity, ends.target.Name, m.TargetEntity)})
	})
	if err != nil {
		return nil, err
	}
	return &Mapping{Mapping: m, Definition: in.Definition}, nil
}

func (s *Service) insertMappingVersion(ctx context.Context, tx *txn, m *store.Mapping, d mapping.Definition, userID string) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode mapping: %w", err)
	}
	v := &store.MappingVersion{MappingID: m.ID, Version: m.CurrentVersion, Definition: string(b), CreatedBy: userID, CreatedAt: s.now()}
	if err := store.InsertMappingVersion(ctx, tx, v); err != nil {
		return fmt.Errorf("save mapping version: %w", err)
	}
	return nil
}

// UpdateMapping renames a mapping and saves its definition as a new
// version (runs in progress keep the version they started with).
func (s *Service) UpdateMapping(ctx context.Context, id string, in MappingInput) (*Mapping, error) {
	m, a, err := s.mappingForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	in.SourceConnectionID, in.SourceEntity, in.TargetConnectionID, in.TargetEntity = m.SourceConnectionID, m.SourceEntity, m.TargetConnectionID, m.TargetEntity
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	ends, err := s.mappingEnds(ctx, m.WorkspaceID, in)
	if err != nil {
		return nil, err
	}
	if _, err := compileMapping(in.Definition, ends); err != nil {
		return nil, err
	}
	m.Name, m.CurrentVersion, m.UpdatedAt = in.Name, m.CurrentVersion+1, s.now()
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateMapping(ctx, tx, m); err != nil {
			if store.IsUniqueViolation(err, "") {
				return failure.ConflictOn("name", "another mapping of this workspace has this name")
			}
			return fmt.Errorf("update mapping: %w", err)
		}
		if err := s.insertMappingVersion(ctx, tx, m, in.Definition, a.Principal.UserID); err != nil {
			return err
		}
		return s.record(ctx, tx, change{agencyID: m.AgencyID, workspaceID: m.WorkspaceID, action: "mapping.updated", targetType: "Mapping",
			targetID: m.ID, summary: fmt.Sprintf("saved version %d of the mapping %q", m.CurrentVersion, m.Name)})
	})
	if err != nil {
		return nil, err
	}
	return &Mapping{Mapping: m, Definition: in.Definition}, nil
}

// DeleteMapping removes a mapping with its versions and its syncs.
func (s *Service) DeleteMapping(ctx context.Context, id string) error {
	m, _, err := s.mappingForWrite(ctx, id)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.DeleteMapping(ctx, tx, m.ID); err != nil {
			return fmt.Errorf("delete mapping: %w", err)
		}
		return s.record(ctx, tx, change{agencyID: m.AgencyID, workspaceID: m.WorkspaceID, action: "mapping.deleted", targetType: "Mapping",
			targetID: m.ID, summary: fmt.Sprintf("deleted the mapping %q and its syncs", m.Name)})
	})
}

// mappingForWrite loads a mapping the caller may change.
func (s *Service) mappingForWrite(ctx context.Context, id string) (*store.Mapping, *Access, error) {
	m, err := store.MappingByID(ctx, s.db, id)
	if err != nil {
		return nil, nil, notFoundAs(err, "mapping")
	}
	w, a, err := s.workspaceFor(ctx, s.db, m.WorkspaceID)
	if err != nil {
		return nil, nil, failure.New(failure.NotFound, "mapping not found")
	}
	if err := a.requireWrite(); err != nil {
		return nil, nil, err
	}
	if w.ArchivedAt != nil {
		return nil, nil, failure.New(failure.Conflict, "the workspace is archived; restore it first")
	}
	return m, a, nil
}

// Mappings lists a workspace's mappings.
func (s *Service) Mappings(ctx context.Context, workspaceID string) ([]*Mapping, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	ms, err := store.MappingsOfWorkspace(ctx, s.db, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("list mappings: %w", err)
	}
	out := make([]*Mapping, 0, len(ms))
	for i := range ms {
		m, err := s.withDefinition(ctx, &ms[i])
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// MappingByID finds a mapping the caller may see.
func (s *Service) MappingByID(ctx context.Context, id string) (*Mapping, error) {
	m, err := store.MappingByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "mapping")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, m.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "mapping not found")
	}
	return s.withDefinition(ctx, m)
}

func (s *Service) withDefinition(ctx context.Context, m *store.Mapping) (*Mapping, error) {
	d, err := s.mappingDefinition(ctx, m.ID, m.CurrentVersion)
	if err != nil {
		return nil, err
	}
	return &Mapping{Mapping: m, Definition: d}, nil
}

func (s *Service) mappingDefinition(ctx context.Context, mappingID string, version int) (mapping.Definition, error) {
	v, err := store.MappingVersionOf(ctx, s.db, mappingID, version)
	if err != nil {
		return mapping.Definition{}, fmt.Errorf("read mapping version %d: %w", version, err)
	}
	var d mapping.Definition
	if err := json.Unmarshal([]byte(v.Definition), &d); err != nil {
		return mapping.Definition{}, fmt.Errorf("decode mapping version %d: %w", version, err)
	}
	return d, nil
}

// PreviewRow is one source record and what the mapping makes of it.
type PreviewRow struct {
	SourceID string
	Source   map[string]any
	Target   map[string]any
	// Errors are the record's problems by target field; a record with
	// errors would be kept as a failed record, not written.
	Errors map[string]string
}

// PreviewMapping runs a definition (saved or not) on the first records of
// the source, fetched live, and writes nothing.
func (s *Service) PreviewMapping(ctx context.Context, workspaceID string, in MappingInput, limit int) ([]PreviewRow, error) {
	if limit < 1 || limit > 50 {
		return nil, failure.Invalid("limit", "must be between 1 and 50")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	ends, err := s.mappingEnds(ctx, workspaceID, in)
	if err != nil {
		return nil, err
	}
	compiled, err := compileMapping(in.Definition, ends)
	if err != nil {
		return nil, err
	}
	page, err := s.readRecords(ctx, ends.source, in.SourceEntity, connectors.ReadQuery{Limit: limit})
	if err != nil {
		return nil, err
	}
	rows := make([]PreviewRow, 0, len(page.Records))
	for _, r := range page.Records {
		out, errs := compiled.Apply(r.Fields)
		row := PreviewRow{SourceID: r.ID, Source: r.Fields, Target: out}
		if len(errs) > 0 {
			row.Errors = map[string]string(errs)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// recordCall is what reaching a connection's records needs, and the
// secrets it holds (to scrub them from messages).
func (s *Service) recordCall(ctx context.Context, row *store.Connection, entity string) (connectors.RecordCall, []string, error) {
	if row.Status == store.ConnectionDisabled || row.Status == store.ConnectionNeedsReauth {
		return connectors.RecordCall{}, nil, failure.New(failure.Conflict, "the connection %q needs attention (%s)", row.Name, strings.ToLower(string(row.Status)))
	}
	conn, token, used, err := s.reach(ctx, row)
	return connectors.RecordCall{Conn: conn, Token: token, Entity: entity}, used, err
}

// reach opens what calling a connection's provider needs: its values and
// secrets (or its OAuth access token) and the provider's environment, with
// the secret values it holds, to scrub from any message.
func (s *Service) reach(ctx context.Context, row *store.Connection) (connectors.Conn, secrets.Secret, []string, error) {
	c, _ := connectors.Get(row.Connector)
	var (
		conn  connectors.Conn
		token secrets.Secret
		used  []string
		err   error
	)
	if c.Spec().Auth.Kind == connectors.AuthOAuth2 {
		if token, err = s.AccessToken(ctx, row.ID); err != nil {
			return conn, token, nil, err
		}
		used = append(used, token.Reveal())
		conn = connectors.Conn{Config: row.Config, Secrets: map[string]secrets.Secret{}}
	} else if conn, err = s.open(row); err != nil {
		return conn, token, nil, err
	}
	for _, v := range conn.Secrets {
		used = append(used, v.Reveal())
	}
	app := s.oauthApps[row.Connector]
	if c.Spec().SelfHosted {
		app.APIBase = ""
	}
	conn.Env = s.env(app)
	return conn, token, slices.DeleteFunc(used, func(v string) bool { return v == "" }), nil
}

// scrubbedError is an error whose text had secrets removed; it still
// unwraps to the original for errors.As.
type scrubbedError struct {
	text string
	err  error
}

func (e *scrubbedError) Error() string { return e.text }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubbed returns err with the used secrets removed from its text.
func scrubbed(err error, used []string) error {
	if err == nil {
		return nil
	}
	return &scrubbedError{text: scrub(err.Error(), used), err: err}
}

// readRecords reads one page of a connection's records, within the
// connection's rate budget.
func (s *Service) readRecords(ctx context.Context, row *store.Connection, entity string, q connectors.ReadQuery) (connectors.RecordPage, error) {
	c, _ := connectors.Get(row.Connector)
	reader, ok := c.(connectors.RecordReader)
	if !ok {
		return connectors.RecordPage{}, failure.New(failure.Conflict, "%s cannot read records", c.Spec().Name)
	}
	call, used, err := s.recordCall(ctx, row, entity)
	if err != nil {
		return connectors.RecordPage{}, err
	}
	kind := fmt.Sprintf("read %s %d", entity, q.Limit)
	reserved, err := s.budgets.spend(ctx, row, kind, readCost(row, q.Limit))
	if err != nil {
		return connectors.RecordPage{}, err
	}
	var page connectors.RecordPage
	err = honoringRetryAfter(ctx, func() error {
		var err error
		page, err = reader.ReadRecords(ctx, call, q)
		return err
	})
	if err != nil {
		return page, scrubbed(err, used)
	}
	s.budgets.settle(row, kind, reserved, page.Budget)
	return page, nil
}
