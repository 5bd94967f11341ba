// Command pipeline measures the event pipeline of a running hub binary:
// webhook acknowledgements (verify, dedupe, store, enqueue, commit) at
// saturation and their latency at a steady rate, and whole orders — signed
// Shopify webhook to the order-confirmation email accepted by an SMTP
// server — at saturation and at a steady rate, with the hub's peak RSS.
//
//	go run ./bench/pipeline -bin bin/switchboard [-pg postgres://…/postgres]
//
// Each database gets a fresh hub on an empty database, in sandbox mode,
// with a Shopify store connected through the sandbox's OAuth. Deliveries
// are signed with the sandbox app's secret exactly as Shopify signs them
// and posted to the connection's webhook URL. Figures are printed as
// Markdown for docs/BENCHMARKS.md.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchboard-hub/switchboard/bench/internal/harness"
	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
)

func main() {
	bin := flag.String("bin", "bin/switchboard", "the hub binary")
	pg := flag.String("pg", os.Getenv("HUB_TEST_DATABASE_URL"), "PostgreSQL admin URL (empty: SQLite only)")
	dur := flag.Duration("duration", 10*time.Second, "length of each timed phase")
	conc := flag.Int("concurrency", 32, "concurrent senders at saturation")
	ackRate := flag.Int("ack-rate", 1000, "steady acknowledgement rate (requests/s)")
	orders := flag.Int("orders", 3000, "orders sent at saturation")
	orderRate := flag.Int("order-rate", 50, "steady order rate (orders/s)")
	flag.Parse()

	fmt.Println("| database | measure | result |")
	fmt.Println("| --- | --- | --- |")
	run := func(name, pgURL string) {
		// Acknowledgements, on a hub of their own.
		h, err := harness.StartHub(*bin, pgURL, "HUB_PPROF_ADDR="+os.Getenv("PIPELINE_PPROF_ADDR"))
		check(err)
		running = h
		b, err := setUp(h.URL)
		check(err)
		n, lat := b.saturateAcks(*dur, *conc)
		row(name, fmt.Sprintf("webhook acks at saturation (%d senders)", *conc), fmt.Sprintf("**%.0f/s**, p50 %s, p99 %s", float64(n)/dur.Seconds(), pct(lat, 50), pct(lat, 99)))
		lat, shed := b.steadyAcks(*dur, *ackRate)
		row(name, fmt.Sprintf("webhook ack latency at %d/s", *ackRate), fmt.Sprintf("p50 %s, **p99 %s**, max %s (%d acknowledged, %d shed with 503)", pct(lat, 50), pct(lat, 99), pct(lat, 100), len(lat), shed))
		row(name, "hub peak RSS during the acknowledgements", fmt.Sprintf("%.0f MiB", h.PeakRSS()))
		h.Stop()

		// Whole orders, on a fresh hub with the order confirmation on.
		h, err = harness.StartHub(*bin, pgURL, "HUB_PPROF_ADDR="+os.Getenv("PIPELINE_PPROF_ADDR"))
		check(err)
		running = h
		defer h.Stop()
		b, err = setUp(h.URL)
		check(err)
		check(b.enableConfirmation())
		before := h.DatabaseWork()
		rate := b.saturateOrders(*orders, *conc)
		row(name, fmt.Sprintf("orders processed at saturation (%d orders, webhook → email accepted)", *orders), fmt.Sprintf("**%.0f orders/s**", rate))
		if work, ok := h.DatabaseWork().Since(before, *orders); ok {
			row(name, "database work per order (PostgreSQL's counters)", work)
		}
		lat = b.steadyOrders(*dur, *orderRate)
		row(name, fmt.Sprintf("order → email latency at %d orders/s", *orderRate), fmt.Sprintf("**p50 %s, p99 %s** (%d orders)", pct(lat, 50), pct(lat, 99), len(lat)))
		row(name, "hub peak RSS during the orders", fmt.Sprintf("%.0f MiB", h.PeakRSS()))
	}
	run("SQLite", "")
	if *pg != "" {
		run("PostgreSQL", *pg)
	}
}

