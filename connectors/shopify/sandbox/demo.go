package sandbox

// DemoProducts is the catalogue a shop starts with when
// Options.DemoProducts is set: the SKUs of the WooCommerce sandbox's demo
// store, so that a user connecting both can match them, with different
// quantities for woo-tshirt (58 here, 60 there) and woo-cap (7 here, 5
// there) so that a first reconciliation has drift to show, and two
// products sold on Shopify only.
var DemoProducts = []ProductSeed{
	{Title: "Hoodie", SKU: "woo-hoodie", Price: "45.00", Available: 25},
	{Title: "Hoodie with Logo", SKU: "woo-hoodie-with-logo", Price: "45.00", Available: 12},
	{Title: "T-Shirt", SKU: "woo-tshirt", Price: "18.00", Available: 58},
	{Title: "Beanie", SKU: "woo-beanie", Price: "18.00", Available: 40},
	{Title: "Cap", SKU: "woo-cap", Price: "16.00", Available: 7},
	{Title: "Belt", SKU: "woo-belt", Price: "55.00", Available: 12},
	{Title: "Sunglasses", SKU: "woo-sunglasses", Price: "90.00", Available: 0},
	{Title: "Gift Card", VariantTitle: "$25", SKU: "shop-gift-card-25", Price: "25.00", Available: 100},
	{Title: "Sticker Pack", SKU: "shop-sticker-pack", Price: "5.00", Available: 150},
}

// seedDemoProductsLocked gives a new shop the demo catalogue; the caller
// holds s.mu.
func (s *Sandbox) seedDemoProductsLocked(sh *shop) {
	now := s.now().UTC()
	for _, p := range DemoProducts {
		sh.stock.addProduct(now, p.Title, p.VariantTitle, p.SKU, p.Price, p.Available, true, true)
	}
}
