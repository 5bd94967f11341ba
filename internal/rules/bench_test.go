package rules

import (
	"testing"
	"time"
)

// BenchmarkCondition measures one evaluation of a typical condition over
// a full env (the target is ≥ 1,000,000 per second per core).
func BenchmarkCondition(b *testing.B) {
	c, err := CompileCondition(`order.total > 80 && customer.email_consent && !("VIP" in customer.tags) && customer.orders_count >= 2`)
	if err != nil {
		b.Fatal(err)
	}
	env := Sample(time.Now())
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := c.Eval(env); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkTemplate measures rendering an order confirmation body from a
// step's data.
func BenchmarkTemplate(b *testing.B) {
	t, err := ParseTemplate(`<p>Hi {{customer.first_name}},</p><p>Order {{order.number}}:</p><ul>{{#order.items}}<li>{{quantity}} × {{title}}</li>{{/order.items}}</ul><p>{{order.total_display}}</p>`, true)
	if err != nil {
		b.Fatal(err)
	}
	data, err := Sample(time.Now()).Data()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := t.RenderData(data); err != nil {
			b.Fatal(err)
		}
	}
}
