package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RuleNameConstraint is the unique index on a workspace's rule names.
const RuleNameConstraint = "rules_workspace_name_key"

// Rule is an automation rule of a workspace. Its definition lives in
// immutable versions; CurrentVersion is the one new runs use.
type Rule struct {
	bun.BaseModel `bun:"table:rules"`

	ID             string    `bun:"id,pk"`
	AgencyID       string    `bun:"agency_id,notnull"`
	WorkspaceID    string    `bun:"workspace_id,notnull"`
	Name           string    `bun:"name,notnull"`
	Enabled        bool      `bun:"enabled,notnull"`
	Recipe         string    `bun:"recipe,notnull"`
	CurrentVersion int       `bun:"current_version,notnull"`
	TriggerType    string    `bun:"trigger_type,notnull"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
	UpdatedAt      time.Time `bun:"updated_at,notnull"`
}

// RuleVersion is one immutable definition of a rule (JSON).
type RuleVersion struct {
	bun.BaseModel `bun:"table:rule_versions"`

	ID         string    `bun:"id,pk"`
	RuleID     string    `bun:"rule_id,notnull"`
	Version    int       `bun:"version,notnull"`
	Definition string    `bun:"definition,notnull"`
	CreatedBy  *string   `bun:"created_by"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// InsertRule adds a rule.
func InsertRule(ctx context.Context, db bun.IDB, r *Rule) error {
	_, err := db.NewInsert().Model(r).Exec(ctx)
	return err
}

// UpdateRule writes a rule's name, state, current version and trigger.
func UpdateRule(ctx context.Context, db bun.IDB, r *Rule) error {
	_, err := db.NewUpdate().Model(r).Column("name", "enabled", "current_version", "trigger_type", "updated_at").WherePK().Exec(ctx)
	return err
}

// DeleteRule removes a rule with its versions and runs.
func DeleteRule(ctx context.Context, db bun.IDB, id string) error {
	_, err := db.NewDelete().Model((*Rule)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// RuleByID finds a rule.
func RuleByID(ctx context.Context, db bun.IDB, id string) (*Rule, error) {
	r := new(Rule)
	err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// RulesOfWorkspace lists a workspace's rules by name.
func RulesOfWorkspace(ctx context.Context, db bun.IDB, workspaceID string) ([]Rule, error) {
	var rs []Rule
	err := db.NewSelect().Model(&rs).Where("workspace_id = ?", workspaceID).Order("name ASC").Limit(500).Scan(ctx)
	return rs, err
}

// EnabledRulesFor lists a workspace's enabled rules triggered by an event type.
func EnabledRulesFor(ctx context.Context, db bun.IDB, workspaceID, eventType string) ([]Rule, error) {
	var rs []Rule
	err := db.NewSelect().Model(&rs).Where("workspace_id = ?", workspaceID).Where("trigger_type = ?", eventType).
		Where("enabled = ?", true).Order("id ASC").Scan(ctx)
	return rs, err
}

// InsertRuleVersion adds a version.
func InsertRuleVersion(ctx context.Context, db bun.IDB, v *RuleVersion) error {
	_, err := db.NewInsert().Model(v).Exec(ctx)
	return err
}

// RuleVersionOf finds one version of a rule.
func RuleVersionOf(ctx context.Context, db bun.IDB, ruleID string, version int) (*RuleVersion, error) {
	v := new(RuleVersion)
	err := db.NewSelect().Model(v).Where("rule_id = ?", ruleID).Where("version = ?", version).Scan(ctx)
	return v, notFound(err)
}

// RuleVersionByID finds a version.
func RuleVersionByID(ctx context.Context, db bun.IDB, id string) (*RuleVersion, error) {
	v := new(RuleVersion)
	err := db.NewSelect().Model(v).Where("id = ?", id).Scan(ctx)
	return v, notFound(err)
}

// EnabledRulesOfType lists every workspace's enabled rules triggered by an
// event type (schedules).
func EnabledRulesOfType(ctx context.Context, db bun.IDB, eventType string) ([]Rule, error) {
	var rs []Rule
	err := db.NewSelect().Model(&rs).Where("trigger_type = ?", eventType).Where("enabled = ?", true).Order("id ASC").Limit(10000).Scan(ctx)
	return rs, err
}
