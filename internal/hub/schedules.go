package hub

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// scheduleLookback is how far back a missed schedule time still fires
// (once: the latest one).
const scheduleLookback = time.Hour

// FireSchedules starts the runs of enabled schedule rules whose cron time
// came due (the minutely fire_schedules job). Each rule fires once per
// due time, however often this runs, on any number of processes.
func (s *Service) FireSchedules(ctx context.Context) error {
	rs, err := store.EnabledRulesOfType(ctx, s.db, rules.Schedule)
	if err != nil {
		return fmt.Errorf("find schedules: %w", err)
	}
	now := s.now()
	for i := range rs {
		r := &rs[i]
		v, err := store.RuleVersionOf(ctx, s.db, r.ID, r.CurrentVersion)
		if err != nil {
			return fmt.Errorf("read rule %s: %w", r.ID, err)
		}
		c, err := s.compiledVersion(v)
		if err != nil {
			return err
		}
		due, ok := lastDue(c.Definition.Trigger.Cron, now.In(s.workspaceLocation(ctx, r.WorkspaceID)))
		if !ok {
			continue
		}
		err = s.inTx(ctx, func(ctx context.Context, tx *txn) error {
			ev := &store.Event{ID: store.NewID(), AgencyID: r.AgencyID, WorkspaceID: r.WorkspaceID, Type: rules.Schedule,
				Source: fmt.Sprintf("schedule:%s:%d", r.ID, due.Unix()), Data: "{}", OccurredAt: due, CreatedAt: now}
			fresh, err := store.InsertEvent(ctx, tx, ev)
			if err != nil || !fresh {
				return err
			}
			_, err = s.startRunsWhere(ctx, tx, ev, nil, func(x *store.Rule, _ rules.Trigger) bool { return x.ID == r.ID })
			return err
		})
		if err != nil {
			return fmt.Errorf("fire schedule of rule %s: %w", r.ID, err)
		}
	}
	return nil
}

// lastDue is the latest time at or before now, within the lookback, at
// which the cron expression fires, read in now's time zone.
func lastDue(expr string, now time.Time) (time.Time, bool) {
	sched, err := rules.ParseCron(expr)
	if err != nil {
		return time.Time{}, false
	}
	var due time.Time
	for t := sched.Next(now.Add(-scheduleLookback)); !t.After(now); t = sched.Next(t) {
		due = t
	}
	return due, !due.IsZero()
}
