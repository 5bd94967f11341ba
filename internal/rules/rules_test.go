package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	_ "github.com/switchboard-hub/switchboard/connectors/all"
)

func TestConditionsCompileTypeCheckAndPointAtErrors(t *testing.T) {
	t.Parallel()
	env := Sample(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	for src, want := range map[string]bool{
		"order.total > 80":                                     true,
		"order.total > 80 && customer.email_consent":           true,
		`"vip" in customer.tags`:                               false,
		"customer.orders_count >= 4 and order.item_count == 3": true,
		"customer.total_spent > 1000":                          true,
		`event.type == "order.created"`:                        true,
	} {
		c, err := CompileCondition(src)
		require.NoError(t, err, src)
		got, err := c.Eval(env)
		require.NoError(t, err)
		require.Equal(t, want, got, src)
	}
	c, err := CompileCondition("  ")
	require.NoError(t, err)
	require.Nil(t, c, "an empty condition always holds")

	for src, want := range map[string]string{
		"order.totl > 80":         "has no field totl",
		"order.total > ":          "unexpected token EOF",
		"order.total":             "expected bool",
		`order.total > "eighty"`:  "invalid operation",
		"customer.email_consent(": "",
	} {
		_, err := CompileCondition(src)
		var se *SyntaxError
		require.ErrorAs(t, err, &se, src)
		require.Contains(t, se.Message, want, src)
		if src != "order.total" { // the whole expression has the wrong type: no one position
			require.Equal(t, 1, se.Line, src)
			require.Positive(t, se.Column, src)
		}
	}
	_, err = CompileCondition("order.totl > 80")
	require.Equal(t, 7, err.(*SyntaxError).Column, "the column points at the unknown field")
}

func TestTemplatesAreLogicLessAndChecked(t *testing.T) {
	t.Parallel()
	env := Sample(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	tm, err := ParseTemplate("Hi {{customer.first_name}}, order {{order.number}}: {{#order.items}}{{quantity}}× {{title}}; {{/order.items}}total {{order.total_display}}", false)
	require.NoError(t, err)
	out, err := tm.Render(env)
	require.NoError(t, err)
	require.Equal(t, "Hi Ada, order #1001: 1× Linen shirt; 2× Canvas tote; total 98.00 USD", out)

	html, err := ParseTemplate("<p>{{customer.first_name}}</p>", true)
	require.NoError(t, err)
	env.Customer.FirstName = "<script>x</script>"
	out, err = html.Render(env)
	require.NoError(t, err)
	require.Equal(t, "<p>&lt;script&gt;x&lt;/script&gt;</p>", out, "HTML bodies escape values")

	for src, want := range map[string]string{
		"Hi {{> /etc/passwd}}":                      "cannot include other files",
		"Order {{order.numbr}}":                     "{{order.numbr}} is not a known variable; order has",
		"{{#order.items}}{{titel}}{{/order.items}}": "{{titel}} is not a known variable",
		"Hi {{customer.first_name":                  "unmatched open tag",
		"{{#order}}{{/customer}}":                   "interleaved closing tag",
		strings.Repeat("x", MaxTemplateLength+1):    "longer than 64 KiB",
	} {
		_, err := ParseTemplate(src, false)
		require.Error(t, err, src)
		require.Contains(t, err.Error(), want, src)
	}
}

func TestCompileFlattensBranchesAndChecksActions(t *testing.T) {
	t.Parallel()
	conns := Connections{"c-mail": "smtp", "c-sms": "twilio"}
	email := func(subject string) Step {
		return Step{Kind: KindAction, Action: &ActionStep{Connector: "smtp", Action: "send_email", ConnectionID: "c-mail",
			Input: map[string]string{"to": "{{customer.email}}", "subject": subject, "text": "Hi {{customer.first_name}}"}}}
	}
	steps := []Step{
		{Kind: KindWait, Wait: &WaitStep{Duration: "30m"}},
		email("Your cart"),
		{Kind: KindBranch, Branch: &BranchStep{If: "customer.sms_consent",
			Then: []Step{{Kind: KindAction, Action: &ActionStep{Connector: "twilio", Action: "send_sms", ConnectionID: "c-sms",
				Input: map[string]string{"to": "{{customer.phone}}", "body": "Come back: {{discount.code}}"}}}},
			Else: []Step{email("Last chance")}}},
		{Kind: KindWait, Wait: &WaitStep{Duration: "3d"}},
	}
	p, err := Compile(steps, conns)
	require.NoError(t, err)
	require.Len(t, p, 6)
	require.Equal(t, []string{"0", "1", "2", "2.branch.then.0", "2.branch.else.0", "3"}, []string{p[0].Path, p[1].Path, p[2].Path, p[3].Path, p[4].Path, p[5].Path})
	require.Equal(t, 3, p[2].Next, "true: the then steps")
	require.Equal(t, 4, p[2].Else, "false: the else steps")
	require.Equal(t, 5, p[3].Next, "then continues after the branch")
	require.Equal(t, 5, p[4].Next)
	require.Equal(t, 6, p[5].Next, "the last step ends the run")
	require.Equal(t, 72*time.Hour, p[5].Wait.Duration)

	for name, tc := range map[string]struct {
		steps []Step
		field string
	}{
		"unknown kind":       {[]Step{{Kind: "jump"}}, "steps.0.kind"},
		"unknown connector":  {[]Step{{Kind: KindAction, Action: &ActionStep{Connector: "fax", Action: "send"}}}, "steps.0.action.connector"},
		"unknown action":     {[]Step{{Kind: KindAction, Action: &ActionStep{Connector: "smtp", Action: "fax"}}}, "steps.0.action.action"},
		"foreign connection": {[]Step{{Kind: KindAction, Action: &ActionStep{Connector: "smtp", Action: "send_email", ConnectionID: "c-sms"}}}, "steps.0.action.connectionId"},
		"missing input":      {[]Step{{Kind: KindAction, Action: &ActionStep{Connector: "smtp", Action: "send_email", ConnectionID: "c-mail", Input: map[string]string{"to": "x@example.com"}}}}, "steps.0.action.input.subject"},
		"bad template":       {[]Step{email("Order {{order.nmber}}")}, "steps.0.action.input.subject"},
		"bad duration":       {[]Step{{Kind: KindWait, Wait: &WaitStep{Duration: "soon"}}}, "steps.0.wait.duration"},
		"bad time":           {[]Step{{Kind: KindWait, Wait: &WaitStep{UntilTime: "25:00"}}}, "steps.0.wait.untilTime"},
		"bad branch":         {[]Step{{Kind: KindBranch, Branch: &BranchStep{If: "order.total >"}}}, "steps.0.branch.if"},
		"nested problem":     {[]Step{{Kind: KindBranch, Branch: &BranchStep{If: "true", Else: []Step{{Kind: KindWait, Wait: &WaitStep{Duration: "0s"}}}}}}, "steps.0.branch.else.0.wait.duration"},
	} {
		_, err := Compile(tc.steps, conns)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, name)
		require.Equal(t, tc.field, fe.Field, name)
	}
}

func TestWaitUntilTimeOfDayInTheStoreZone(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	from := time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC) // Friday 18:30 in New York
	w, err := compileWait(&WaitStep{Duration: "1h", UntilTime: "09:00", Weekdays: []string{"mon", "tue", "wed", "thu", "fri"}}, "w")
	require.NoError(t, err)
	got := w.Until(from, ny)
	require.Equal(t, time.Date(2026, 11, 30, 9, 0, 0, 0, ny), got, "Friday evening + 1h → Monday 09:00")
	plain, _ := compileWait(&WaitStep{Duration: "3d"}, "w")
	require.Equal(t, from.Add(72*time.Hour), plain.Until(from, ny))
}
