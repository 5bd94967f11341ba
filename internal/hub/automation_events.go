package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/bus"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
	"github.com/switchboard-hub/switchboard/jobs"
)

// DefaultAbandonMinutes is how long a checkout waits for an order before it
// counts as abandoned, when a rule does not say.
const DefaultAbandonMinutes = 60

func runsTopic(workspaceID string) string { return "runs:" + workspaceID }

// ingest records a stored webhook's normalized events: the customer
// profile and orders are updated, each event is recorded once, the rules
// it triggers start runs (each with its first step job), and the webhook
// event is marked processed, all in one transaction.
func (s *Service) ingest(ctx context.Context, wev *store.WebhookEvent, events []connectors.Normalized) error {
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		conn, err := store.ConnectionByID(ctx, tx, wev.ConnectionID)
		if err != nil {
			return fmt.Errorf("find connection: %w", err)
		}
		recorded, started := 0, 0
		for _, n := range events {
			cust, err := s.applyFacts(ctx, tx, conn, n)
			if err != nil {
				return err
			}
			ev, fresh, err := s.recordEvent(ctx, tx, conn, cust, n, wev.ID, dataOf(n))
			if err != nil || !fresh {
				if err != nil {
					return err
				}
				continue
			}
			recorded++
			k, err := s.startRuns(ctx, tx, ev, cust)
			if err != nil {
				return err
			}
			started += k
			if (n.Type == "checkout.created" || n.Type == "checkout.updated") && n.Checkout != nil && !n.Checkout.Completed {
				if err := s.watchCheckout(ctx, tx, ev); err != nil {
					return err
				}
			}
		}
		if err := s.queueStockEvent(ctx, tx, wev, events); err != nil {
			return err
		}
		outcome := fmt.Sprintf("%d events recorded, %d runs started", recorded, started)
		return store.MarkWebhookEventProcessed(ctx, tx, wev.ID, outcome, s.now())
	})
}

// recordEvent stores a normalized event once per source.
func (s *Service) recordEvent(ctx context.Context, tx *txn, conn *store.Connection, cust *store.Customer, n connectors.Normalized,
	source string, data eventData) (*store.Event, bool, error) {
	b, err := json.Marshal(data)
	if err != nil {
		return nil, false, fmt.Errorf("encode event: %w", err)
	}
	ev := &store.Event{ID: store.NewID(), AgencyID: conn.AgencyID, WorkspaceID: conn.WorkspaceID, ConnectionID: &conn.ID,
		Type: n.Type, Source: source, ResourceID: n.ResourceID, Data: string(b), OccurredAt: n.OccurredAt, CreatedAt: s.now()}
	if ev.OccurredAt.IsZero() {
		ev.OccurredAt = ev.CreatedAt
	}
	if cust != nil {
		ev.CustomerID = &cust.ID
	}
	fresh, err := store.InsertEvent(ctx, tx, ev)
	if err != nil {
		return nil, false, fmt.Errorf("record event: %w", err)
	}
	return ev, fresh, nil
}

// compiledVersion compiles a saved rule version once (versions never
// change); its connections are checked when steps run.
func (s *Service) compiledVersion(v *store.RuleVersion) (*rules.Compiled, error) {
	if c, ok := s.compiled.Load(v.ID); ok {
		return c.(*rules.Compiled), nil
	}
	var d rules.Definition
	if err := json.Unmarshal([]byte(v.Definition), &d); err != nil {
		return nil, fmt.Errorf("read rule version %s: %w", v.ID, err)
	}
	c, err := rules.CompileDefinition(d, nil)
	if err != nil {
		return nil, fmt.Errorf("compile rule version %s: %w", v.ID, err)
	}
	s.compiled.Store(v.ID, c)
	return c, nil
}

// startRuns starts a run of every enabled rule the event triggers whose
// condition holds, each at most once per event, with its first step job.
func (s *Service) startRuns(ctx context.Context, tx *txn, ev *store.Event, cust *store.Customer) (int, error) {
	return s.startRunsWhere(ctx, tx, ev, cust, func(*store.Rule, rules.Trigger) bool { return true })
}

// startRunsWhere is startRuns for the rules whose trigger also passes keep.
func (s *Service) startRunsWhere(ctx context.Context, tx *txn, ev *store.Event, cust *store.Customer, keep func(*store.Rule, rules.Trigger) bool) (int, error) {
	rs, err := store.EnabledRulesFor(ctx, tx, ev.WorkspaceID, ev.Type)
	if err != nil {
		return 0, fmt.Errorf("find rules: %w", err)
	}
	started := 0
	for _, r := range rs {
		v, err := store.RuleVersionOf(ctx, tx, r.ID, r.CurrentVersion)
		if err != nil {
			return started, fmt.Errorf("read rule %s: %w", r.ID, err)
		}
		c, err := s.compiledVersion(v)
		if err != nil {
			return started, err
		}
		if !triggers(c.Definition.Trigger, ev) || !keep(&r, c.Definition.Trigger) {
			continue
		}
		env, err := s.envFor(ctx, tx, ev, nil, cust)
		if err != nil {
			return started, err
		}
		if ok, err := c.Condition.Eval(env); err != nil || !ok {
			if err != nil {
				s.log.WarnContext(ctx, "rule condition failed", "rule", r.ID, "err", err.Error())
			}
			continue
		}
		now := s.now()
		run := &store.Run{ID: store.NewID(), AgencyID: r.AgencyID, WorkspaceID: r.WorkspaceID, RuleID: r.ID, RuleVersionID: v.ID,
			EventID: ev.ID, CustomerID: ev.CustomerID, Status: store.RunRunning, State: map[string]string{}, StartedAt: now, UpdatedAt: now}
		fresh, err := store.InsertRun(ctx, tx, run)
		if err != nil {
			return started, fmt.Errorf("start run: %w", err)
		}
		if !fresh {
			continue
		}
		if err := s.queueRunTx(ctx, tx, run.ID); err != nil {
			return started, err
		}
		tx.published = append(tx.published, bus.Message{Topic: runsTopic(run.WorkspaceID), Data: run.ID})
		started++
	}
	return started, nil
}

