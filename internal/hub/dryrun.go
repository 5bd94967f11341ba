package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// SimStep is what a dry run says one step would do.
type SimStep struct {
	Path    string
	Kind    string
	Title   string
	Outcome string
	// Rendered are an action's inputs as they would be sent.
	Rendered []RenderedInput
}

// RenderedInput is one rendered action input.
type RenderedInput struct {
	Name  string
	Value string
}

// DryRun is what a rule would do for one event, with no side effects.
type DryRun struct {
	// EventSource says which event was used: "stored" or "sample".
	EventSource   string
	EventType     string
	ConditionHeld bool
	Exited        bool
	Steps         []SimStep
}

// simulate walks a compiled rule for env: the condition, then every step
// (waits are assumed over, the exit condition is checked before each step
// as at run time; the profile does not change).
func simulate(c *rules.Compiled, env rules.Env) (DryRun, error) {
	var out DryRun
	held, err := c.Condition.Eval(env)
	if err != nil {
		return out, err
	}
	out.ConditionHeld = held
	if !held {
		return out, nil
	}
	pc := 0
	for range len(c.Program) + 1 {
		if pc >= len(c.Program) {
			break
		}
		if c.Exit != nil {
			if stop, err := c.Exit.Eval(env); err == nil && stop {
				out.Exited = true
				break
			}
		}
		in := c.Program[pc]
		st := SimStep{Path: in.Path, Kind: string(in.Kind), Title: stepTitle(in)}
		next := in.Next
		switch in.Kind {
		case rules.KindWait:
			st.Outcome = "would wait until " + in.Wait.Until(env.Now, time.UTC).Format(time.RFC3339)
		case rules.KindBranch:
			ok, err := in.If.Eval(env)
			if err != nil {
				return out, err
			}
			st.Outcome = "the condition would hold"
			if !ok {
				st.Outcome, next = "the condition would not hold", in.Else
			}
		case rules.KindAction:
			a := in.Action
			if c.Definition.Marketing && a.Spec.Consent != "" && !consentsEnv(env.Customer, string(a.Spec.Consent)) {
				st.Outcome = "would be skipped: no consent to marketing by " + string(a.Spec.Consent)
				break
			}
			data, err := env.Data()
			if err != nil {
				return out, err
			}
			names := make([]string, 0, len(a.Input))
			for name := range a.Input {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				v, err := a.Input[name].RenderData(data)
				if err != nil {
					return out, fmt.Errorf("%s: %w", name, err)
				}
				st.Rendered = append(st.Rendered, RenderedInput{Name: name, Value: v})
			}
			st.Outcome = "would run"
		}
		out.Steps = append(out.Steps, st)
		pc = next
	}
	return out, nil
}

func consentsEnv(c rules.Customer, channel string) bool {
	switch channel {
	case "email":
		return c.EmailConsent
	case "sms":
		return c.SMSConsent
	}
	return true
}

// TestRule shows what a rule (saved or not) would do for an event of its
// trigger: the given stored event, else the workspace's latest one, else a
// sample. Nothing is sent or written.
func (s *Service) TestRule(ctx context.Context, workspaceID string, in RuleInput, eventID *string) (*DryRun, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	c, err := s.checkDefinition(ctx, workspaceID, in.Definition)
	if err != nil {
		return nil, err
	}
	env, source, err := s.sampleEnv(ctx, workspaceID, c.Definition.Trigger.Event, eventID)
	if err != nil {
		return nil, err
	}
	out, err := simulate(c, env)
	if err != nil {
		return nil, failure.New(failure.ValidationFailed, "the rule fails on this event: %s", err.Error())
	}
	out.EventSource, out.EventType = source, c.Definition.Trigger.Event
	return &out, nil
}

