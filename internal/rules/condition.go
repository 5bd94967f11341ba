package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// MaxConditionLength bounds a condition's source.
const MaxConditionLength = 2000

// Condition is a compiled, type-checked boolean expression over Env, such
// as `order.total > 80 && customer.email_consent`.
type Condition struct {
	source  string
	program *vm.Program
}

// SyntaxError is a condition or template that does not compile: it says
// what is wrong and where (1-based line and column; 0 when unknown).
type SyntaxError struct {
	Line, Column int
	Message      string
	// Snippet shows the offending line with a caret under the position.
	Snippet string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("%s (line %d, column %d)", e.Message, e.Line, e.Column)
}

// CompileCondition compiles and type-checks source. An empty condition is
// nil (always true).
func CompileCondition(source string) (*Condition, error) {
	source = strings.TrimSpace(source)
	if source == "" {
		return nil, nil
	}
	if len(source) > MaxConditionLength {
		return nil, &SyntaxError{Message: fmt.Sprintf("is longer than %d characters", MaxConditionLength)}
	}
	p, err := expr.Compile(source, expr.Env(Env{}), expr.AsBool(), expr.Timezone("UTC"))
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, &SyntaxError{Line: fe.Line, Column: fe.Column + 1, Message: fe.Message, Snippet: strings.TrimPrefix(fe.Snippet, "\n")}
		}
		return nil, &SyntaxError{Message: err.Error()}
	}
	return &Condition{source: source, program: p}, nil
}

// Source is the condition as written.
func (c *Condition) Source() string {
	if c == nil {
		return ""
	}
	return c.source
}

// Eval evaluates the condition; a nil condition is true.
func (c *Condition) Eval(env Env) (bool, error) {
	if c == nil {
		return true, nil
	}
	out, err := expr.Run(c.program, env)
	if err != nil {
		return false, fmt.Errorf("condition %q: %w", c.source, err)
	}
	b, _ := out.(bool)
	return b, nil
}
