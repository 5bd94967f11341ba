// Package sandbox is a real SMTP server (emersion/go-smtp) that keeps what it
// receives in memory: the mail server of sandbox mode and of the tests. It
// speaks RFC 5321 with AUTH PLAIN (allowed without TLS, on loopback only),
// can require a user name and password, and can fail the next messages with
// a chosen reply code (FailNext) to test temporary and permanent failures.
package sandbox

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one received message.
type Message struct {
	From string
	To   []string
	Data []byte
	At   time.Time
}

// Server is a running sandbox SMTP server.
type Server struct {
	srv  *smtp.Server
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	user string
	pass string
	// failN messages fail at MAIL FROM with the reply failCode.
	failN, failCode int
	// stallN messages wait stall at MAIL FROM before it is answered.
	stallN int
	stall  time.Duration
}

// Start listens on 127.0.0.1 at a free port. With user set, clients must
// authenticate with user and pass.
func Start(user, pass string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, user: user, pass: pass}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "sandbox.switchboard.local"
	s.srv.AllowInsecureAuth = true
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Host and Port say where the server listens.
func (s *Server) Host() string { return "127.0.0.1" }

// Port is the listening port.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Messages returns what was received, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// FailNext makes the next n messages fail at MAIL FROM with the SMTP reply
// code (4xx: a temporary failure, 5xx: a permanent one).
func (s *Server) FailNext(n, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failCode = n, code
}

// StallNext makes the next n messages wait d at MAIL FROM before the
// server answers (a slow server; a client that dies meanwhile delivers
// nothing).
func (s *Server) StallNext(n int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stallN, s.stall = n, d
}

func (s *Server) takeStall() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stallN <= 0 {
		return 0
	}
	s.stallN--
	return s.stall
}

// takeFailure returns the injected failure due now, if any.
func (s *Server) takeFailure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failN <= 0 {
		return nil
	}
	s.failN--
	class := s.failCode / 100
	return &smtp.SMTPError{Code: s.failCode, EnhancedCode: smtp.EnhancedCode{class, 3, 0}, Message: "Injected failure, try again later"}
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, authed: b.s.user == ""}, nil
}

type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.user || pass != ss.s.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed {
		return errAuthRequired
	}
	if err := ss.s.takeFailure(); err != nil {
		return err
	}
	time.Sleep(ss.s.takeStall())
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !ss.authed {
		return errAuthRequired
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	if len(ss.to) == 0 {
		return errors.New("no recipients")
	}
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, Message{From: ss.from, To: ss.to, Data: buf.Bytes(), At: time.Now()})
	ss.s.mu.Unlock()
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }
