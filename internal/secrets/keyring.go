package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// envelopeVersion is the first field of every sealed value.
const envelopeVersion = "v1"

// Keyring holds the keys that seal and open credentials. The first key seals;
// every key opens, so that old rows still decrypt after a new key is added.
type Keyring struct {
	primary string
	keys    map[string]cipher.AEAD
	order   []string
}

var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// ParseKeys reads HUB_SECRET_KEY: one or more "id:base64key" entries
// separated by commas, newest (the one that seals) first. Each key is 32
// random bytes in standard or URL-safe base64.
func ParseKeys(spec string) (*Keyring, error) {
	k := &Keyring{keys: map[string]cipher.AEAD{}}
	for _, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		id, b64, ok := strings.Cut(entry, ":")
		if !ok || !keyIDPattern.MatchString(id) {
			return nil, errors.New("HUB_SECRET_KEY: each key must be written id:base64 (id of letters, digits, - or _)")
		}
		raw, err := decodeKey(b64)
		if err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("HUB_SECRET_KEY: key %q must be 32 bytes in base64 (make one with: openssl rand -base64 32)", id)
		}
		if _, dup := k.keys[id]; dup {
			return nil, fmt.Errorf("HUB_SECRET_KEY: key id %q appears twice", id)
		}
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, fmt.Errorf("HUB_SECRET_KEY: key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("HUB_SECRET_KEY: key %q: %w", id, err)
		}
		k.keys[id] = aead
		k.order = append(k.order, id)
	}
	if len(k.order) == 0 {
		return nil, errors.New("HUB_SECRET_KEY is empty")
	}
	k.primary = k.order[0]
	return k, nil
}

func decodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, errors.New("not base64")
}

// NewKeySpec returns a fresh HUB_SECRET_KEY value with one key.
func NewKeySpec(id string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return id + ":" + base64.StdEncoding.EncodeToString(b)
}

// DevelopmentKeys loads the key kept in dataDir/secret.key, creating it the
// first time (created reports that). Only for development: production mode
// must be given HUB_SECRET_KEY.
func DevelopmentKeys(dataDir string) (k *Keyring, created bool, err error) {
	path := filepath.Join(dataDir, "secret.key")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, false, fmt.Errorf("create %s: %w", dataDir, err)
		}
		spec := NewKeySpec("dev1")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, false, fmt.Errorf("create %s: %w", path, err)
		}
		if _, err := f.WriteString(spec + "\n"); err != nil {
			f.Close()
			return nil, false, fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return nil, false, fmt.Errorf("write %s: %w", path, err)
		}
		k, err := ParseKeys(spec)
		return k, true, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	k, err = ParseKeys(string(b))
	return k, false, err
}

// PrimaryID names the key that seals.
func (k *Keyring) PrimaryID() string { return k.primary }

// ErrOpen is returned for any value that cannot be opened: unknown key,
// tampered bytes, or a value sealed for another row. It never says which.
var ErrOpen = errors.New("secrets: the sealed value cannot be opened")

// Seal encrypts plaintext for the row it will live in; binding names that
// row (table, column, id), so the value cannot be moved to another row.
func (k *Keyring) Seal(plaintext Secret, binding string) (string, error) {
	aead := k.keys[k.primary]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secrets: nonce: %w", err)
	}
	ad := additionalData(k.primary, binding)
	sealed := aead.Seal(nonce, nonce, []byte(plaintext.Reveal()), ad)
	return envelopeVersion + "." + k.primary + "." + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value sealed for binding.
func (k *Keyring) Open(envelope, binding string) (Secret, error) {
	version, rest, ok := strings.Cut(envelope, ".")
	if !ok || version != envelopeVersion {
		return Secret{}, ErrOpen
	}
	keyID, b64, ok := strings.Cut(rest, ".")
	if !ok {
		return Secret{}, ErrOpen
	}
	aead, known := k.keys[keyID]
	if !known {
		return Secret{}, ErrOpen
	}
	raw, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return Secret{}, ErrOpen
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], additionalData(keyID, binding))
	if err != nil {
		return Secret{}, ErrOpen
	}
	return New(string(plain)), nil
}

// KeyID returns the id of the key that sealed envelope ("" if unreadable),
// so a rotation job can find what to re-seal.
func KeyID(envelope string) string {
	parts := strings.SplitN(envelope, ".", 3)
	if len(parts) != 3 || parts[0] != envelopeVersion {
		return ""
	}
	return parts[1]
}

func additionalData(keyID, binding string) []byte {
	return []byte(envelopeVersion + "|" + keyID + "|" + binding)
}
