// Package auth holds who is making a request (the Principal), the roles a
// user holds in an agency, and the secrets that prove identity: password
// hashes, session tokens and API tokens.
package auth

import (
	"fmt"
	"io"
	"strconv"
)

// Role is a user's role in an agency.
type Role string

// The roles, from most to least powerful.
const (
	Owner  Role = "OWNER"
	Admin  Role = "ADMIN"
	Member Role = "MEMBER"
	Viewer Role = "VIEWER"
)

// rank orders roles: lower is more powerful.
func (r Role) rank() int {
	switch r {
	case Owner:
		return 0
	case Admin:
		return 1
	case Member:
		return 2
	case Viewer:
		return 3
	}
	return 99
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool { return r.rank() < 99 }

// AtLeast reports whether r is as powerful as other or more.
func (r Role) AtLeast(other Role) bool { return r.rank() <= other.rank() }

// CanManage reports whether a holder of r may manage the agency: workspaces,
// members and invitations.
func (r Role) CanManage() bool { return r.AtLeast(Admin) }

// CanWrite reports whether a holder of r may change anything at all.
func (r Role) CanWrite() bool { return r.AtLeast(Member) }

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads a GraphQL enum value.
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Role(s).Valid() {
		return fmt.Errorf("%v is not a valid Role", v)
	}
	*r = Role(s)
	return nil
}

// TokenAccess says whether an API token may change anything.
type TokenAccess string

// The two kinds of API token access.
const (
	ReadOnly  TokenAccess = "READ_ONLY"
	ReadWrite TokenAccess = "READ_WRITE"
)

// Valid reports whether a is a known access level.
func (a TokenAccess) Valid() bool { return a == ReadOnly || a == ReadWrite }

// MarshalGQL writes the access as a GraphQL enum value.
func (a TokenAccess) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(a))) }

// UnmarshalGQL reads a GraphQL enum value.
func (a *TokenAccess) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !TokenAccess(s).Valid() {
		return fmt.Errorf("%v is not a valid TokenAccess", v)
	}
	*a = TokenAccess(s)
	return nil
}
