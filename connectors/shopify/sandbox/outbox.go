package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// Webhooks caused by the shop's own activity (orders, refunds, stock
// changes) leave through the shop's outbox, in the order the changes were
// made: every batch of events takes a ticket while s.mu is held, and a
// batch is sent only once the batches before it were. The control API
// sends its batch before answering (and reports the deliveries); a
// GraphQL mutation's batch is sent after the API response, in the
// background, as Shopify does. FlushWebhooks waits for those.

// pending is an event with the subscriptions it goes to.
type pending struct {
	ev   event
	subs []subscription
}

// batch is the events of one change, sent in order.
type batch struct {
	ticket uint64
	events []pending
}

// outbox orders a shop's deliveries; the zero value is ready.
type outbox struct {
	mu     sync.Mutex
	cond   *sync.Cond
	issued uint64
	done   uint64
	// queued are GraphQL batches to start once the request is answered;
	// guarded by Sandbox.mu.
	queued []batch
}

// eventLocked builds an event of the shop for topic (enum form) with the
// subscriptions it goes to; the caller holds s.mu.
func (s *Sandbox) eventLocked(sh *shop, enum string, payload any) (pending, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return pending{}, fmt.Errorf("sandbox: %s payload: %w", webhookTopics[enum], err)
	}
	return pending{ev: s.newEvent(sh.domain, webhookTopics[enum], body, ""), subs: subsLocked(sh, enum)}, nil
}

// batchLocked takes the next ticket for events, or none (ok false) when no
// event has a subscriber; the caller holds s.mu.
func (sh *shop) batchLocked(events []pending) (batch, bool) {
	n := 0
	for _, p := range events {
		n += len(p.subs)
	}
	if n == 0 {
		return batch{}, false
	}
	sh.outbox.mu.Lock()
	defer sh.outbox.mu.Unlock()
	b := batch{ticket: sh.outbox.issued, events: events}
	sh.outbox.issued++
	return b, true
}

// deliver waits for the batch's turn, sends its events in order and
// returns the deliveries; it must be called once for every batch taken.
func (o *outbox) deliver(ctx context.Context, s *Sandbox, b batch) []Delivery {
	o.mu.Lock()
	if o.cond == nil {
		o.cond = sync.NewCond(&o.mu)
	}
	for o.done != b.ticket {
		o.cond.Wait()
	}
	o.mu.Unlock()
	var out []Delivery
	for _, p := range b.events {
		out = append(out, s.sendToSubs(ctx, p.ev, p.subs)...)
	}
	o.mu.Lock()
	o.done++
	o.cond.Broadcast()
	o.mu.Unlock()
	return out
}

// sendBatch sends a batch taken with batchLocked now (after s.mu was
// released) and returns the deliveries; none when ok is false.
func (s *Sandbox) sendBatch(ctx context.Context, sh *shop, b batch, ok bool) []Delivery {
	if !ok {
		return []Delivery{}
	}
	return sh.outbox.deliver(ctx, s, b)
}

// queueLocked keeps a GraphQL mutation's events to send once the request
// is answered; the caller holds s.mu.
func (sh *shop) queueLocked(events []pending) {
	if b, ok := sh.batchLocked(events); ok {
		sh.outbox.queued = append(sh.outbox.queued, b)
	}
}

// startQueued sends the shop's queued batches in the background.
func (s *Sandbox) startQueued(domain string) {
	s.mu.Lock()
	sh := s.getShop(domain)
	if sh == nil || len(sh.outbox.queued) == 0 {
		s.mu.Unlock()
		return
	}
	queued := sh.outbox.queued
	sh.outbox.queued = nil
	s.background.Add(len(queued))
	s.mu.Unlock()
	for _, b := range queued {
		go func() {
			defer s.background.Done()
			sh.outbox.deliver(context.Background(), s, b)
		}()
	}
}

// FlushWebhooks waits until the webhooks that GraphQL mutations caused
// (inventory_levels/update after inventorySetQuantities) were delivered.
func (s *Sandbox) FlushWebhooks() { s.background.Wait() }

// inflight counts background deliveries. Unlike a sync.WaitGroup, it may
// be waited on while deliveries start.
type inflight struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

// Add counts n more deliveries.
func (f *inflight) Add(n int) {
	f.mu.Lock()
	f.n += n
	f.mu.Unlock()
}

// Done counts one delivery finished.
func (f *inflight) Done() {
	f.mu.Lock()
	f.n--
	if f.cond != nil {
		f.cond.Broadcast()
	}
	f.mu.Unlock()
}

// Wait returns when no delivery is in flight.
func (f *inflight) Wait() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cond == nil {
		f.cond = sync.NewCond(&f.mu)
	}
	for f.n > 0 {
		f.cond.Wait()
	}
}
