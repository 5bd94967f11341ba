package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-hub/switchboard/connectors"
)

// MaxSteps bounds a rule's program (every step of every branch).
const MaxSteps = 50

// Step is one step of a rule, as saved: an action, a wait or a branch.
type Step struct {
	Kind   StepKind    `json:"kind"`
	Action *ActionStep `json:"action,omitempty"`
	Wait   *WaitStep   `json:"wait,omitempty"`
	Branch *BranchStep `json:"branch,omitempty"`
}

// StepKind names what a step does.
type StepKind string

// The step kinds.
const (
	KindAction StepKind = "action"
	KindWait   StepKind = "wait"
	KindBranch StepKind = "branch"
)

// ActionStep asks a connection to do something; every input is a template.
type ActionStep struct {
	// Connector is the connector's slug and Action the name of one of its
	// Spec's actions ("smtp" + "send_email").
	Connector string `json:"connector"`
	Action    string `json:"action"`
	// ConnectionID is the workspace's connection that runs the action.
	ConnectionID string            `json:"connectionId"`
	Input        map[string]string `json:"input"`
}

// WaitStep pauses a run: for a duration ("30m", "24h", "3d"), then, when
// set, until the next allowed time of day and weekday in the store's time
// zone.
type WaitStep struct {
	Duration string `json:"duration,omitempty"`
	// UntilTime is "HH:MM" in the store's time zone.
	UntilTime string `json:"untilTime,omitempty"`
	// Weekdays are the allowed days ("mon" … "sun"); empty means any.
	Weekdays []string `json:"weekdays,omitempty"`
}

// BranchStep runs Then when If holds, else Else.
type BranchStep struct {
	If   string `json:"if"`
	Then []Step `json:"then"`
	Else []Step `json:"else"`
}

// FieldError is a problem with one part of a rule, named by its path
// ("steps.2.action.input.subject").
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Instr is one compiled step. A run's position is the index of the next
// instruction; Next and Else are indexes, len(program) meaning the end.
type Instr struct {
	// Path locates the step in the rule ("1", "2.then.0").
	Path   string
	Kind   StepKind
	Action *CompiledAction
	Wait   *CompiledWait
	If     *Condition
	Next   int
	// Else is where a branch goes when If is false.
	Else int
}

// CompiledAction is an action step with its templates parsed.
type CompiledAction struct {
	Connector    string
	Action       string
	ConnectionID string
	Spec         connectors.Action
	Input        map[string]*Template
}

// CompiledWait is a parsed wait.
type CompiledWait struct {
	Duration  time.Duration
	UntilHour int
	UntilMin  int
	HasUntil  bool
	Weekdays  []time.Weekday
}

// Program is a rule's compiled steps.
type Program []Instr

// Connections tells the compiler which connector each of the workspace's
// connections uses. Nil skips the check (a saved version compiled again to
// run: its connections are checked when each step runs).
type Connections map[string]string

// Compile checks steps against the connectors' action specs and the
// workspace's connections, parses every template and condition, and
// flattens branches into a program. Problems name the step's path.
func Compile(steps []Step, conns Connections) (Program, error) {
	c := &compiler{conns: conns}
	if err := c.list(steps, "steps"); err != nil {
		return nil, err
	}
	c.patch(len(c.prog))
	return c.prog, nil
}

type compiler struct {
	conns Connections
	prog  Program
	// pending are the jumps that go to whatever instruction comes next.
	pending []jump
}

// jump is an instruction's Next (or, for a branch, its Else).
type jump struct {
	instr  int
	isElse bool
}

// patch points every pending jump at to.
func (c *compiler) patch(to int) {
	for _, j := range c.pending {
		if j.isElse {
			c.prog[j.instr].Else = to
		} else {
			c.prog[j.instr].Next = to
		}
	}
	c.pending = nil
}

// emit appends an instruction that continues with whatever comes next.
func (c *compiler) emit(in Instr) int {
	idx := len(c.prog)
	c.patch(idx)
	c.prog = append(c.prog, in)
	c.pending = []jump{{instr: idx}}
	return idx
}

