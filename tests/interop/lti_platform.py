"""A real LTI 1.3 platform for the tests: PyPI's lti1p3platform (not ours),
configured as a school's Moodle would be, with its services on loopback.

Its HTTP endpoints (JWKS, access tokens, line items and scores) are served
by a small WSGI server on 127.0.0.1 at a port chosen at run time, because
the tool (pylti1p3) reaches them over HTTP. The browser's part (following
the OIDC redirect, posting the auto-submitted launch form) is played by the
test, with Django's test client on the tool's side.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from django.test import RequestFactory
from jwcrypto.jwk import JWK
from lti1p3platform.framework.django.message_launch import DjangoLTI1P3MessageLaunch
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin
from lti1p3platform.framework.django.request import DjangoRequest
from lti1p3platform.lineitem import TLineItem
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import TScore, UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService

ISSUER = "https://moodle.school.example"
CLIENT_ID = "celik-tool-client"
DEPLOYMENT_ID = "1"
LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
TEACHER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"


def new_rsa_key() -> tuple[str, str]:
    key = JWK.generate(kty="RSA", size=2048)
    return key.export_to_pem().decode(), key.export_to_pem(private_key=True, password=None).decode()


class Platform(LTI1P3PlatformConfAbstract):
    """The platform's configuration: one registration, for Celik."""

    def init_platform_config(self, **kwargs):
        self.registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs):
        return self.registration


