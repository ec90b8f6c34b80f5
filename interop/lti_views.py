"""The LTI 1.3 tool's addresses (under /lti/, no language prefix: platforms
are configured with them once). Thin: the rules are in lti.py and grades.py.

- /lti/jwks/    the tool's public keys (JWKS), a stable address
- /lti/login/   OIDC third-party login initiation (GET or POST)
- /lti/launch/  resource link and deep linking launches (the redirect URI)
- /lti/pick/    the teacher's choice of course, answered to the platform
"""

import logging
from urllib.parse import urlsplit

from django.contrib.auth import login
from django.core import signing
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_tool.lti_core.constants import ContextRole
from lti_tool.lti_core.utils import normalize_role
from lti_tool.utils import DjangoToolConfig, get_launch_from_request
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from . import lti

logger = logging.getLogger(__name__)
PICK_SALT = "celik.lti.pick"
PICK_MAX_AGE = 3600
TEACHER_ROLES = {ContextRole.INSTRUCTOR, ContextRole.ADMINISTRATOR, ContextRole.CONTENT_DEVELOPER}


def refused(request, message, status=403):
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def framed_by(response, registration, *more_urls):
    """Platforms show the course picker in a frame: allow theirs (the
    origins of its issuer and login addresses), nobody else's; and the
    answer goes back by a form to the platform's return address."""
    urls = [registration.issuer, registration.auth_url, *more_urls]
    origins = sorted({f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls) if p.netloc})
    response._csp_replace = {"frame-ancestors": ["'self'", *origins], "form-action": ["'self'", *origins]}
    response.xframe_options_exempt = True
    return response


@require_GET
def jwks(request):
    return JsonResponse(lti.jwks())


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def oidc_login(request, registration_uuid=None):
    params = request.POST if request.method == "POST" else request.GET
    target = params.get("target_link_uri")
    if not target or not params.get("iss") or not params.get("login_hint"):
        return refused(request, _("This sign-in from a school platform is incomplete."), status=400)
    lti.ensure_key()
    oidc = DjangoOIDCLogin(request, DjangoToolConfig(registration_uuid), launch_data_storage=DjangoCacheDataStorage())
    try:
        return oidc.redirect(target)
    except LtiException as exc:
        logger.warning("LTI login refused: %s", exc)
        return refused(request, _("This school platform is not registered with Celik."), status=400)


@csrf_exempt
@never_cache
@require_POST
def launch(request):
    try:
        lti_launch = get_launch_from_request(request)
        data = lti_launch.get_launch_data()
        lti.refuse_replay(data.get("iss", ""), data.get("nonce"))
    except (LtiException, lti.LaunchRefused) as exc:
        logger.warning("LTI launch refused: %s", exc)
        return refused(
            request,
            _("This launch from your school platform could not be checked. Open Celik from the platform again."),
        )
    if not lti_launch.deployment.is_active:
        return refused(request, _("This school platform's deployment is not active on Celik. Ask your administrator."))
    if lti_launch.is_deep_link_launch:
        return pick_course(request, lti_launch, data)
    if not lti_launch.is_resource_launch:
        return refused(request, _("Celik does not offer this kind of launch."), status=400)
    user, account = lti.learner_for(data["iss"], data["sub"])
    # The platform's locale for this learner, else their browser's (or the language they last chose here).
    language = lti.language_of(data, default=translation.get_language())
    course_key = lti.course_key_of(data)
    course = lti.course_in(course_key, language) if course_key else None
    if course is None:
        # 400, not 404: Django's LocaleMiddleware would turn a 404 here into a redirect to /en/lti/launch/.
        return refused(request, _("This course is not on Celik, or no longer. Ask your teacher."), status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    lti.remember_grade_target(account, lti_launch.registration, course_key, data)
    response = HttpResponseRedirect(course.get_url(request=request))
    response.set_cookie("django_language", course.locale.language_code, samesite="Lax")
    return response


def pick_course(request, lti_launch, data):
    roles = {normalize_role(role) for role in lti_launch.roles_claim or []}
    if not roles & TEACHER_ROLES:
        return refused(request, _("Only a teacher can choose a course to add."))
    language = lti.language_of(data, default=translation.get_language())
    translation.activate(language)
    token = signing.dumps(lti_launch.get_launch_id(), salt=PICK_SALT)
    response = render(
        request,
        "interop/pick_course.html",
        {"courses": lti.courses_to_pick(language), "token": token, "action": reverse("lti:pick")},
    )
    return framed_by(response, lti_launch.registration)


@csrf_exempt  # in the platform's frame the CSRF cookie is not sent; the signed launch id stands for it
@never_cache
@require_POST
def pick(request):
    try:
        launch_id = signing.loads(request.POST.get("token", ""), salt=PICK_SALT, max_age=PICK_MAX_AGE)
        lti_launch = get_launch_from_request(request, launch_id)
    except (signing.BadSignature, LtiException):
        return refused(request, _("This choice came too late or was changed. Add Celik from the platform again."))
    if not lti_launch.is_deep_link_launch:
        return refused(request, _("Celik does not offer this kind of launch."), status=400)
    course_key = lti.as_uuid(request.POST.get("course"))
    course = lti.course_in(course_key, translation.get_language()) if course_key else None
    if course is None:
        return refused(request, _("Choose one of the courses listed."), status=400)
    launch_url = request.build_absolute_uri(reverse("lti:launch"))
    resource = (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(course.title)
        .set_custom_params({lti.CUSTOM_COURSE: str(course.translation_key)})
        .set_lineitem(
            LineItem().set_score_maximum(100).set_label(course.title).set_resource_id(str(course.translation_key))
        )
    )
    settings = lti_launch.get_claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings") or {}
    return_url = settings.get("deep_link_return_url", "")
    jwt = lti_launch.get_message_launch().get_deep_link().get_response_jwt([resource])
    context = {"return_url": return_url, "jwt": jwt, "course": course}
    return framed_by(render(request, "interop/deep_link_return.html", context), lti_launch.registration, return_url)
