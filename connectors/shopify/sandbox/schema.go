package sandbox

// The part of the 2026-04 Admin GraphQL schema the sandbox answers. It is
// used to validate documents (unknown fields, arguments and fragment types)
// and to compute the requested cost before anything runs.

type fieldDef struct {
	// typ is the result's named type; "" for scalars and enums.
	typ string
	// connection marks a paginated field: it costs 2 + first × node cost.
	connection bool
	// free marks object fields whose cost is carried by their parent
	// (a connection's edges and pageInfo).
	free bool
	// mutation marks a mutation root field: a flat 10 points.
	mutation bool
	// args are the accepted argument names.
	args []string
	// scalar is the scalar or enum type name, for error messages.
	scalar string
	// sizedBy names a list argument (nodes' ids) whose length multiplies
	// the field's cost: len × (1 + the selection's cost).
	sizedBy string
	// argTypes names the input object type of arguments whose literal
	// values are checked against inputTypes.
	argTypes map[string]string
}

const (
	queryRoot    = "QueryRoot"
	mutationRoot = "Mutation"
)

var schema = map[string]map[string]fieldDef{
	queryRoot: {
		"shop":      {typ: "Shop"},
		"customers": {typ: "CustomerConnection", connection: true, args: []string{"first", "after", "last", "before", "query", "sortKey", "reverse"}},
		"customer":  {typ: "Customer", args: []string{"id"}},
		// customersCount is capped at 10,000 unless limit is null, as in 2026-04.
		"customersCount": {typ: "Count", args: []string{"query", "limit"}},
		// location without an id is the shop's primary location.
		"location":       {typ: "Location", args: []string{"id"}},
		"inventoryItem":  {typ: "InventoryItem", args: []string{"id"}},
		"inventoryItems": {typ: "InventoryItemConnection", connection: true, args: []string{"first", "after", "last", "before", "query", "reverse"}},
		"nodes":          {typ: "Node", sizedBy: "ids", args: []string{"ids"}},
	},
	mutationRoot: {
		"webhookSubscriptionCreate": {typ: "WebhookSubscriptionCreatePayload", mutation: true, args: []string{"topic", "webhookSubscription"}},
		"tagsAdd":                   {typ: "TagsAddPayload", mutation: true, args: []string{"id", "tags"}},
		"tagsRemove":                {typ: "TagsRemovePayload", mutation: true, args: []string{"id", "tags"}},
		"discountCodeBasicCreate":   {typ: "DiscountCodeBasicCreatePayload", mutation: true, args: []string{"basicCodeDiscount"}},
		"inventorySetQuantities": {typ: "InventorySetQuantitiesPayload", mutation: true, args: []string{"input"},
			argTypes: map[string]string{"input": "InventorySetQuantitiesInput"}},
	},
	"Shop": {
		"id": {scalar: "ID"}, "name": {scalar: "String"}, "email": {scalar: "String"},
		"contactEmail": {scalar: "String"}, "myshopifyDomain": {scalar: "String"},
		"currencyCode": {scalar: "CurrencyCode"}, "ianaTimezone": {scalar: "String"},
	},
	"CustomerConnection": {
		"edges":    {typ: "CustomerEdge", free: true},
		"nodes":    {typ: "Customer"},
		"pageInfo": {typ: "PageInfo", free: true},
	},
	"CustomerEdge": {
		"cursor": {scalar: "String"},
		"node":   {typ: "Customer"},
	},
	"PageInfo": {
		"hasNextPage": {scalar: "Boolean"}, "hasPreviousPage": {scalar: "Boolean"},
		"startCursor": {scalar: "String"}, "endCursor": {scalar: "String"},
	},
	"Customer": {
		"id": {scalar: "ID"}, "email": {scalar: "String"}, "firstName": {scalar: "String"},
		"lastName": {scalar: "String"}, "displayName": {scalar: "String"}, "phone": {scalar: "String"},
		"tags": {scalar: "String"}, "createdAt": {scalar: "DateTime"}, "updatedAt": {scalar: "DateTime"},
		"numberOfOrders": {scalar: "UnsignedInt64"}, "verifiedEmail": {scalar: "Boolean"},
		"state":                 {scalar: "CustomerState"},
		"amountSpent":           {typ: "MoneyV2"},
		"emailMarketingConsent": {typ: "CustomerEmailMarketingConsentState"},
	},
	"Count": {
		"count": {scalar: "Int"}, "precision": {scalar: "CountPrecision"},
	},
	"MoneyV2": {
		"amount": {scalar: "Decimal"}, "currencyCode": {scalar: "CurrencyCode"},
	},
	"CustomerEmailMarketingConsentState": {
		"marketingState": {scalar: "CustomerEmailMarketingState"}, "marketingOptInLevel": {scalar: "CustomerMarketingOptInLevel"},
		"consentUpdatedAt": {scalar: "DateTime"},
	},
	"WebhookSubscriptionCreatePayload": {
		"webhookSubscription": {typ: "WebhookSubscription"},
		"userErrors":          {typ: "UserError"},
	},
	"TagsAddPayload": {
		"node":       {typ: "Node"},
		"userErrors": {typ: "UserError"},
	},
	"TagsRemovePayload": {
		"node":       {typ: "Node"},
		"userErrors": {typ: "UserError"},
	},
	"UserError": {
		"field": {scalar: "String"}, "message": {scalar: "String"},
	},
	"WebhookSubscription": {
		"id": {scalar: "ID"}, "topic": {scalar: "WebhookSubscriptionTopic"}, "format": {scalar: "WebhookSubscriptionFormat"},
		"uri": {scalar: "String"}, "createdAt": {scalar: "DateTime"}, "updatedAt": {scalar: "DateTime"},
		"endpoint": {typ: "WebhookSubscriptionEndpoint"},
	},
	"WebhookSubscriptionEndpoint": {},
	"WebhookHttpEndpoint":         {"callbackUrl": {scalar: "URL"}},
	"WebhookEventBridgeEndpoint":  {"arn": {scalar: "ARN"}},
	"WebhookPubSubEndpoint":       {"pubSubProject": {scalar: "String"}, "pubSubTopic": {scalar: "String"}},
	"Node":                        {"id": {scalar: "ID"}},
	// The inventory types (inventory.go).
	"Location": {"id": {scalar: "ID"}, "name": {scalar: "String"}, "isActive": {scalar: "Boolean"}, "isPrimary": {scalar: "Boolean"},
		"legacyResourceId": {scalar: "UnsignedInt64"}},
	"InventoryItemConnection": {
		"edges":    {typ: "InventoryItemEdge", free: true},
		"nodes":    {typ: "InventoryItem"},
		"pageInfo": {typ: "PageInfo", free: true},
	},
	"InventoryItemEdge": {
		"cursor": {scalar: "String"},
		"node":   {typ: "InventoryItem"},
	},
	"InventoryItem": {
		"id": {scalar: "ID"}, "sku": {scalar: "String"}, "tracked": {scalar: "Boolean"}, "requiresShipping": {scalar: "Boolean"},
		"createdAt": {scalar: "DateTime"}, "updatedAt": {scalar: "DateTime"}, "legacyResourceId": {scalar: "UnsignedInt64"},
		"variant":        {typ: "ProductVariant"},
		"inventoryLevel": {typ: "InventoryLevel", args: []string{"locationId"}},
	},
	"ProductVariant": {
		"id": {scalar: "ID"}, "title": {scalar: "String"}, "displayName": {scalar: "String"}, "sku": {scalar: "String"},
		"price": {scalar: "Money"}, "inventoryQuantity": {scalar: "Int"}, "legacyResourceId": {scalar: "UnsignedInt64"},
		"product":       {typ: "Product"},
		"inventoryItem": {typ: "InventoryItem"},
	},
	"Product": {
		"id": {scalar: "ID"}, "title": {scalar: "String"}, "handle": {scalar: "String"}, "status": {scalar: "ProductStatus"},
		"legacyResourceId": {scalar: "UnsignedInt64"},
	},
	"InventoryLevel": {
		"id": {scalar: "ID"}, "createdAt": {scalar: "DateTime"}, "updatedAt": {scalar: "DateTime"},
		"location":   {typ: "Location"},
		"item":       {typ: "InventoryItem"},
		"quantities": {typ: "InventoryQuantity", args: []string{"names"}},
	},
	"InventoryQuantity": {
		"name": {scalar: "String"}, "quantity": {scalar: "Int"}, "updatedAt": {scalar: "DateTime"},
	},
	"InventorySetQuantitiesPayload": {
		"inventoryAdjustmentGroup": {typ: "InventoryAdjustmentGroup"},
		"userErrors":               {typ: "InventorySetQuantitiesUserError"},
	},
	"InventorySetQuantitiesUserError": {
		"code": {scalar: "InventorySetQuantitiesUserErrorCode"}, "field": {scalar: "String"}, "message": {scalar: "String"},
	},
	"InventoryAdjustmentGroup": {
		"id": {scalar: "ID"}, "reason": {scalar: "String"}, "referenceDocumentUri": {scalar: "String"}, "createdAt": {scalar: "DateTime"},
		"changes": {typ: "InventoryChange", args: []string{"quantityNames", "inventoryItemIds", "locationIds"}},
	},
	"InventoryChange": {
		"name": {scalar: "String"}, "delta": {scalar: "Int"}, "quantityAfterChange": {scalar: "Int"}, "ledgerDocumentUri": {scalar: "String"},
		"item":     {typ: "InventoryItem"},
		"location": {typ: "Location"},
	},
	"DiscountCodeBasicCreatePayload": {
		"codeDiscountNode": {typ: "DiscountCodeNode"},
		"userErrors":       {typ: "DiscountUserError"},
	},
	"DiscountUserError": {
		"field": {scalar: "String"}, "message": {scalar: "String"}, "code": {scalar: "DiscountErrorCode"}, "extraInfo": {scalar: "String"},
	},
	"DiscountCodeNode": {
		"id": {scalar: "ID"}, "codeDiscount": {typ: "DiscountCode"},
	},
	"DiscountCode": {},
	"DiscountCodeBasic": {
		"title": {scalar: "String"}, "status": {scalar: "DiscountStatus"}, "summary": {scalar: "String"},
		"startsAt": {scalar: "DateTime"}, "endsAt": {scalar: "DateTime"}, "createdAt": {scalar: "DateTime"},
		"usageLimit": {scalar: "Int"}, "appliesOncePerCustomer": {scalar: "Boolean"}, "asyncUsageCount": {scalar: "Int"},
		"codes": {typ: "DiscountRedeemCodeConnection", connection: true, args: []string{"first", "after", "last", "before"}},
	},
	"DiscountCodeBxgy":         {},
	"DiscountCodeFreeShipping": {},
	"DiscountCodeApp":          {},
	"DiscountRedeemCodeConnection": {
		"edges":    {typ: "DiscountRedeemCodeEdge", free: true},
		"nodes":    {typ: "DiscountRedeemCode"},
		"pageInfo": {typ: "PageInfo", free: true},
	},
	"DiscountRedeemCodeEdge": {
		"cursor": {scalar: "String"},
		"node":   {typ: "DiscountRedeemCode"},
	},
	"DiscountRedeemCode": {
		"id": {scalar: "ID"}, "code": {scalar: "String"}, "asyncUsageCount": {scalar: "Int"},
	},
}

