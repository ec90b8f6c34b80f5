"""The Open Badges 3.0 credential: every field the specification requires,
with the types it requires, and a signature anyone can check against the
issuer's published key.

The required fields below are written out from the Open Badges 3.0
specification (1EdTech, version 3.0.3: the OpenBadgeCredential, Profile,
AchievementSubject, Achievement, Criteria and IdentityObject classes, and the
Verifiable Credentials Data Model 2.0 it builds on), not from our own code."""

import copy
import json
import re

import pytest

from courses.certificates.signing import public_key_from_multibase, verify_proof

pytestmark = pytest.mark.django_db

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
IDENTITY_TYPES = {
    "name",
    "sourcedId",
    "systemId",
    "productId",
    "userName",
    "accountId",
    "emailAddress",
    "nationalIdentityNumber",
    "isbn",
    "issn",
    "lisSourcedId",
    "oneRosterSourcedId",
    "sisSourcedId",
    "ltiContextId",
    "ltiDeploymentId",
    "ltiToolId",
    "ltiPlatformId",
    "ltiUserId",
    "identifier",
}


def has_type(node, name):
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return name in types


def check_profile(profile):
    assert URI.match(profile["id"]) and has_type(profile, "Profile")


def check_credential(credential):
    """Raises AssertionError at the first way `credential` breaks the specification."""
    for field in ("@context", "id", "type", "name", "issuer", "validFrom", "credentialSubject"):
        assert field in credential, f"OpenBadgeCredential.{field} is required"
    assert credential["@context"][0] == VC_CONTEXT, "the VC 2.0 context comes first"
    assert OB_CONTEXT in credential["@context"]
    assert URI.match(credential["id"])
    assert has_type(credential, "VerifiableCredential") and has_type(credential, "OpenBadgeCredential")
    assert isinstance(credential["name"], str) and credential["name"]
    check_profile(credential["issuer"])
    assert DATE_TIME.match(credential["validFrom"])

    subject = credential["credentialSubject"]
    assert has_type(subject, "AchievementSubject")
    assert subject.get("id") or subject.get("identifier"), "AchievementSubject needs an id or an identifier"
    for identity in subject.get("identifier", []):
        assert set(identity) <= {"type", "hashed", "identityHash", "identityType", "salt"}
        assert identity["type"] == "IdentityObject" and isinstance(identity["hashed"], bool)
        assert identity["identityType"] in IDENTITY_TYPES and isinstance(identity["identityHash"], str)
        if identity["hashed"]:
            assert re.match(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$", identity["identityHash"])

    achievement = subject["achievement"]
    for field in ("id", "type", "criteria", "description", "name"):
        assert field in achievement, f"Achievement.{field} is required"
    assert URI.match(achievement["id"]) and has_type(achievement, "Achievement")
    assert achievement["criteria"].get("id") or achievement["criteria"].get("narrative")
    if "creator" in achievement:
        check_profile(achievement["creator"])

    proof = credential["proof"]  # a verifiable credential carries its proof
    for field in ("type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"):
        assert field in proof, f"DataIntegrityProof.{field} is required"
    assert proof["type"] == "DataIntegrityProof" and proof["proofPurpose"] == "assertionMethod"
    assert DATE_TIME.match(proof["created"])


def download(client, certificate):
    response = client.get(f"/en/certificates/{certificate.code}/credential.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_credential_has_every_field_the_specification_requires(completed):
    certificate, client = completed
    credential = download(client, certificate)
    check_credential(credential)
    assert credential["id"] == f"http://testserver/verify/{certificate.code}/"
    assert credential["credentialSubject"]["achievement"]["name"] == "Check before you share"
    assert credential["credentialSubject"]["achievement"]["tag"] == ["1.2 Evaluating information", "AI.1 AI literacy"]
    # The learner's email is there only hashed.
    assert "aina@example.com" not in json.dumps(credential)


def test_the_checker_catches_a_broken_credential(completed):
    """The structure check above is not a formality: it fails on missing or wrong fields."""
    certificate, client = completed
    credential = download(client, certificate)
    for breaking in (
        lambda c: c.pop("validFrom"),
        lambda c: c.update(type=["VerifiableCredential"]),
        lambda c: c["credentialSubject"]["achievement"].pop("criteria"),
        lambda c: c["credentialSubject"].pop("identifier"),
        lambda c: c["issuer"].update(type=["Organization"]),
        lambda c: c.update({"@context": [OB_CONTEXT]}),
    ):
        broken = copy.deepcopy(credential)
        breaking(broken)
        with pytest.raises((AssertionError, KeyError)):
            check_credential(broken)


def test_the_signature_checks_out_against_the_published_issuer_key_and_fails_when_tampered(completed, client):
    certificate, learner_client = completed
    credential = download(learner_client, certificate)
    client.logout()
    profile = client.get("/badges/issuer").json()  # public: whoever receives the credential fetches it
    check_profile(profile)
    (method,) = [m for m in profile["verificationMethod"] if m["id"] == credential["proof"]["verificationMethod"]]
    key = public_key_from_multibase(method["publicKeyMultibase"])
    assert verify_proof(credential, key)

    forged = copy.deepcopy(credential)
    forged["credentialSubject"]["achievement"]["name"] = "Advanced cyber-security"
    assert not verify_proof(forged, key)
    renamed = copy.deepcopy(credential)
    renamed["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    assert not verify_proof(renamed, key)


def test_the_credential_is_in_the_language_it_is_downloaded_in(completed):
    certificate, client = completed
    credential = json.loads(client.get(f"/ms/certificates/{certificate.code}/credential.json").content)
    check_credential(credential)
    assert credential["credentialSubject"]["achievement"]["inLanguage"] == "ms"