class WsgiRequest(Request):
    """lti1p3platform's view of a request to the WSGI server."""

    def build_metadata(self, environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        content_type = environ.get("CONTENT_TYPE", "")
        headers = {
            key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        return {
            "method": environ["REQUEST_METHOD"],
            "form_data": dict(parse_qsl(body.decode())) if "form" in content_type else {},
            "json": json.loads(body) if body and "json" in content_type else None,
            "get_data": dict(parse_qsl(environ.get("QUERY_STRING", ""))),
            "headers": headers,
            "content_type": content_type,
            "path": environ["PATH_INFO"],
        }


@dataclass
class Gradebook:
    lineitems: dict = field(default_factory=dict)  # id -> line item
    scores: list = field(default_factory=list)  # (line item id, score)


class Grades(AssignmentsGradesService):
    """The platform's gradebook behind its AGS endpoints (in memory)."""

    gradebook: Gradebook

    def find_lineitems(self, page=1, limit=None, line_item_id=None, resource_link_id=None, resource_id=None, tag=None):
        items = [
            item
            for item in self.gradebook.lineitems.values()
            if not resource_id or item.get("resourceId") == resource_id
        ]
        return {"content": items, "has_next": False, "next": None}

    def find_lineitem(self, line_item_id: str) -> TLineItem:
        return self.gradebook.lineitems[line_item_id]

    def create_lineitem(self, creation_data):
        raise NotImplementedError

    def update_lineitem(self, update_data):
        raise NotImplementedError

    def delete_lineitem(self, line_item_id):
        raise NotImplementedError

    def update_score(self, line_item_id: str, score: TScore) -> UpdateScoreStatus:
        self.gradebook.scores.append((line_item_id, score))
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        raise NotImplementedError


class OIDCLogin(DjangoAPIOIDCLogin):
    """The platform's login initiation; the message hint is the platform's own business."""

    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs["message_hint"]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class FormParser(HTMLParser):
    """The fields and action of the first form on a page (what a browser would post)."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.radios = None, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action")
        if tag == "input" and attrs.get("name"):
            if attrs.get("type") == "radio":
                self.radios.append(attrs.get("value"))
            else:
                self.fields[attrs["name"]] = attrs.get("value", "")


def parse_form(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


class LtiPlatform:
    """A running platform: start(tool_base) after the tool's addresses are known."""

    def __init__(self):
        self.public_key, self.private_key = new_rsa_key()
        self.gradebook = Gradebook()
        self.server: WSGIServer = make_server("127.0.0.1", 0, self.wsgi, handler_class=QuietHandler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.gradebook.lineitems["1"] = {
            "id": f"{self.base}/lineitems/1",
            "scoreMaximum": 100,
            "label": "Celik course",
        }
        self.registration = (
            Registration()
            .set_iss(ISSUER)
            .set_client_id(CLIENT_ID)
            .set_deployment_id(DEPLOYMENT_ID)
            .set_platform_public_key(self.public_key)
            .set_platform_private_key(self.private_key)
        )
        self.config = Platform(registration=self.registration)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # The addresses a school's administrator copies into Celik's admin.
    @property
    def auth_url(self):
        return f"{self.base}/auth"

    @property
    def token_url(self):
        return f"{self.base}/token"

    @property
    def keyset_url(self):
        return f"{self.base}/jwks"

    def connect_tool(self, login_url, launch_url, tool_jwks):
        """What the platform's administrator enters about the tool."""
        self.registration.set_oidc_login_url(login_url).set_launch_url(launch_url).set_deeplink_launch_url(launch_url)
        self.registration.set_tool_key_set(tool_jwks)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- HTTP ----------------------------------------------------------------------
    def wsgi(self, environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        status, body, content_type = 404, {"error": "not found"}, "application/json"
        try:
            if path == "/jwks":
                status, body = 200, self.config.get_jwks()
            elif path == "/token" and method == "POST":
                request = WsgiRequest(environ)
                status, body = 200, self.config.get_access_token(request.form_data)
            elif path.startswith("/lineitems"):
                status, body, content_type = self.ags(environ, path)
        except Exception as exc:  # the tool gets a refusal, as from a real platform
            status, body = 400, {"error": f"{type(exc).__name__}: {exc}"}
        start_response(f"{status} X", [("Content-Type", content_type)])
        return [json.dumps(body).encode() if body is not None else b""]

    def ags(self, environ, path):
        request = WsgiRequest(environ)
        parts = path.strip("/").split("/")
        service = Grades(
            request,
            self.config,
            f"{self.base}/lineitems",
            f"{self.base}/lineitems/{parts[1]}" if len(parts) > 1 else None,
        )
        service.gradebook = self.gradebook
        if len(parts) == 3 and parts[2] == "scores":
            response = service.handle_resp(service.handle_update_score, line_item_id=parts[1])
        elif len(parts) == 2:
            response = service.handle_resp(service.handle_get_lineitem, line_item_id=parts[1])
        else:
            response = service.handle_resp(service.handle_get_lineitems)
        result = (
            response.result.get("content", response.result) if isinstance(response.result, dict) else response.result
        )
        return (
            response.code,
            result if 200 <= response.code < 300 else {"error": response.message},
            response.media_type or "application/json",
        )

    # --- What the platform does in the learner's browser ------------------------------
    def login_url_for(self, user_id, message_hint="resource-link-1"):
        """Step 1: the platform sends the browser to the tool's OIDC login."""
        request = DjangoRequest(RequestFactory().get("/launch"))
        login = OIDCLogin(request, self.config)
        login.set_lti_message_hint(message_hint=message_hint)
        login.set_launch_url(self.registration.get_launch_url())
        return login.initiate_login(user_id)["Location"]

    def launch_form(self, auth_query: dict, user_id, roles, custom=None, locale=None, ags=False, deep_link=False):
        """Step 3: the tool's login sent the browser to the platform's auth
        address with `auth_query`; the platform answers with the launch form
        (id_token and state, posted to the tool's redirect URI)."""
        request = DjangoRequest(RequestFactory().get("/auth", auth_query))
        launch = DjangoLTI1P3MessageLaunch(request, self.config)
        launch.set_user_data(user_id, roles, full_name="Nur Aisyah binti Ahmad", email_address="aisyah@school.example")
        launch.set_resource_link_claim("resource-link-1", title="Celik course")
        launch.set_launch_context_claim("class-5A", context_title="Class 5A")
        if custom:
            launch.set_custom_parameters_claim(custom)
        if locale:
            launch.set_extra_claims({PRESENTATION: {"document_target": "window", "locale": locale}})
        if ags:
            launch.set_ags(f"{self.base}/lineitems", f"{self.base}/lineitems/1")
        if deep_link:
            launch.set_dl(f"{self.base}/deep-link-return", title="Add content", accept_types={"ltiResourceLink"})
        response = launch.lti_launch()
        form = parse_form(response.content.decode())
        return form.action, form.fields

    def resign(self, id_token, key=None, **changes):
        """The id_token with `changes` to its claims, signed again (by the
        platform's key, or by `key`): what an attacker or a broken clock sends."""
        claims = jwt.decode(id_token, options={"verify_signature": False})
        claims.update(changes)
        header = jwt.get_unverified_header(id_token)
        return jwt.encode(claims, key or self.private_key, algorithm="RS256", headers={"kid": header["kid"]})

    def deep_link_items(self, jwt_value):
        """The platform receives the tool's deep linking response and checks it."""
        return self.config.validate_deeplinking_resp({"JWT": jwt_value})


def query_of(url) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def path_of(url) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def now() -> int:
    return int(time.time())
