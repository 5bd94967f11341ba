package hub

import (
	"context"
	"fmt"
	"slices"

	"github.com/switchboard-hub/switchboard/connectors"
	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/rules"
	"github.com/switchboard-hub/switchboard/internal/store"
)

// Recipe is a built-in rule a workspace adds with one mutation and edits
// afterwards.
type Recipe struct {
	Slug    string
	Name    string
	Summary string
	// Needs are the connectors whose connections the rule uses; the first
	// active connection of each is chosen.
	Needs     []string
	Marketing bool
	build     func(c map[string]string) rules.Definition
}

func email(conn, to, subject, html, text string) rules.Step {
	return rules.Step{Kind: rules.KindAction, Action: &rules.ActionStep{Connector: "smtp", Action: "send_email", ConnectionID: conn,
		Input: map[string]string{"to": to, "subject": subject, "html": html, "text": text}}}
}

func sms(conn, body string) rules.Step {
	return rules.Step{Kind: rules.KindBranch, Branch: &rules.BranchStep{If: `customer.phone != ""`, Then: []rules.Step{
		{Kind: rules.KindAction, Action: &rules.ActionStep{Connector: "twilio", Action: "send_sms", ConnectionID: conn,
			Input: map[string]string{"to": "{{customer.phone}}", "body": body}}}}}}
}

func wait(d string) rules.Step {
	return rules.Step{Kind: rules.KindWait, Wait: &rules.WaitStep{Duration: d}}
}

func action(connector, name, conn string, input map[string]string) rules.Step {
	return rules.Step{Kind: rules.KindAction, Action: &rules.ActionStep{Connector: connector, Action: name, ConnectionID: conn, Input: input}}
}

const itemsHTML = `<ul>{{#order.items}}<li>{{quantity}} × {{title}}</li>{{/order.items}}</ul>`

