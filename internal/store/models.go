package store

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/switchboard-hub/switchboard/internal/auth"
)

// Agency is a tenant: an agency (or a single merchant) with its workspaces.
type Agency struct {
	bun.BaseModel `bun:"table:agencies"`

	ID        string    `bun:"id,pk"`
	Name      string    `bun:"name,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// User is a person who signs in.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID           string    `bun:"id,pk"`
	Email        string    `bun:"email,notnull"`
	Name         string    `bun:"name,notnull"`
	PasswordHash string    `bun:"password_hash,notnull" json:"-"`
	IsOperator   bool      `bun:"is_operator,notnull"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
}

// Workspace is one client store of an agency.
type Workspace struct {
	bun.BaseModel `bun:"table:workspaces"`

	ID       string `bun:"id,pk"`
	AgencyID string `bun:"agency_id,notnull"`
	Name     string `bun:"name,notnull"`
	// TimeZone is the store's IANA time zone, for waits and schedules.
	TimeZone   string     `bun:"time_zone,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	ArchivedAt *time.Time `bun:"archived_at"`
}

// Membership is a user's role in an agency.
type Membership struct {
	bun.BaseModel `bun:"table:memberships"`

	ID            string    `bun:"id,pk"`
	AgencyID      string    `bun:"agency_id,notnull"`
	UserID        string    `bun:"user_id,notnull"`
	Role          auth.Role `bun:"role,notnull"`
	AllWorkspaces bool      `bun:"all_workspaces,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

// MembershipWorkspace grants a membership limited to some workspaces one of them.
type MembershipWorkspace struct {
	bun.BaseModel `bun:"table:membership_workspaces"`

	MembershipID string `bun:"membership_id,pk"`
	WorkspaceID  string `bun:"workspace_id,pk"`
}

// Invitation asks someone to join an agency.
type Invitation struct {
	bun.BaseModel `bun:"table:invitations"`

	ID            string     `bun:"id,pk"`
	AgencyID      string     `bun:"agency_id,notnull"`
	Email         string     `bun:"email,notnull"`
	Role          auth.Role  `bun:"role,notnull"`
	AllWorkspaces bool       `bun:"all_workspaces,notnull"`
	TokenHash     string     `bun:"token_hash,notnull" json:"-"`
	InvitedBy     *string    `bun:"invited_by"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ExpiresAt     time.Time  `bun:"expires_at,notnull"`
	AcceptedAt    *time.Time `bun:"accepted_at"`
	AcceptedBy    *string    `bun:"accepted_by"`
	RevokedAt     *time.Time `bun:"revoked_at"`
}

// InvitationStatus is the derived state of an invitation.
type InvitationStatus string

// The invitation states.
const (
	InvitationPending  InvitationStatus = "PENDING"
	InvitationAccepted InvitationStatus = "ACCEPTED"
	InvitationRevoked  InvitationStatus = "REVOKED"
	InvitationExpired  InvitationStatus = "EXPIRED"
)

// Status derives the invitation's state at time now.
func (i *Invitation) Status(now time.Time) InvitationStatus {
	switch {
	case i.AcceptedAt != nil:
		return InvitationAccepted
	case i.RevokedAt != nil:
		return InvitationRevoked
	case !now.Before(i.ExpiresAt):
		return InvitationExpired
	}
	return InvitationPending
}

// InvitationWorkspace limits an invitation to some workspaces.
type InvitationWorkspace struct {
	bun.BaseModel `bun:"table:invitation_workspaces"`

	InvitationID string `bun:"invitation_id,pk"`
	WorkspaceID  string `bun:"workspace_id,pk"`
}

// APIToken lets a developer call the API as its creator, within limits.
type APIToken struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID          string           `bun:"id,pk"`
	AgencyID    string           `bun:"agency_id,notnull"`
	UserID      string           `bun:"user_id,notnull"`
	Name        string           `bun:"name,notnull"`
	Prefix      string           `bun:"prefix,notnull"`
	TokenHash   string           `bun:"token_hash,notnull" json:"-"`
	Access      auth.TokenAccess `bun:"access,notnull"`
	WorkspaceID *string          `bun:"workspace_id"`
	CreatedAt   time.Time        `bun:"created_at,notnull"`
	LastUsedAt  *time.Time       `bun:"last_used_at"`
	RevokedAt   *time.Time       `bun:"revoked_at"`
}

// Session is a signed-in browser.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	ID         string    `bun:"id,pk"`
	TokenHash  string    `bun:"token_hash,notnull" json:"-"`
	UserID     string    `bun:"user_id,notnull"`
	CSRFToken  string    `bun:"csrf_token,notnull" json:"-"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	LastSeenAt time.Time `bun:"last_seen_at,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`
	UserAgent  string    `bun:"user_agent,notnull"`
}

// ActorKind tells who made a change.
type ActorKind string

// The actor kinds.
const (
	ActorUser     ActorKind = "USER"
	ActorAPIToken ActorKind = "API_TOKEN"
	ActorSystem   ActorKind = "SYSTEM"
)

// AuditEntry records one privileged change.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_entries"`

	ID             string    `bun:"id,pk"`
	AgencyID       string    `bun:"agency_id,notnull"`
	WorkspaceID    *string   `bun:"workspace_id"`
	Action         string    `bun:"action,notnull"`
	ActorKind      ActorKind `bun:"actor_kind,notnull"`
	ActorUserID    *string   `bun:"actor_user_id"`
	ActorTokenName *string   `bun:"actor_token_name"`
	TargetType     string    `bun:"target_type,notnull"`
	TargetID       *string   `bun:"target_id"`
	Summary        string    `bun:"summary,notnull"`
	RequestID      *string   `bun:"request_id"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
}