// sampleEnv is the env of a stored event, or of a sample.
func (s *Service) sampleEnv(ctx context.Context, workspaceID, eventType string, eventID *string) (rules.Env, string, error) {
	var ev *store.Event
	var err error
	if eventID != nil {
		if ev, err = store.EventByID(ctx, s.db, *eventID); err != nil || ev.WorkspaceID != workspaceID {
			return rules.Env{}, "", failure.Invalid("eventId", "no such event in this workspace")
		}
	} else if ev, err = store.LatestEventOfType(ctx, s.db, workspaceID, eventType); errors.Is(err, store.ErrNotFound) {
		env := rules.Sample(s.now())
		env.Event.Type = eventType
		return env, "sample", nil
	} else if err != nil {
		return rules.Env{}, "", fmt.Errorf("find a sample event: %w", err)
	}
	var cust *store.Customer
	if ev.CustomerID != nil {
		cust, _ = store.CustomerByID(ctx, s.db, *ev.CustomerID)
	}
	env, err := s.envFor(ctx, s.db, ev, nil, cust)
	return env, "stored", err
}

// Backtest is what a rule would have done over past events.
type Backtest struct {
	Events     int
	WouldStart int
	// WouldFinish runs would reach their end; WouldExit would stop at the
	// exit condition.
	WouldFinish int
	WouldExit   int
	// StepsReached counts, per step path, the runs that would reach it.
	StepsReached map[string]int
	Truncated    bool
}

// BacktestLimit bounds the events one backtest replays.
const BacktestLimit = 5000

// BacktestRule replays a rule's current version over the workspace's
// stored events of its trigger in [from, to).
func (s *Service) BacktestRule(ctx context.Context, ruleID string, from, to time.Time) (*Backtest, error) {
	r, err := s.GetRule(ctx, ruleID)
	if err != nil {
		return nil, err
	}
	if !from.Before(to) {
		return nil, failure.Invalid("to", "must be after from")
	}
	c, err := rules.CompileDefinition(r.Definition, nil)
	if err != nil {
		return nil, definitionFailure(err)
	}
	events, err := store.EventsBetween(ctx, s.db, r.WorkspaceID, c.Definition.Trigger.Event, from, to, BacktestLimit+1)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	out := &Backtest{StepsReached: map[string]int{}}
	if len(events) > BacktestLimit {
		events, out.Truncated = events[:BacktestLimit], true
	}
	for i := range events {
		ev := &events[i]
		var cust *store.Customer
		if ev.CustomerID != nil {
			cust, _ = store.CustomerByID(ctx, s.db, *ev.CustomerID)
		}
		env, err := s.envFor(ctx, s.db, ev, nil, cust)
		if err != nil {
			return nil, err
		}
		out.Events++
		sim, err := simulate(c, env)
		if err != nil || !sim.ConditionHeld {
			continue
		}
		out.WouldStart++
		for _, st := range sim.Steps {
			out.StepsReached[st.Path]++
		}
		if sim.Exited {
			out.WouldExit++
		} else {
			out.WouldFinish++
		}
	}
	return out, nil
}

// EventData is an event's stored facts as JSON values.
func EventData(ev *store.Event) (map[string]any, error) {
	var m map[string]any
	if err := json.Unmarshal([]byte(ev.Data), &m); err != nil {
		return nil, fmt.Errorf("read event %s: %w", ev.ID, err)
	}
	return m, nil
}

// Preview is a template rendered with a sample, or its problem.
type Preview struct {
	Rendered string
	Problem  *rules.SyntaxError
	// Length and Segments (160 characters each) measure an SMS.
	Length, Segments int
}

// PreviewTemplate renders a template with a sample of the event type: the
// workspace's latest such event, else a made-up one.
func (s *Service) PreviewTemplate(ctx context.Context, workspaceID, eventType, source string, html bool) (*Preview, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	if !slices.Contains(rules.TriggerTypes(), eventType) {
		return nil, failure.Invalid("eventType", "is not an event any connector emits")
	}
	t, err := rules.ParseTemplate(source, html)
	var se *rules.SyntaxError
	if errors.As(err, &se) {
		return &Preview{Problem: se}, nil
	}
	if err != nil {
		return nil, err
	}
	env, _, err := s.sampleEnv(ctx, workspaceID, eventType, nil)
	if err != nil {
		return nil, err
	}
	out, err := t.Render(env)
	if err != nil {
		return &Preview{Problem: &rules.SyntaxError{Message: err.Error()}}, nil
	}
	n := len([]rune(out))
	return &Preview{Rendered: out, Length: n, Segments: (n + 159) / 160}, nil
}