// bench is a hub with a connected store.
type bench struct {
	c      *harness.Client
	ws     string
	hook   string
	secret string
	shop   string
	mail   *sandbox.Server
	seq    atomic.Int64
	sent   sync.Map // order number → send time
}

func setUp(hub string) (*bench, error) {
	c := harness.NewClient(hub)
	ws, err := c.SignUp()
	if err != nil {
		return nil, err
	}
	b := &bench{c: c, ws: ws, shop: "bench.myshopify.com"}
	if err := c.ConnectShopify(b.ws, b.shop); err != nil {
		return nil, err
	}
	var conns struct {
		Connections []struct{ WebhookURL string } `json:"connections"`
	}
	if err := c.Do(`query($w: ID!) { connections(workspaceId: $w) { webhookUrl } }`, map[string]any{"w": b.ws}, &conns); err != nil {
		return nil, err
	}
	b.hook = conns.Connections[0].WebhookURL
	resp, err := http.Get(hub + "/sandbox/shopify/_control/app")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var app struct{ ClientSecret string }
	if err := json.NewDecoder(resp.Body).Decode(&app); err != nil {
		return nil, err
	}
	b.secret = app.ClientSecret
	return b, nil
}

// deliver posts one signed orders/create delivery of a new order and
// returns how long the acknowledgement took.
func (b *bench) deliver(client *http.Client) (time.Duration, int64, error) {
	n := b.seq.Add(1)
	body, _ := json.Marshal(map[string]any{"id": 9000000 + n, "name": "#" + strconv.FormatInt(100000+n, 10), "email": fmt.Sprintf("c%d@example.com", n%5000),
		"total_price": "19.90", "currency": "USD", "created_at": "2026-11-26T10:00:00Z", "updated_at": "2026-11-26T10:00:00Z",
		"line_items": []map[string]any{{"title": "Socks", "quantity": 1, "price": "19.90", "sku": "SOCKS"}}})
	mac := hmac.New(sha256.New, []byte(b.secret))
	mac.Write(body)
	req, _ := http.NewRequest(http.MethodPost, b.hook, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shopify-Topic", "orders/create")
	req.Header.Set("X-Shopify-Shop-Domain", b.shop)
	req.Header.Set("X-Shopify-Event-Id", "bench-"+strconv.FormatInt(n, 10))
	req.Header.Set("X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	start := time.Now()
	b.sent.Store(100000+n, start)
	resp, err := client.Do(req)
	if err != nil {
		return 0, n, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusServiceUnavailable {
		return 0, n, errShed
	}
	if resp.StatusCode != 200 {
		return 0, n, fmt.Errorf("delivery answered %d", resp.StatusCode)
	}
	return time.Since(start), n, nil
}

// errShed is a delivery the hub refused with 503 to shed load.
var errShed = errors.New("shed")

func httpClient(conns int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = conns
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}

func (b *bench) saturateAcks(d time.Duration, conc int) (int, []time.Duration) {
	client := httpClient(conc)
	var mu sync.Mutex
	var lat []time.Duration
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for time.Now().Before(stop) {
				l, _, err := b.deliver(client)
				check(err)
				mu.Lock()
				lat = append(lat, l)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return len(lat), lat
}

func (b *bench) steadyAcks(d time.Duration, rate int) ([]time.Duration, int) {
	client := httpClient(256)
	var mu sync.Mutex
	var lat []time.Duration
	var shed atomic.Int64
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	next := time.Now()
	for end := next.Add(d); next.Before(end); next = next.Add(interval) {
		time.Sleep(time.Until(next))
		wg.Go(func() {
			l, _, err := b.deliver(client)
			if errors.Is(err, errShed) {
				shed.Add(1)
				return
			}
			check(err)
			mu.Lock()
			lat = append(lat, l)
			mu.Unlock()
		})
	}
	wg.Wait()
	return lat, int(shed.Load())
}

// enableConfirmation connects a real SMTP server and switches on the
// order-confirmation recipe.
func (b *bench) enableConfirmation() error {
	mail, err := sandbox.Start("bench", "bench-mail-password")
	if err != nil {
		return err
	}
	b.mail = mail
	values := []map[string]string{{"name": "host", "value": mail.Host()}, {"name": "port", "value": strconv.Itoa(mail.Port())},
		{"name": "tls", "value": "none"}, {"name": "username", "value": "bench"}, {"name": "password", "value": "bench-mail-password"},
		{"name": "from", "value": "shop@example.com"}}
	if err := b.c.Do(`mutation($w: ID!, $v: [ConnectionValueInput!]!) { createConnection(input: {workspaceId: $w, connector: "smtp", values: $v}) { id } }`,
		map[string]any{"w": b.ws, "v": values}, nil); err != nil {
		return err
	}
	var rule struct{ AddRecipe struct{ ID string } }
	if err := b.c.Do(`mutation($w: ID!) { addRecipe(workspaceId: $w, recipe: "order-confirmation") { id } }`, map[string]any{"w": b.ws}, &rule); err != nil {
		return err
	}
	return b.c.Do(`mutation($id: ID!) { setRuleEnabled(id: $id, enabled: true) { id } }`, map[string]any{"id": rule.AddRecipe.ID}, nil)
}

// confirmations maps order numbers to the time their email arrived.
func (b *bench) confirmations() map[int64]time.Time {
	out := map[int64]time.Time{}
	for _, m := range b.mail.Messages() {
		i := bytes.Index(m.Data, []byte("Subject: Order #"))
		if i < 0 {
			continue
		}
		rest := m.Data[i+len("Subject: Order #"):]
		j := bytes.IndexByte(rest, ' ')
		if n, err := strconv.ParseInt(string(rest[:max(j, 0)]), 10, 64); err == nil {
			out[n] = m.At
		}
	}
	return out
}

// awaitEmails waits until every order sent has its email.
func (b *bench) awaitEmails(numbers []int64, limit time.Duration) map[int64]time.Time {
	deadline := time.Now().Add(limit)
	for {
		got := b.confirmations()
		missing := slices.ContainsFunc(numbers, func(n int64) bool { _, ok := got[n]; return !ok })
		if !missing || time.Now().After(deadline) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *bench) saturateOrders(n, conc int) float64 {
	client := httpClient(conc)
	work := make(chan struct{})
	var mu sync.Mutex
	var numbers []int64
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for range work {
				_, num, err := b.deliver(client)
				check(err)
				mu.Lock()
				numbers = append(numbers, 100000+num)
				mu.Unlock()
			}
		})
	}
	for range n {
		work <- struct{}{}
	}
	close(work)
	wg.Wait()
	got := b.awaitEmails(numbers, 5*time.Minute)
	var last time.Time
	for _, num := range numbers {
		at, ok := got[num]
		if !ok {
			fmt.Fprintf(os.Stderr, "order #%d has no email\n", num)
			continue
		}
		if at.After(last) {
			last = at
		}
	}
	return float64(len(numbers)) / last.Sub(start).Seconds()
}

func (b *bench) steadyOrders(d time.Duration, rate int) []time.Duration {
	client := httpClient(64)
	var mu sync.Mutex
	var numbers []int64
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	next := time.Now()
	for end := next.Add(d); next.Before(end); next = next.Add(interval) {
		time.Sleep(time.Until(next))
		wg.Go(func() {
			_, num, err := b.deliver(client)
			check(err)
			mu.Lock()
			numbers = append(numbers, 100000+num)
			mu.Unlock()
		})
	}
	wg.Wait()
	got := b.awaitEmails(numbers, time.Minute)
	var lat []time.Duration
	for _, num := range numbers {
		sent, _ := b.sent.Load(num)
		if at, ok := got[num]; ok {
			lat = append(lat, at.Sub(sent.(time.Time)))
		}
	}
	return lat
}

func pct(d []time.Duration, p int) string {
	if len(d) == 0 {
		return "n/a"
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := min(len(s)-1, len(s)*p/100)
	return s[i].Round(100 * time.Microsecond).String()
}

func row(db, what, result string) { fmt.Printf("| %s | %s | %s |\n", db, what, result) }

// running is the hub under measurement, stopped if the run fails.
var running *harness.Hub

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		if running != nil {
			running.Stop()
		}
		os.Exit(1)
	}
}
