package testenv

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// Socket is a graphql-transport-ws client, as browsers and API clients use.
type Socket struct {
	conn *websocket.Conn
}

// DialOptions configure a socket.
type DialOptions struct {
	// Cookies are sent with the upgrade request (a browser session).
	Cookies []*http.Cookie
	// Origin is sent as the Origin header; empty means the hub's own.
	Origin string
	// Authorization goes into connection_init's payload.
	Authorization string
}

// Dial opens a socket to hubURL's /graphql and sends connection_init. It
// returns the close error when the hub refuses the connection.
func Dial(ctx context.Context, hubURL string, o DialOptions) (*Socket, error) {
	h := http.Header{}
	origin := o.Origin
	if origin == "" {
		origin = hubURL
	}
	h.Set("Origin", origin)
	for _, c := range o.Cookies {
		h.Add("Cookie", c.Name+"="+c.Value)
	}
	conn, resp, err := websocket.Dial(ctx, strings.Replace(hubURL, "http", "ws", 1)+"/graphql", &websocket.DialOptions{
		HTTPHeader: h, Subprotocols: []string{"graphql-transport-ws"},
	})
	if err != nil {
		if resp != nil {
			return nil, &DialError{Status: resp.StatusCode, err: err}
		}
		return nil, err
	}
	s := &Socket{conn: conn}
	payload := map[string]any{}
	if o.Authorization != "" {
		payload["authorization"] = o.Authorization
	}
	if err := s.send(ctx, map[string]any{"type": "connection_init", "payload": payload}); err != nil {
		return nil, err
	}
	for {
		m, err := s.read(ctx)
		if err != nil {
			return nil, err
		}
		if m.Type == "connection_ack" {
			return s, nil
		}
	}
}

// DialError is an upgrade the hub refused with an HTTP status.
type DialError struct {
	Status int
	err    error
}

func (e *DialError) Error() string { return e.err.Error() }

// CloseCode returns the WebSocket close code of err, or -1.
func CloseCode(err error) int {
	return int(websocket.CloseStatus(err))
}

// Message is one graphql-transport-ws message.
type Message struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func (s *Socket) send(ctx context.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.conn.Write(ctx, websocket.MessageText, b)
}

func (s *Socket) read(ctx context.Context) (Message, error) {
	var m Message
	_, b, err := s.conn.Read(ctx)
	if err != nil {
		return m, err
	}
	err = json.Unmarshal(b, &m)
	return m, err
}

// Subscribe starts a subscription with id "1".
func (s *Socket) Subscribe(ctx context.Context, query string, vars map[string]any) error {
	return s.send(ctx, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query, "variables": vars}})
}

// Next waits for the next data or error of the subscription; it skips pings.
func (s *Socket) Next(ctx context.Context) (*Response, error) {
	for {
		m, err := s.read(ctx)
		if err != nil {
			return nil, err
		}
		switch m.Type {
		case "ping":
			_ = s.send(ctx, map[string]any{"type": "pong"})
		case "next":
			r := &Response{}
			var p struct {
				Data   map[string]any `json:"data"`
				Errors []GQLError     `json:"errors"`
			}
			if err := json.Unmarshal(m.Payload, &p); err != nil {
				return nil, err
			}
			r.Data, r.Errors, r.Raw = p.Data, p.Errors, string(m.Payload)
			return r, nil
		case "error":
			r := &Response{Raw: string(m.Payload)}
			_ = json.Unmarshal(m.Payload, &r.Errors)
			return r, nil
		case "complete":
			return nil, errors.New("subscription completed")
		}
	}
}

// NextWhere waits for the next data whose path reads want, skipping data
// about earlier changes: the live bus may deliver a change made just
// before the subscription started to it, as a late listener would see it.
func (s *Socket) NextWhere(ctx context.Context, path, want string) (*Response, error) {
	for {
		r, err := s.Next(ctx)
		if err != nil || len(r.Errors) > 0 || r.String(path) == want {
			return r, err
		}
	}
}

// Close closes the socket.
func (s *Socket) Close() { _ = s.conn.Close(websocket.StatusNormalClosure, "") }

// MustDial dials or fails the test.
func MustDial(t testing.TB, hubURL string, o DialOptions) *Socket {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := Dial(ctx, hubURL, o)
	if err != nil {
		t.Fatalf("dial %s: %v", hubURL, err)
	}
	t.Cleanup(s.Close)
	return s
}
