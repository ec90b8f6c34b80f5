"""Thin views: a learner's own certificate (page, PDF, Open Badges
credential), the public verification page, and the issuer's profile.

A learner's certificate is always fetched through request.user
(codes.own_certificate): anybody else's code is a 404, the same answer as a
code that does not exist, so the learner pages reveal nothing either."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.ratelimits import limit

from ..models.records import Certificate
from . import qr
from .badge import issuer_profile, open_badge_credential
from .codes import certificate_by_code, normalise_code, own_certificate
from .issuing import certificate_content
from .pdf import PAPERS, certificate_pdf


def _verify_url(request, certificate):
    """The address printed and put in the QR code: without a language, so the
    person who scans it reads the page in their own."""
    return request.build_absolute_uri(reverse("verify_certificate_neutral", args=[certificate.code]))


def _own_or_404(request, code):
    certificate = own_certificate(request.user, code)
    if certificate is None:
        raise Http404(_("You have no certificate with this code."))
    return certificate


def _revoked(request):
    return render(
        request,
        "error.html",
        {"status": 410, "message": _("This certificate was revoked, so it can no longer be downloaded.")},
        status=410,
    )


@require_GET
@login_required
def course_certificate(request, course_key):
    """The learner's certificate for a course: the course page links here
    rather than to the code, so the page is the same for everyone at the
    same point in the course (cms/page_cache.py keeps one copy of it)."""
    certificate = Certificate.objects.filter(user=request.user, course_key=course_key).only("code").first()
    if certificate is None:
        raise Http404(_("You have no certificate for this course yet. It is issued when you complete every step."))
    return redirect("certificate", code=certificate.code)


@require_GET
@login_required
def certificate_page(request, code):
    """The learner's certificate, printable, with its downloads."""
    certificate = _own_or_404(request, code)
    verify_url = _verify_url(request, certificate)
    return render(
        request,
        "courses/certificates/certificate.html",
        {
            "certificate": certificate,
            "content": certificate_content(certificate, get_language()),
            "verify_url": verify_url,
            "qr_svg": qr.svg(verify_url),
            "papers": PAPERS,
        },
    )


@require_GET
@login_required
def certificate_pdf_view(request, code, paper):
    certificate = _own_or_404(request, code)
    if certificate.is_revoked:
        return _revoked(request)
    content = certificate_content(certificate, get_language())
    data = certificate_pdf(content, _verify_url(request, certificate), PAPERS[paper])
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="celik-certificate-{certificate.code}-{paper}.pdf"'
    return response


@require_GET
@login_required
def credential_view(request, code):
    """The Open Badges 3.0 credential, to keep in a wallet or badge backpack."""
    certificate = _own_or_404(request, code)
    if certificate.is_revoked:
        return _revoked(request)
    content = certificate_content(certificate, get_language())
    credential = open_badge_credential(request, certificate, content, _verify_url(request, certificate))
    response = HttpResponse(json.dumps(credential, ensure_ascii=False, indent=2), content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="celik-credential-{certificate.code}.json"'
    return response


@require_GET
def verify_form(request):
    """ "Check a certificate": a field for the code printed on it."""
    typed = request.GET.get("code", "")
    error = ""
    if typed:
        code = normalise_code(typed)
        if code is not None:
            return redirect("verify_certificate", code=code)
        error = _("A certificate code has 25 letters and digits, such as K7QXM-2HD9P-RT4WA-8CNEV-3YBZF.")
    return render(
        request, "courses/certificates/verify.html", {"typed": typed, "error": error}, status=400 if error else 200
    )


@require_GET
def verify_certificate(request, code):
    """Public: is this certificate genuine? Valid, revoked, or unknown (404).
    Shows what the certificate shows and nothing more about the learner."""
    if blocked := limit(request, "certificate_verify", limit_get=True):
        return blocked
    certificate = certificate_by_code(code)
    if certificate is None:
        return render(request, "courses/certificates/verify.html", {"typed": code, "unknown": True}, status=404)
    return render(
        request,
        "courses/certificates/verify.html",
        {"certificate": certificate, "content": certificate_content(certificate, get_language())},
    )


@require_GET
def verify_certificate_neutral(request, code):
    """The address on the certificate and in its QR code: sends the visitor to
    the verification page in their browser's language."""
    with translation.override(get_language_from_request(request)):
        return redirect(reverse("verify_certificate", args=[code]))


@require_GET
def issuer(request):
    """The issuer's Open Badges profile, with the key credentials are signed with."""
    return JsonResponse(
        issuer_profile(request), content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
