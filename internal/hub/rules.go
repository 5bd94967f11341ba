package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// RuleInput is a rule as a user writes it.
type RuleInput struct {
	Name       string `validate:"required,name,max=120"`
	Definition rules.Definition
}

// Rule is a rule with its current definition.
type Rule struct {
	*store.Rule
	Definition rules.Definition
}

func rulesTopic(workspaceID string) string { return "rules:" + workspaceID }

// SubscribeRules streams a workspace's rules as they change (a deleted
// rule is not streamed: it reads nothing).
func (s *Service) SubscribeRules(ctx context.Context, workspaceID string) (<-chan *Rule, error) {
	return subscribeRows(ctx, s, workspaceID, rulesTopic(workspaceID), "", func(ctx context.Context, id string) (*Rule, error) {
		r, err := store.RuleByID(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		return s.ruleWithDefinition(ctx, r)
	})
}

// definitionFailure turns a compile problem into VALIDATION_FAILED naming
// the field.
func definitionFailure(err error) error {
	var fe *rules.FieldError
	if errors.As(err, &fe) {
		return failure.Invalid(fe.Field, fe.Message)
	}
	return err
}

// connectionsOf maps a workspace's connections to their connectors.
func connectionsOf(ctx context.Context, db bun.IDB, workspaceID string) (rules.Connections, error) {
	cs, err := store.ConnectionsOfWorkspace(ctx, db, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	out := rules.Connections{}
	for _, c := range cs {
		out[c.ID] = c.Connector
	}
	return out, nil
}

// checkDefinition compiles a definition against the workspace.
func (s *Service) checkDefinition(ctx context.Context, workspaceID string, d rules.Definition) (*rules.Compiled, error) {
	conns, err := connectionsOf(ctx, s.db, workspaceID)
	if err != nil {
		return nil, err
	}
	c, err := rules.CompileDefinition(d, conns)
	if err != nil {
		return nil, definitionFailure(err)
	}
	return c, nil
}

// CreateRule adds a rule (disabled) with its first version.
func (s *Service) CreateRule(ctx context.Context, workspaceID string, in RuleInput, recipe string) (*Rule, error) {
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
	c, err := s.checkDefinition(ctx, w.ID, in.Definition)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r := &store.Rule{ID: store.NewID(), AgencyID: w.AgencyID, WorkspaceID: w.ID, Name: in.Name, Recipe: recipe,
		CurrentVersion: 1, TriggerType: c.Definition.Trigger.Event, CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.InsertRule(ctx, tx, r); err != nil {
			if store.IsUniqueViolation(err, store.RuleNameConstraint) {
				return failure.ConflictOn("name", "another rule of this workspace has this name")
			}
			return fmt.Errorf("create rule: %w", err)
		}
		if err := s.insertVersion(ctx, tx, r, c.Definition, a.Principal.UserID); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: rulesTopic(r.WorkspaceID), Data: r.ID})
		return s.record(ctx, tx, change{agencyID: r.AgencyID, workspaceID: r.WorkspaceID, action: "rule.created", targetType: "Rule",
			targetID: r.ID, summary: fmt.Sprintf("created the rule %q (on %s)", r.Name, r.TriggerType)})
	})
	if err != nil {
		return nil, err
	}
	return &Rule{Rule: r, Definition: c.Definition}, nil
}

func (s *Service) insertVersion(ctx context.Context, tx *txn, r *store.Rule, d rules.Definition, userID string) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode rule: %w", err)
	}
	v := &store.RuleVersion{ID: store.NewID(), RuleID: r.ID, Version: r.CurrentVersion, Definition: string(b), CreatedAt: s.now()}
	if userID != "" {
		v.CreatedBy = &userID
	}
	if err := store.InsertRuleVersion(ctx, tx, v); err != nil {
		return fmt.Errorf("save rule version: %w", err)
	}
	return nil
}

// ruleForWrite loads a rule the caller may change.
func (s *Service) ruleForWrite(ctx context.Context, id string) (*store.Rule, *Access, error) {
	r, err := store.RuleByID(ctx, s.db, id)
	if err != nil {
		return nil, nil, notFoundAs(err, "rule")
	}
	_, a, err := s.workspaceFor(ctx, s.db, r.WorkspaceID)
	if err != nil {
		return nil, nil, failure.New(failure.NotFound, "rule not found")
	}
	if err := a.requireWrite(); err != nil {
		return nil, nil, err
	}
	return r, a, nil
}

