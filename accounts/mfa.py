"""Second factors kept encrypted: the TOTP secret and the recovery codes'
seed of every staff member are stored encrypted, so a leaked database
backup alone does not give away anyone's second factor.

allauth's MFA adapter has an encrypt/decrypt hook for exactly this; we fill
it with Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`). The keys
come from MFA_ENCRYPTION_KEYS (comma-separated Fernet keys, the first one
encrypting; the others still read, for rotation); unset, one key is derived
from SECRET_KEY with HKDF, as the certificate signing key is."""

import base64

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet:"  # what marks a stored value as encrypted (older values are not)


def _keys():
    configured = [key.strip() for key in settings.MFA_ENCRYPTION_KEYS if key.strip()]
    if configured:
        return [Fernet(key) for key in configured]
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"celik mfa secrets").derive(
        settings.SECRET_KEY.encode()
    )
    return [Fernet(base64.urlsafe_b64encode(derived))]


def encrypt_secret(text: str) -> str:
    return PREFIX + MultiFernet(_keys()).encrypt(text.encode()).decode()


def decrypt_secret(stored: str) -> str:
    """A stored secret in the clear; one kept before encryption began is
    returned as it is (the migration encrypts those)."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return MultiFernet(_keys()).decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ValueError("A second factor is encrypted with a key this server does not have.") from error


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return encrypt_secret(text)

    def decrypt(self, encrypted_text):
        return decrypt_secret(encrypted_text)
