"""The issuer's key and the Data Integrity proof on Open Badges credentials.

The key is Ed25519. It comes from settings.CERTIFICATE_SIGNING_KEY (32 bytes,
base64url, from the environment) when that is set, and is otherwise derived
from SECRET_KEY with HKDF, so a single machine needs no extra secret and
every app server of a deployment signs with the same key. Changing either
setting changes the key: credentials signed before then no longer verify
against the published key (the certificates themselves still verify on the
site, which is what the QR code leads to).

The proof follows the W3C Data Integrity EdDSA Cryptosuites v1.0, cryptosuite
`eddsa-jcs-2022`: the document is canonicalised with JCS (RFC 8785, the
`rfc8785` package), hashed with SHA-256 together with the proof options, and
signed. It needs no JSON-LD context documents at signing or verifying time,
which matters on a server that may not reach the internet.
"""

import base64
import functools
import hashlib

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

CRYPTOSUITE = "eddsa-jcs-2022"
ED25519_MULTICODEC = b"\xed\x01"  # the multicodec prefix of an Ed25519 public key


@functools.cache
def _private_key_for(configured: str, secret_key: str) -> Ed25519PrivateKey:
    if configured:
        seed = base64.urlsafe_b64decode(configured + "=" * (-len(configured) % 4))
        if len(seed) != 32:
            raise ValueError("CERTIFICATE_SIGNING_KEY must be 32 bytes, base64url-encoded.")
    else:
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"celik certificate signing key v1").derive(
            secret_key.encode()
        )
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key_for(getattr(settings, "CERTIFICATE_SIGNING_KEY", ""), settings.SECRET_KEY)


def public_key_multibase(public_key: Ed25519PublicKey | None = None) -> str:
    """The public key as a Multikey's publicKeyMultibase: "z6Mk…"."""
    public_key = public_key or private_key().public_key()
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_MULTICODEC + raw).decode()


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    decoded = base58.b58decode(value.removeprefix("z"))
    if not value.startswith("z") or not decoded.startswith(ED25519_MULTICODEC):
        raise ValueError("Not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(decoded[len(ED25519_MULTICODEC) :])


def _hash_data(document: dict, proof_options: dict) -> bytes:
    """SHA-256 of the canonical proof options, then of the canonical document."""
    return hashlib.sha256(rfc8785.dumps(proof_options)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()


def add_proof(document: dict, verification_method: str, created: str) -> dict:
    """`document` with a DataIntegrityProof (eddsa-jcs-2022) added."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    if "@context" in unsecured:
        proof["@context"] = unsecured["@context"]
    signature = private_key().sign(_hash_data(unsecured, proof))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode()
    return {**unsecured, "proof": proof}


def verify_proof(document: dict, public_key: Ed25519PublicKey) -> bool:
    """True when `document`'s proof is a valid eddsa-jcs-2022 signature by
    `public_key` over the document exactly as it is."""
    proof = dict(document.get("proof") or {})
    proof_value = proof.pop("proofValue", "")
    if proof.get("cryptosuite") != CRYPTOSUITE or not proof_value.startswith("z"):
        return False
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    try:
        public_key.verify(base58.b58decode(proof_value[1:]), _hash_data(unsecured, proof))
    except (InvalidSignature, ValueError):  # a wrong signature; a malformed value
        return False
    return True
