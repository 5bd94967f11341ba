package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Prefixes of the secrets the hub hands out, so that a leaked one can be
// recognised by secret scanners.
const (
	APITokenPrefix   = "sbt_"
	SessionPrefix    = "sbs_"
	InvitationPrefix = "sbi_"
)

// NewSecret returns a random secret with the given prefix (256 bits).
func NewSecret(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hex SHA-256 of a secret, as stored in the database.
// Secrets are random and long, so a fast hash is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
