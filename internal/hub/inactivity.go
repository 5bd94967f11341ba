package hub

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// DefaultInactiveDays is how long without an order makes a customer
// inactive, when a rule does not say.
const DefaultInactiveDays = 30

// DetectInactiveCustomers records customer.inactive for every customer
// whose last order is as old as an enabled rule's threshold, once per
// customer, last order and threshold, and starts the rules it triggers.
func (s *Service) DetectInactiveCustomers(ctx context.Context) error {
	workspaces, err := store.WorkspacesWithEnabledRule(ctx, s.db, rules.CustomerInactive)
	if err != nil {
		return fmt.Errorf("find workspaces: %w", err)
	}
	for _, ws := range workspaces {
		days, err := s.inactiveThresholds(ctx, ws)
		if err != nil {
			return err
		}
		for d := range days {
			if err := s.detectInactive(ctx, ws, d); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) inactiveThresholds(ctx context.Context, workspaceID string) (map[int]bool, error) {
	rs, err := store.EnabledRulesFor(ctx, s.db, workspaceID, rules.CustomerInactive)
	if err != nil {
		return nil, fmt.Errorf("find rules: %w", err)
	}
	days := map[int]bool{}
	for _, r := range rs {
		v, err := store.RuleVersionOf(ctx, s.db, r.ID, r.CurrentVersion)
		if err != nil {
			return nil, fmt.Errorf("read rule: %w", err)
		}
		c, err := s.compiledVersion(v)
		if err != nil {
			return nil, err
		}
		days[inactiveDays(c.Definition.Trigger)] = true
	}
	return days, nil
}

func inactiveDays(t rules.Trigger) int {
	if t.DelayMinutes >= 24*60 {
		return t.DelayMinutes / (24 * 60)
	}
	return DefaultInactiveDays
}

func (s *Service) detectInactive(ctx context.Context, workspaceID string, days int) error {
	cutoff := s.now().Add(-time.Duration(days) * 24 * time.Hour)
	custs, err := store.CustomersInactiveSince(ctx, s.db, workspaceID, cutoff, 500)
	if err != nil {
		return fmt.Errorf("find inactive customers: %w", err)
	}
	for i := range custs {
		c := &custs[i]
		err := s.inTx(ctx, func(ctx context.Context, tx *txn) error {
			now := s.now()
			ev := &store.Event{ID: store.NewID(), AgencyID: c.AgencyID, WorkspaceID: c.WorkspaceID, Type: rules.CustomerInactive,
				Source: fmt.Sprintf("inactive:%s:%d:%d", c.ID, c.LastOrderAt.Unix(), days), ResourceID: c.ID, CustomerID: &c.ID,
				Data: "{}", OccurredAt: now, CreatedAt: now}
			fresh, err := store.InsertEvent(ctx, tx, ev)
			if err != nil || !fresh {
				return err
			}
			_, err = s.startInactiveRuns(ctx, tx, ev, c, days)
			return err
		})
		if err != nil {
			return fmt.Errorf("record inactivity: %w", err)
		}
	}
	return nil
}

// startInactiveRuns starts the inactivity rules whose threshold is days.
func (s *Service) startInactiveRuns(ctx context.Context, tx *txn, ev *store.Event, c *store.Customer, days int) (int, error) {
	return s.startRunsWhere(ctx, tx, ev, c, func(_ *store.Rule, t rules.Trigger) bool { return inactiveDays(t) == days })
}