// triggers reports whether a rule's trigger takes the event.
func triggers(t rules.Trigger, ev *store.Event) bool {
	if t.Event != ev.Type {
		return false
	}
	if t.ConnectionID != "" && (ev.ConnectionID == nil || *ev.ConnectionID != t.ConnectionID) {
		return false
	}
	if ev.Type == rules.CheckoutAbandoned {
		return abandonDelay(t) == delayOfSource(ev.Source)
	}
	return true
}

func abandonDelay(t rules.Trigger) int {
	if t.DelayMinutes > 0 {
		return t.DelayMinutes
	}
	return DefaultAbandonMinutes
}

// delayOfSource reads the delay an abandonment event was detected after
// ("abandoned:<checkout event>:<minutes>").
func delayOfSource(source string) int {
	i := strings.LastIndexByte(source, ':')
	if !strings.HasPrefix(source, "abandoned:") || i < 0 {
		return 0
	}
	minutes, _ := strconv.Atoi(source[i+1:])
	return minutes
}

// watchCheckout schedules an abandonment check of a checkout event, once
// per delay the workspace's enabled abandonment rules use.
func (s *Service) watchCheckout(ctx context.Context, tx *txn, ev *store.Event) error {
	rs, err := store.EnabledRulesFor(ctx, tx, ev.WorkspaceID, rules.CheckoutAbandoned)
	if err != nil {
		return fmt.Errorf("find abandonment rules: %w", err)
	}
	delays := map[int]bool{}
	for _, r := range rs {
		v, err := store.RuleVersionOf(ctx, tx, r.ID, r.CurrentVersion)
		if err != nil {
			return fmt.Errorf("read rule %s: %w", r.ID, err)
		}
		c, err := s.compiledVersion(v)
		if err != nil {
			return err
		}
		delays[abandonDelay(c.Definition.Trigger)] = true
	}
	for d := range delays {
		at := s.realTime(ev.OccurredAt.Add(time.Duration(d) * time.Minute))
		if _, err := s.river.InsertTx(ctx, tx.Tx.Tx, jobs.DetectAbandonmentArgs{EventID: ev.ID, DelayMinutes: d},
			&river.InsertOpts{ScheduledAt: at}); err != nil {
			return fmt.Errorf("schedule abandonment check: %w", err)
		}
	}
	return nil
}

// realTime maps a time on the hub's clock to the wall clock River
// schedules by (they differ only under a test clock).
func (s *Service) realTime(t time.Time) time.Time {
	return time.Now().Add(t.Sub(s.now()))
}

// DetectAbandonment is the abandonment check of one checkout event: when
// no newer activity happened on the checkout and the customer has not
// ordered since, it records checkout.abandoned and starts the rules it
// triggers. Running it again does nothing new.
func (s *Service) DetectAbandonment(ctx context.Context, eventID string, delayMinutes int) error {
	ev, err := store.EventByID(ctx, s.db, eventID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read checkout event: %w", err)
	}
	if s.now().Before(ev.OccurredAt.Add(time.Duration(delayMinutes) * time.Minute)) {
		return fmt.Errorf("checkout %s is not %d minutes old yet", ev.ResourceID, delayMinutes)
	}
	latest, err := store.LatestEventOfResource(ctx, s.db, ev.WorkspaceID, ev.ResourceID, []string{"checkout.created", "checkout.updated"})
	if err != nil || latest.ID != ev.ID {
		return nil // newer activity has its own check
	}
	var d eventData
	if err := json.Unmarshal([]byte(ev.Data), &d); err != nil || d.Checkout == nil {
		return nil
	}
	customerID := ""
	if ev.CustomerID != nil {
		customerID = *ev.CustomerID
	}
	ordered, err := store.CustomerOrderedSince(ctx, s.db, ev.WorkspaceID, customerID, d.Checkout.Email, ev.OccurredAt)
	if err != nil {
		return fmt.Errorf("look for an order: %w", err)
	}
	if ordered {
		return nil
	}
	return s.inTx(ctx, func(ctx context.Context, tx *txn) error {
		abandoned := &store.Event{ID: store.NewID(), AgencyID: ev.AgencyID, WorkspaceID: ev.WorkspaceID, ConnectionID: ev.ConnectionID,
			Type: rules.CheckoutAbandoned, Source: fmt.Sprintf("abandoned:%s:%d", ev.ID, delayMinutes), ResourceID: ev.ResourceID,
			CustomerID: ev.CustomerID, Data: ev.Data, OccurredAt: s.now(), CreatedAt: s.now()}
		fresh, err := store.InsertEvent(ctx, tx, abandoned)
		if err != nil || !fresh {
			return err
		}
		var cust *store.Customer
		if ev.CustomerID != nil {
			if cust, err = store.CustomerByID(ctx, tx, *ev.CustomerID); err != nil {
				return fmt.Errorf("read customer: %w", err)
			}
		}
		_, err = s.startRuns(ctx, tx, abandoned, cust)
		return err
	})
}
