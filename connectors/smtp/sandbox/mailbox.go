package sandbox

import (
	"encoding/json"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"strings"

	"github.com/switchboard-hub/switchboard/connectors"
)

// init registers the mail server for sandbox mode: the hub mounts its
// mailbox page at /sandbox/smtp/, and the SMTP server listens on a free
// loopback port for the life of the process.
func init() {
	connectors.RegisterSandbox("smtp", func(connectors.SandboxApp) http.Handler {
		s, err := Start("", "")
		if err != nil {
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, "the sandbox mail server could not start: "+err.Error(), http.StatusServiceUnavailable)
			})
		}
		return s.Mailbox()
	})
}

// mailboxEntry is one received message as the mailbox shows it.
type mailboxEntry struct {
	From    string   `json:"from"`
	To      []string `json:"to"`
	Subject string   `json:"subject"`
	At      string   `json:"at"`
	Body    string   `json:"body"`
}

var mailboxPage = template.Must(template.New("m").Parse(`<!doctype html><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox mailbox · Switchboard</title>
<body style="font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<p style="display:inline-block;background:#fff3bf;padding:.2rem .6rem;border-radius:.3rem">Sandbox</p>
<h1>Sandbox mailbox</h1>
<p>An SMTP server for trying Switchboard without a mail account. Connect "Email (SMTP)" with
host <code>{{.Host}}</code>, port <code>{{.Port}}</code>, TLS <code>none</code>, no user name or password.
Messages it receives appear below, newest first (<a href="messages.json">JSON</a>).</p>
{{if not .Messages}}<p><em>No messages yet.</em></p>{{end}}
{{range .Messages}}<article style="border:1px solid #ddd;border-radius:.4rem;padding:.8rem;margin:.8rem 0">
<strong>{{.Subject}}</strong><br><small>From {{.From}} to {{range .To}}{{.}} {{end}}· {{.At}}</small>
<pre style="white-space:pre-wrap">{{.Body}}</pre></article>{{end}}
</body>`))

// Mailbox returns the page (and messages.json) listing what was received.
func (s *Server) Mailbox() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		msgs := s.Messages()
		entries := make([]mailboxEntry, 0, len(msgs))
		for i := len(msgs) - 1; i >= 0; i-- {
			entries = append(entries, entryOf(msgs[i]))
		}
		if strings.HasSuffix(r.URL.Path, "messages.json") {
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(entries)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = mailboxPage.Execute(w, map[string]any{"Host": s.Host(), "Port": s.Port(), "Messages": entries})
	})
}

func entryOf(m Message) mailboxEntry {
	e := mailboxEntry{From: m.From, To: m.To, At: m.At.UTC().Format("2006-01-02 15:04:05 UTC")}
	parsed, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
	if err != nil {
		e.Body = string(m.Data)
		return e
	}
	dec := new(mime.WordDecoder)
	if subject, err := dec.DecodeHeader(parsed.Header.Get("Subject")); err == nil {
		e.Subject = subject
	}
	body := new(strings.Builder)
	_, _ = io.Copy(body, io.LimitReader(parsed.Body, 64<<10))
	e.Body = body.String()
	return e
}