// Recipes are the built-in recipes.
var Recipes = []Recipe{
	{Slug: "order-confirmation", Name: "Order confirmation", Needs: []string{"smtp"},
		Summary: "Email the customer their order the moment it is placed.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "order.created"}, Steps: []rules.Step{email(c["smtp"], "{{order.email}}",
				"Order {{order.number}} confirmed",
				`<p>Hi {{customer.first_name}},</p><p>Thank you for your order {{order.number}} at {{store.name}}.</p>`+itemsHTML+
					`<p>Total: {{order.total_display}}</p><p><a href="{{order.status_url}}">See your order</a></p>`,
				"Hi {{customer.first_name}},\n\nThank you for your order {{order.number}} at {{store.name}}.\n{{#order.items}}- {{quantity}} × {{title}}\n{{/order.items}}Total: {{order.total_display}}\n\n{{order.status_url}}")}}
		}},
	{Slug: "shipping-notice", Name: "Shipping notice", Needs: []string{"smtp", "twilio"},
		Summary: "Email and text the tracking link when an order gets a tracking number.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "shipment.created"}, Condition: `shipment.tracking_number != ""`, Steps: []rules.Step{
				email(c["smtp"], "{{customer.email}}", "Your order {{shipment.order_number}} is on its way",
					`<p>Hi {{customer.first_name}},</p><p>Your order {{shipment.order_number}} shipped with {{shipment.carrier}}.</p><p><a href="{{shipment.tracking_url}}">Track it ({{shipment.tracking_number}})</a></p>`,
					"Hi {{customer.first_name}},\n\nYour order {{shipment.order_number}} shipped with {{shipment.carrier}}.\nTrack it: {{shipment.tracking_url}}"),
				sms(c["twilio"], "{{store.name}}: order {{shipment.order_number}} shipped. Track: {{shipment.tracking_url}}"),
			}}
		}},
	{Slug: "delivery-confirmation", Name: "Delivery confirmation", Needs: []string{"smtp"},
		Summary: "Tell the customer when the carrier reports the parcel delivered.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "shipment.delivered"}, Steps: []rules.Step{
				email(c["smtp"], "{{customer.email}}", "Delivered: your order {{shipment.order_number}}",
					`<p>Hi {{customer.first_name}},</p><p>{{shipment.carrier}} reports your parcel delivered. Enjoy!</p>`,
					"Hi {{customer.first_name}},\n\n{{shipment.carrier}} reports your parcel delivered. Enjoy!")}}
		}},
	{Slug: "cart-recovery", Name: "Abandoned cart recovery", Needs: []string{"smtp", "twilio", "shopify"}, Marketing: true,
		Summary: "30 minutes after a cart is left: a reminder; after 24 h an email and SMS with a one-time discount; after 3 more days a retargeting tag. Stops as soon as the customer buys.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: rules.CheckoutAbandoned, DelayMinutes: 30}, Marketing: true,
				Condition:     "checkout.total > 0",
				ExitCondition: "customer.orders_count > 0 && customer.last_order_at > checkout.updated_at",
				Steps: []rules.Step{
					email(c["smtp"], "{{checkout.email}}", "You left something in your cart",
						`<p>Hi {{customer.first_name}},</p><p>Your cart at {{store.name}} is waiting ({{checkout.total_display}}).</p><p><a href="{{checkout.recovery_url}}">Complete your order</a></p>`,
						"Hi {{customer.first_name}},\n\nYour cart at {{store.name}} is waiting ({{checkout.total_display}}).\n{{checkout.recovery_url}}"),
					wait("24h"),
					{Kind: rules.KindBranch, Branch: &rules.BranchStep{If: "customer.email_consent || customer.sms_consent", Then: []rules.Step{
						action("shopify", "create_discount_code", c["shopify"], map[string]string{"percentage": "10", "expiresInDays": "7"}),
						email(c["smtp"], "{{checkout.email}}", "10% off your cart: {{discount.code}}",
							`<p>Hi {{customer.first_name}},</p><p>Here is {{discount.percent}}% off your cart with the code <b>{{discount.code}}</b>.</p><p><a href="{{checkout.recovery_url}}">Complete your order</a></p>`,
							"Hi {{customer.first_name}},\n\nHere is {{discount.percent}}% off your cart with the code {{discount.code}}.\n{{checkout.recovery_url}}"),
						sms(c["twilio"], "{{store.name}}: {{discount.percent}}% off your cart with {{discount.code}} {{checkout.recovery_url}}"),
					}}},
					wait("3d"),
					action("shopify", "tag_customer", c["shopify"], map[string]string{"customerId": "{{customer.external_id}}", "tags": "retargeting"}),
				}}
		}},
	{Slug: "feedback-request", Name: "Feedback request", Needs: []string{"smtp"}, Marketing: true,
		Summary: "Ask for a review five days after the parcel arrived.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "shipment.delivered"}, Marketing: true, Steps: []rules.Step{wait("5d"),
				email(c["smtp"], "{{customer.email}}", "How was your order {{shipment.order_number}}?",
					`<p>Hi {{customer.first_name}},</p><p>We hope you enjoy your order. Would you tell us how it went?</p>`,
					"Hi {{customer.first_name}},\n\nWe hope you enjoy your order. Would you tell us how it went?")}}
		}},
	{Slug: "re-engagement", Name: "Re-engagement", Needs: []string{"smtp", "shopify"}, Marketing: true,
		Summary: "Win back customers 30 days after their last order with a discount.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: rules.CustomerInactive, DelayMinutes: 30 * 24 * 60}, Marketing: true,
				Steps: []rules.Step{
					action("shopify", "create_discount_code", c["shopify"], map[string]string{"percentage": "15", "expiresInDays": "14"}),
					email(c["smtp"], "{{customer.email}}", "We miss you: {{discount.percent}}% off",
						`<p>Hi {{customer.first_name}},</p><p>It has been a while. Here is {{discount.percent}}% off with <b>{{discount.code}}</b>.</p>`,
						"Hi {{customer.first_name}},\n\nIt has been a while. Here is {{discount.percent}}% off with {{discount.code}}."),
				}}
		}},
	{Slug: "return-ticket", Name: "Support ticket for returns", Needs: []string{"hubspot"},
		Summary: "Open a HubSpot ticket when a customer asks to return items.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "return.requested"}, Steps: []rules.Step{
				action("hubspot", "create_ticket", c["hubspot"], map[string]string{"subject": "Return requested for order {{return.order_number}}",
					"content":      "{{customer.first_name}} {{customer.last_name}} ({{customer.email}}) asked to return items: {{return.reason}}",
					"contactEmail": "{{customer.email}}", "priority": "MEDIUM"})}}
		}},
	{Slug: "vip-tag", Name: "VIP tagging", Needs: []string{"shopify", "hubspot"},
		Summary: "Tag customers VIP in Shopify and update HubSpot once their total spend passes $1,000.",
		build: func(c map[string]string) rules.Definition {
			return rules.Definition{Trigger: rules.Trigger{Event: "order.created"},
				Condition: `customer.total_spent >= 1000 && !("VIP" in customer.tags)`, Steps: []rules.Step{
					action("shopify", "tag_customer", c["shopify"], map[string]string{"customerId": "{{customer.external_id}}", "tags": "VIP"}),
					action("hubspot", "upsert_contact", c["hubspot"], map[string]string{"email": "{{customer.email}}",
						"firstname": "{{customer.first_name}}", "lastname": "{{customer.last_name}}", "total_revenue": "{{customer.total_spent}}"}),
				}}
		}},
}

// RecipeBySlug finds a built-in recipe.
func RecipeBySlug(slug string) (Recipe, bool) {
	i := slices.IndexFunc(Recipes, func(r Recipe) bool { return r.Slug == slug })
	if i < 0 {
		return Recipe{}, false
	}
	return Recipes[i], true
}

// AddRecipe adds a recipe to a workspace as a rule (switched off, to be
// reviewed and switched on), using the workspace's first active connection
// of each connector it needs.
func (s *Service) AddRecipe(ctx context.Context, workspaceID, slug string) (*Rule, error) {
	rec, ok := RecipeBySlug(slug)
	if !ok {
		return nil, failure.Invalid("recipe", fmt.Sprintf("no recipe is named %q", slug))
	}
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	conns, err := store.ConnectionsOfWorkspace(ctx, s.db, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	chosen := map[string]string{}
	for _, need := range rec.Needs {
		i := slices.IndexFunc(conns, func(c store.Connection) bool { return c.Connector == need && c.Status == store.ConnectionActive })
		if i < 0 {
			c, _ := connectors.Get(need)
			return nil, failure.Invalid("recipe", fmt.Sprintf("connect %s to this workspace first: the recipe uses it", c.Spec().Name))
		}
		chosen[need] = conns[i].ID
	}
	return s.CreateRule(ctx, workspaceID, RuleInput{Name: rec.Name, Definition: rec.build(chosen)}, rec.Slug)
}
