// Package bus is the live bus: what one hub process publishes reaches the
// subscribers of every process. On PostgreSQL it rides LISTEN/NOTIFY; on
// SQLite (a single process) it is an in-process fan-out.
//
// Messages are small (ids, not payloads): a subscriber reads what it needs
// from the database, where the authoritative state lives.
package bus

import (
	"context"
	"sync"
)

// Message is one published event.
type Message struct {
	Topic string `json:"t"`
	Data  string `json:"d"`
}

// Bus publishes messages and hands them to subscribers of their topic.
type Bus interface {
	// Publish sends messages to every subscriber of their topics, on every
	// process. Call it after the transaction that wrote the state commits.
	Publish(ctx context.Context, msgs ...Message) error
	// Subscribe returns a channel of the messages published on topic from now
	// on. The channel closes when ctx ends.
	Subscribe(ctx context.Context, topic string) <-chan Message
}

// subscriberBuffer is how many messages a slow subscriber may fall behind
// before messages to it are dropped (the subscriber can always re-read the
// database).
const subscriberBuffer = 64

// fanout delivers messages to the subscribers of this process.
type fanout struct {
	mu   sync.Mutex
	subs map[string]map[chan Message]struct{}
}

func newFanout() *fanout {
	return &fanout{subs: map[string]map[chan Message]struct{}{}}
}

func (f *fanout) subscribe(ctx context.Context, topic string) <-chan Message {
	ch := make(chan Message, subscriberBuffer)
	f.mu.Lock()
	if f.subs[topic] == nil {
		f.subs[topic] = map[chan Message]struct{}{}
	}
	f.subs[topic][ch] = struct{}{}
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		delete(f.subs[topic], ch)
		if len(f.subs[topic]) == 0 {
			delete(f.subs, topic)
		}
		f.mu.Unlock()
		close(ch)
	}()
	return ch
}

func (f *fanout) deliver(msg Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs[msg.Topic] {
		select {
		case ch <- msg:
		default: // the subscriber is too slow; it loses this message, not the others
		}
	}
}

// Local is the in-process bus used with SQLite, where one process owns the
// database.
type Local struct{ fan *fanout }

// NewLocal returns an in-process bus.
func NewLocal() *Local { return &Local{fan: newFanout()} }

// Publish delivers msgs to this process's subscribers.
func (l *Local) Publish(_ context.Context, msgs ...Message) error {
	for _, m := range msgs {
		l.fan.deliver(m)
	}
	return nil
}

// Subscribe implements Bus.
func (l *Local) Subscribe(ctx context.Context, topic string) <-chan Message {
	return l.fan.subscribe(ctx, topic)
}