// possibleTypes lists the object types of the abstract types.
var possibleTypes = map[string][]string{
	"Node":                        {"Customer", "WebhookSubscription", "DiscountCodeNode", "InventoryItem", "Location", "ProductVariant", "Product", "InventoryLevel"},
	"DiscountCode":                {"DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping", "DiscountCodeApp"},
	"WebhookSubscriptionEndpoint": {"WebhookHttpEndpoint", "WebhookEventBridgeEndpoint", "WebhookPubSubEndpoint"},
}

// webhookTopics maps the WebhookSubscriptionTopic values the sandbox
// accepts to the topic names Shopify sends in X-Shopify-Topic.
var webhookTopics = map[string]string{
	"APP_UNINSTALLED":                          "app/uninstalled",
	"CHECKOUTS_CREATE":                         "checkouts/create",
	"CHECKOUTS_UPDATE":                         "checkouts/update",
	"CUSTOMERS_CREATE":                         "customers/create",
	"CUSTOMERS_UPDATE":                         "customers/update",
	"CUSTOMERS_DELETE":                         "customers/delete",
	"CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE": "customers_email_marketing_consent/update",
	"CUSTOMERS_DATA_REQUEST":                   "customers/data_request",
	"CUSTOMERS_REDACT":                         "customers/redact",
	"SHOP_REDACT":                              "shop/redact",
	"FULFILLMENTS_CREATE":                      "fulfillments/create",
	"FULFILLMENTS_UPDATE":                      "fulfillments/update",
	"INVENTORY_LEVELS_UPDATE":                  "inventory_levels/update",
	"INVENTORY_ITEMS_UPDATE":                   "inventory_items/update",
	"ORDERS_CREATE":                            "orders/create",
	"ORDERS_UPDATED":                           "orders/updated",
	"ORDERS_PAID":                              "orders/paid",
	"ORDERS_CANCELLED":                         "orders/cancelled",
	"ORDERS_FULFILLED":                         "orders/fulfilled",
	"PRODUCTS_CREATE":                          "products/create",
	"PRODUCTS_UPDATE":                          "products/update",
	"REFUNDS_CREATE":                           "refunds/create",
	"RETURNS_REQUEST":                          "returns/request",
	"SHOP_UPDATE":                              "shop/update",
}

// complianceTopics cannot be subscribed through the API: Shopify takes them
// from the app's configuration.
var complianceTopics = map[string]bool{"CUSTOMERS_DATA_REQUEST": true, "CUSTOMERS_REDACT": true, "SHOP_REDACT": true}

// topicEnum turns "orders/create" or "ORDERS_CREATE" into the enum form;
// "" when the topic is unknown.
func topicEnum(t string) string {
	if _, ok := webhookTopics[t]; ok {
		return t
	}
	for enum, name := range webhookTopics {
		if name == t {
			return enum
		}
	}
	return ""
}