// UpdateRule saves a new version of a rule; runs in progress stay on the
// version they started with.
func (s *Service) UpdateRule(ctx context.Context, id string, in RuleInput) (*Rule, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.validate.Check(in); err != nil {
		return nil, err
	}
	r, a, err := s.ruleForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := s.checkDefinition(ctx, r.WorkspaceID, in.Definition)
	if err != nil {
		return nil, err
	}
	r.Name, r.CurrentVersion, r.TriggerType, r.UpdatedAt = in.Name, r.CurrentVersion+1, c.Definition.Trigger.Event, s.now()
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateRule(ctx, tx, r); err != nil {
			if store.IsUniqueViolation(err, store.RuleNameConstraint) {
				return failure.ConflictOn("name", "another rule of this workspace has this name")
			}
			return fmt.Errorf("update rule: %w", err)
		}
		if err := s.insertVersion(ctx, tx, r, c.Definition, a.Principal.UserID); err != nil {
			return err
		}
		tx.published = append(tx.published, bus.Message{Topic: rulesTopic(r.WorkspaceID), Data: r.ID})
		return s.record(ctx, tx, change{agencyID: r.AgencyID, workspaceID: r.WorkspaceID, action: "rule.updated", targetType: "Rule",
			targetID: r.ID, summary: fmt.Sprintf("saved version %d of the rule %q", r.CurrentVersion, r.Name)})
	})
	if err != nil {
		return nil, err
	}
	return &Rule{Rule: r, Definition: c.Definition}, nil
}

// SetRuleEnabled switches a rule on or off. Switching on checks the rule
// again against the workspace (a connection it uses may be gone).
func (s *Service) SetRuleEnabled(ctx context.Context, id string, enabled bool) (*Rule, error) {
	r, _, err := s.ruleForWrite(ctx, id)
	if err != nil {
		return nil, err
	}
	rule, err := s.ruleWithDefinition(ctx, r)
	if err != nil {
		return nil, err
	}
	if enabled {
		if _, err := s.checkDefinition(ctx, r.WorkspaceID, rule.Definition); err != nil {
			return nil, err
		}
	}
	if r.Enabled == enabled {
		return rule, nil
	}
	r.Enabled, r.UpdatedAt = enabled, s.now()
	verb := "switched off"
	if enabled {
		verb = "switched on"
	}
	err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.UpdateRule(ctx, tx, r); err != nil {
			return fmt.Errorf("update rule: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: rulesTopic(r.WorkspaceID), Data: r.ID})
		return s.record(ctx, tx, change{agencyID: r.AgencyID, workspaceID: r.WorkspaceID, action: "rule." + strings.ReplaceAll(verb, " ", "_"),
			targetType: "Rule", targetID: r.ID, summary: fmt.Sprintf("%s the rule %q", verb, r.Name)})
	})
	return rule, err
}

// DeleteRule removes a rule, its versions and its runs.
func (s *Service) DeleteRule(ctx context.Context, id string) error {
	r, _, err := s.ruleForWrite(ctx, id)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		if err := store.DeleteRule(ctx, tx, r.ID); err != nil {
			return fmt.Errorf("delete rule: %w", err)
		}
		tx.published = append(tx.published, bus.Message{Topic: rulesTopic(r.WorkspaceID), Data: r.ID})
		return s.record(ctx, tx, change{agencyID: r.AgencyID, workspaceID: r.WorkspaceID, action: "rule.deleted", targetType: "Rule",
			targetID: r.ID, summary: fmt.Sprintf("deleted the rule %q and its runs", r.Name)})
	})
}

func (s *Service) ruleWithDefinition(ctx context.Context, r *store.Rule) (*Rule, error) {
	v, err := store.RuleVersionOf(ctx, s.db, r.ID, r.CurrentVersion)
	if err != nil {
		return nil, fmt.Errorf("read rule version: %w", err)
	}
	var d rules.Definition
	if err := json.Unmarshal([]byte(v.Definition), &d); err != nil {
		return nil, fmt.Errorf("read rule version: %w", err)
	}
	return &Rule{Rule: r, Definition: d}, nil
}

// Rules lists a workspace's rules.
func (s *Service) Rules(ctx context.Context, workspaceID string) ([]*Rule, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	rs, err := store.RulesOfWorkspace(ctx, s.db, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("list rules: %w", err)
	}
	out := make([]*Rule, 0, len(rs))
	for i := range rs {
		r, err := s.ruleWithDefinition(ctx, &rs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// GetRule returns a rule the caller can see.
func (s *Service) GetRule(ctx context.Context, id string) (*Rule, error) {
	r, err := store.RuleByID(ctx, s.db, id)
	if err != nil {
		return nil, notFoundAs(err, "rule")
	}
	if _, _, err := s.workspaceFor(ctx, s.db, r.WorkspaceID); err != nil {
		return nil, failure.New(failure.NotFound, "rule not found")
	}
	return s.ruleWithDefinition(ctx, r)
}