func (c *compiler) list(steps []Step, path string) error {
	for i, s := range steps {
		if err := c.step(s, fmt.Sprintf("%s.%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

func (c *compiler) step(s Step, path string) error {
	if len(c.prog) >= MaxSteps {
		return &FieldError{Field: path, Message: fmt.Sprintf("a rule has at most %d steps", MaxSteps)}
	}
	in := Instr{Path: strings.TrimPrefix(path, "steps."), Kind: s.Kind}
	switch s.Kind {
	case KindAction:
		a, err := c.action(s.Action, path+".action")
		if err != nil {
			return err
		}
		in.Action = a
	case KindWait:
		w, err := compileWait(s.Wait, path+".wait")
		if err != nil {
			return err
		}
		in.Wait = w
	case KindBranch:
		return c.branch(s.Branch, in, path+".branch")
	default:
		return &FieldError{Field: path + ".kind", Message: fmt.Sprintf("must be action, wait or branch, not %q", s.Kind)}
	}
	c.emit(in)
	return nil
}

// branch emits the test, then the Then steps (reached through Next), then
// the Else steps (reached through Else); both ends continue after them.
func (c *compiler) branch(b *BranchStep, in Instr, path string) error {
	if b == nil {
		return &FieldError{Field: path, Message: "is required for a branch step"}
	}
	cond, err := CompileCondition(b.If)
	if err != nil {
		return conditionError(path+".if", err)
	}
	if cond == nil {
		return &FieldError{Field: path + ".if", Message: "is required: the condition that chooses the branch"}
	}
	in.If = cond
	idx := c.emit(in)
	if err := c.list(b.Then, path+".then"); err != nil {
		return err
	}
	thenEnds := c.pending
	c.pending = []jump{{instr: idx, isElse: true}}
	if err := c.list(b.Else, path+".else"); err != nil {
		return err
	}
	c.pending = append(thenEnds, c.pending...)
	return nil
}

func (c *compiler) action(a *ActionStep, path string) (*CompiledAction, error) {
	if a == nil {
		return nil, &FieldError{Field: path, Message: "is required for an action step"}
	}
	conn, ok := connectors.Get(a.Connector)
	if !ok {
		return nil, &FieldError{Field: path + ".connector", Message: fmt.Sprintf("no connector is named %q", a.Connector)}
	}
	spec := conn.Spec()
	i := slices.IndexFunc(spec.Actions, func(x connectors.Action) bool { return x.Name == a.Action })
	if i < 0 {
		return nil, &FieldError{Field: path + ".action", Message: fmt.Sprintf("%s has no action %q", spec.Name, a.Action)}
	}
	act := spec.Actions[i]
	if a.ConnectionID == "" {
		return nil, &FieldError{Field: path + ".connectionId", Message: "choose the " + spec.Name + " connection that runs this step"}
	}
	if got, ok := c.conns[a.ConnectionID]; c.conns != nil && (!ok || got != a.Connector) {
		return nil, &FieldError{Field: path + ".connectionId", Message: "is not a " + spec.Name + " connection of this workspace"}
	}
	out := &CompiledAction{Connector: a.Connector, Action: a.Action, ConnectionID: a.ConnectionID, Spec: act, Input: map[string]*Template{}}
	for name := range a.Input {
		if !slices.ContainsFunc(act.Input, func(f connectors.Field) bool { return f.Name == name }) {
			return nil, &FieldError{Field: path + ".input." + name, Message: fmt.Sprintf("%s %s takes no input %q", spec.Name, act.Name, name)}
		}
	}
	for _, f := range act.Input {
		src := a.Input[f.Name]
		if strings.TrimSpace(src) == "" {
			if f.Required {
				return nil, &FieldError{Field: path + ".input." + f.Name, Message: f.Label + " is required"}
			}
			continue
		}
		t, err := ParseTemplate(src, f.Name == "html")
		if err != nil {
			return nil, conditionError(path+".input."+f.Name, err)
		}
		out.Input[f.Name] = t
	}
	return out, nil
}

var (
	untilRE    = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)
	durationRE = regexp.MustCompile(`^(\d+)d$`)
	weekdays   = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
		"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}
)

// MaxWait bounds one wait.
const MaxWait = 400 * 24 * time.Hour

func compileWait(w *WaitStep, path string) (*CompiledWait, error) {
	if w == nil || (w.Duration == "" && w.UntilTime == "") {
		return nil, &FieldError{Field: path + ".duration", Message: "give a duration (30m, 24h, 3d) or a time of day"}
	}
	out := &CompiledWait{}
	if w.Duration != "" {
		d, err := ParseDuration(w.Duration)
		if err != nil {
			return nil, &FieldError{Field: path + ".duration", Message: err.Error()}
		}
		out.Duration = d
	}
	if w.UntilTime != "" {
		m := untilRE.FindStringSubmatch(w.UntilTime)
		if m == nil {
			return nil, &FieldError{Field: path + ".untilTime", Message: "must be a time of day as HH:MM (24-hour), e.g. 09:00"}
		}
		out.HasUntil = true
		out.UntilHour, _ = strconv.Atoi(m[1])
		out.UntilMin, _ = strconv.Atoi(m[2])
	}
	for i, d := range w.Weekdays {
		wd, ok := weekdays[strings.ToLower(d)]
		if !ok {
			return nil, &FieldError{Field: fmt.Sprintf("%s.weekdays.%d", path, i), Message: "must be one of mon, tue, wed, thu, fri, sat, sun"}
		}
		out.Weekdays = append(out.Weekdays, wd)
	}
	return out, nil
}

// ParseDuration reads "30m", "24h", "1h30m" or "3d" (days), between one
// second and MaxWait.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if m := durationRE.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("must be a duration like 30m, 24h or 3d, not %q", s)
		}
	}
	if d < time.Second || d > MaxWait {
		return 0, fmt.Errorf("must be between 1s and 400d")
	}
	return d, nil
}

// Until is when a wait started at from ends, in the store's time zone.
func (w *CompiledWait) Until(from time.Time, loc *time.Location) time.Time {
	t := from.Add(w.Duration)
	if !w.HasUntil && len(w.Weekdays) == 0 {
		return t
	}
	local := t.In(loc)
	for range 8 {
		candidate := local
		if w.HasUntil {
			candidate = time.Date(local.Year(), local.Month(), local.Day(), w.UntilHour, w.UntilMin, 0, 0, loc)
			if candidate.Before(local) {
				local = time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, loc)
				continue
			}
		}
		if len(w.Weekdays) == 0 || slices.Contains(w.Weekdays, candidate.Weekday()) {
			return candidate
		}
		local = time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, loc)
	}
	return local
}

func conditionError(field string, err error) error {
	return &FieldError{Field: field, Message: err.Error()}
}
