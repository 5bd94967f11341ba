package graph

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/switchboard-hub/switchboard/graph/model"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/gid"
	"github.com/switchboard-hub/switchboard/internal/hub"
	"github.com/switchboard-hub/switchboard/internal/rules"
)

// ruleInput turns the GraphQL input into the hub's, decoding global ids
// (the trigger's and every step's connection) to raw ones.
func ruleInput(in model.RuleInput) (hub.RuleInput, error) {
	d := rules.Definition{Condition: deref(in.Condition), ExitCondition: deref(in.ExitCondition)}
	if in.Marketing != nil {
		d.Marketing = *in.Marketing
	}
	if in.Trigger != nil {
		d.Trigger.Event = in.Trigger.Event
		d.Trigger.Cron = deref(in.Trigger.Cron)
		if in.Trigger.DelayMinutes != nil {
			d.Trigger.DelayMinutes = *in.Trigger.DelayMinutes
		}
		if in.Trigger.ConnectionID != nil {
			raw, err := gid.Expect("trigger.connectionId", typeConnection, *in.Trigger.ConnectionID)
			if err != nil {
				return hub.RuleInput{}, err
			}
			d.Trigger.ConnectionID = raw
		}
	}
	b, err := json.Marshal(in.Steps)
	if err != nil {
		return hub.RuleInput{}, failure.Invalid("steps", "is not JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d.Steps); err != nil {
		return hub.RuleInput{}, failure.Invalid("steps", "is not a list of steps: "+err.Error())
	}
	if err := mapConnections(d.Steps, "steps", func(field, id string) (string, error) {
		if id == "" {
			return "", nil
		}
		return gid.Expect(field, typeConnection, id)
	}); err != nil {
		return hub.RuleInput{}, err
	}
	return hub.RuleInput{Name: in.Name, Definition: d}, nil
}

// stepsJSON is a rule's steps as GraphQL shows them, with global ids.
func stepsJSON(steps []rules.Step) (any, error) {
	b, err := json.Marshal(steps)
	if err != nil {
		return nil, fmt.Errorf("encode steps: %w", err)
	}
	var out []rules.Step
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("copy steps: %w", err)
	}
	_ = mapConnections(out, "steps", func(_, id string) (string, error) { return gid.Encode(typeConnection, id), nil })
	var v any
	b, _ = json.Marshal(out)
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("encode steps: %w", err)
	}
	if v == nil {
		v = []any{}
	}
	return v, nil
}

// mapConnections rewrites every action step's connection id.
func mapConnections(steps []rules.Step, path string, f func(field, id string) (string, error)) error {
	for i := range steps {
		p := fmt.Sprintf("%s.%d", path, i)
		if a := steps[i].Action; a != nil {
			id, err := f(p+".action.connectionId", a.ConnectionID)
			if err != nil {
				return err
			}
			a.ConnectionID = id
		}
		if b := steps[i].Branch; b != nil {
			if err := mapConnections(b.Then, p+".branch.then", f); err != nil {
				return err
			}
			if err := mapConnections(b.Else, p+".branch.else", f); err != nil {
				return err
			}
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
