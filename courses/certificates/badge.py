"""Open Badges 3.0: each certificate as an OpenBadgeCredential (a W3C
Verifiable Credential, data model 2.0, in JSON-LD), and the issuer's profile.

Privacy: the credential names the learner only when the certificate itself
does (accounts.guardians.certificate_name); then it also carries their email
address, hashed with a salt as Open Badges recommends, so a wallet can match
it to them without showing it. A child without a guardian's consent gets a
credential that identifies them by nothing but its own code.
"""

import hashlib

from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .issuing import CertificateContent
from .signing import add_proof, public_key_multibase

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_url(request):
    return request.build_absolute_uri(reverse("badge_issuer"))


def verification_method(request):
    return issuer_url(request) + "#key-1"


def issuer_summary(request) -> dict:
    """The issuer as a credential names it (a Profile)."""
    return {
        "id": issuer_url(request),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def issuer_profile(request) -> dict:
    """The issuer's profile document, published at its id, with the public key
    its credentials are signed with."""
    return {
        "@context": [*CONTEXT, MULTIKEY_CONTEXT],
        **issuer_summary(request),
        "description": _("Digital-literacy courses for Southeast Asia: spotting false news, AI-made media and scams."),
        "verificationMethod": [
            {
                "id": verification_method(request),
                "type": "Multikey",
                "controller": issuer_url(request),
                "publicKeyMultibase": public_key_multibase(),
            }
        ],
    }


def _identifiers(certificate, content: CertificateContent) -> list:
    if not content.name:
        return [{"type": "IdentityObject", "identityType": "identifier", "hashed": False, "identityHash": content.code}]
    identifiers = [{"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": content.name}]
    email = EmailAddress.objects.filter(user=certificate.user, primary=True).values_list("email", flat=True).first()
    if email:
        salt = content.code  # public, and different for every credential: the same address never hashes alike twice
        digest = hashlib.sha256((email.lower() + salt).encode()).hexdigest()
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": f"sha256${digest}",
                "salt": salt,
            }
        )
    return identifiers


def open_badge_credential(request, certificate, content: CertificateContent, verify_url: str) -> dict:
    """The signed OpenBadgeCredential for `certificate`, in `content.language`;
    its id is the certificate's verification address, `verify_url`."""
    with translation.override(content.language):
        criteria = _("Complete every lesson and every required quiz of the course.")
        title = _("Certificate of completion: %(course)s") % {"course": content.course_title}
        description = content.course_summary or title
    achievement = {
        "id": f"urn:uuid:{certificate.course_key}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": content.course_title,
        "description": description,
        "criteria": {"narrative": criteria},
        "inLanguage": content.language,
        "creator": issuer_summary(request),
    }
    if content.competences:
        achievement["tag"] = [f"{competence.code} {competence.name}" for competence in content.competences]
    credential = {
        "@context": CONTEXT,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": issuer_summary(request),
        "validFrom": _iso(content.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identifiers(certificate, content),
            "achievement": achievement,
        },
    }
    return add_proof(credential, verification_method(request), _iso(content.issued_at))
