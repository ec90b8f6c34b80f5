"""In the Wagtail admin: educators and administrators find a certificate by
its code and revoke it with a reason (or reinstate one revoked in error).
Anyone with the "Can change certificate" permission may: Wagtail's Editors
and Moderators groups have it (migration 0004), superusers always do.

Educators see what the certificate itself shows (name, course, date), found
by its code; there is no list of every learner's certificates to browse."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..models.records import Certificate
from .codes import certificate_by_code, normalise_code
from .issuing import certificate_content, reinstate_certificate, revoke_certificate

PERMISSION = "courses.change_certificate"


def may_revoke(user):
    return user.is_active and user.has_perm(PERMISSION)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown on the public verification page. Do not include personal details."),
    )


def _check(request):
    if not may_revoke(request.user):
        raise PermissionDenied


def certificate_search(request):
    """Find a certificate by code; without one, the latest revocations."""
    _check(request)
    query = request.GET.get("q", "").strip()
    found = None
    if query:
        found = certificate_by_code(query)
        certificates = [found] if found else []
    else:
        certificates = list(Certificate.objects.filter(revoked_at__isnull=False).order_by("-revoked_at")[:50])
    rows = [(certificate, certificate_content(certificate)) for certificate in certificates]
    return render(
        request,
        "courses/admin/certificates.html",
        {"query": query, "rows": rows, "not_a_code": bool(query) and normalise_code(query) is None},
    )


@require_http_methods(["GET", "POST"])
def certificate_revoke(request, certificate_id):
    _check(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    if request.method == "POST" and "reinstate" in request.POST:
        reinstate_certificate(certificate, request.user)
        messages.success(request, _("Certificate %(code)s is valid again.") % {"code": certificate.code})
        return redirect(reverse("certificates_admin") + f"?q={certificate.code}")
    form = RevokeForm(request.POST or None, initial={"reason": certificate.revocation_reason})
    if request.method == "POST" and form.is_valid():
        revoke_certificate(certificate, form.cleaned_data["reason"], request.user)
        messages.success(request, _("Certificate %(code)s is revoked.") % {"code": certificate.code})
        return redirect(reverse("certificates_admin") + f"?q={certificate.code}")
    return render(
        request,
        "courses/admin/certificate_revoke.html",
        {"certificate": certificate, "content": certificate_content(certificate), "form": form},
        status=400 if form.is_bound else 200,
    )
