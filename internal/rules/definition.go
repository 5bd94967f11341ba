package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/robfig/cron/v3"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Derived event types: the hub emits them itself.
const (
	// CheckoutAbandoned: no order N minutes after a checkout's last activity.
	CheckoutAbandoned = "checkout.abandoned"
	// CustomerInactive: N days since the customer's last order.
	CustomerInactive = "customer.inactive"
	// Schedule: the rule's cron expression came due.
	Schedule = "schedule"
)

// cronParser reads standard five-field cron expressions and descriptors
// such as @daily.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron reads a schedule's cron expression.
func ParseCron(expr string) (cron.Schedule, error) {
	return cronParser.Parse(expr)
}

// Definition is a rule as saved in one version: trigger → condition →
// steps, with an exit condition checked before every step.
type Definition struct {
	Trigger Trigger `json:"trigger"`
	// Condition must hold for a run to start (empty: always).
	Condition string `json:"condition,omitempty"`
	// ExitCondition stops a run before any step when it holds (e.g.
	// customer.last_order_at > run.started_at: the customer bought).
	ExitCondition string `json:"exitCondition,omitempty"`
	// Marketing rules message customers only with their consent.
	Marketing bool   `json:"marketing"`
	Steps     []Step `json:"steps"`
}

// Trigger is the event that starts a run.
type Trigger struct {
	// Event is a normalized event type ("order.created").
	Event string `json:"event"`
	// ConnectionID, when set, limits the trigger to one connection's events.
	ConnectionID string `json:"connectionId,omitempty"`
	// DelayMinutes sets N for derived events (checkout.abandoned: minutes
	// without an order; customer.inactive: days are DelayMinutes/1440).
	DelayMinutes int `json:"delayMinutes,omitempty"`
	// Cron is a schedule trigger's five-field cron expression ("0 9 * * 1"
	// is Mondays at 09:00, UTC) or a descriptor (@daily, @hourly).
	Cron string `json:"cron,omitempty"`
}

// Compiled is a definition ready to run.
type Compiled struct {
	Definition Definition
	Condition  *Condition
	Exit       *Condition
	Program    Program
}

// TriggerTypes lists every event type a rule can trigger on: those the
// registered connectors emit, and the derived ones.
func TriggerTypes() []string {
	seen := map[string]bool{CheckoutAbandoned: true, CustomerInactive: true, Schedule: true}
	for _, c := range connectors.All() {
		for _, e := range c.Spec().Events {
			seen[e.Type] = true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// CompileDefinition checks a whole definition against the workspace's
// connections; problems name the field ("trigger.event", "condition",
// "steps.1.action.input.subject").
func CompileDefinition(d Definition, conns Connections) (*Compiled, error) {
	d.Trigger.Event = strings.TrimSpace(d.Trigger.Event)
	if !slices.Contains(TriggerTypes(), d.Trigger.Event) {
		return nil, &FieldError{Field: "trigger.event", Message: fmt.Sprintf("%q is not an event any connector emits", d.Trigger.Event)}
	}
	if id := d.Trigger.ConnectionID; id != "" {
		if _, ok := conns[id]; conns != nil && !ok {
			return nil, &FieldError{Field: "trigger.connectionId", Message: "is not a connection of this workspace"}
		}
	}
	d.Trigger.Cron = strings.TrimSpace(d.Trigger.Cron)
	switch {
	case d.Trigger.Event == Schedule && d.Trigger.Cron == "":
		return nil, &FieldError{Field: "trigger.cron", Message: "a schedule needs a cron expression, e.g. 0 9 * * 1 (Mondays at 09:00 UTC)"}
	case d.Trigger.Event != Schedule && d.Trigger.Cron != "":
		return nil, &FieldError{Field: "trigger.cron", Message: "only schedule triggers take a cron expression"}
	case d.Trigger.Cron != "":
		if _, err := ParseCron(d.Trigger.Cron); err != nil {
			return nil, &FieldError{Field: "trigger.cron", Message: "is not a cron expression: " + err.Error()}
		}
	}
	if d.Trigger.DelayMinutes < 0 || d.Trigger.DelayMinutes > 400*24*60 {
		return nil, &FieldError{Field: "trigger.delayMinutes", Message: "must be between 0 and 400 days"}
	}
	cond, err := CompileCondition(d.Condition)
	if err != nil {
		return nil, conditionError("condition", err)
	}
	exit, err := CompileCondition(d.ExitCondition)
	if err != nil {
		return nil, conditionError("exitCondition", err)
	}
	if len(d.Steps) == 0 {
		return nil, &FieldError{Field: "steps", Message: "add at least one step"}
	}
	prog, err := Compile(d.Steps, conns)
	if err != nil {
		return nil, err
	}
	return &Compiled{Definition: d, Condition: cond, Exit: exit, Program: prog}, nil
}
