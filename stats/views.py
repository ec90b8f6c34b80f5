"""The statistics area: thin views over stats.queries.

Every view asks `scope_for(request.user)` (403 for anyone who is not a
reviewer) before anything else; the figures come from `build_report`, which
applies the scope in its queries. The 2FA middleware has already made sure
a reviewer signed in with a second factor (settings.STAFF_AREA_PREFIXES)."""

import csv
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.addresses import local_path
from accounts.ratelimits import limit

from . import chart, export, recounts, reviewers
from .forms import FilterForm, TokenForm, country_outside_scope
from .models import ApiToken
from .queries import build_report
from .scopes import scope_for
from .tasks import request_recount


def filter_form(request, scope):
    """The filter form bound to the query string; 403 for a country outside
    the reviewer's scope (asking for it is not a typo)."""
    if country_outside_scope(request.GET, scope):
        raise PermissionDenied(_("Your reviewer scope does not include this country."))
    return FilterForm(request.GET, scope=scope)


def report_for(request):
    """(form, report) for the reviewer's filter, or (form, None) when the
    filter is not valid; 403 for non-reviewers and countries out of scope."""
    scope = scope_for(request.user)
    form = filter_form(request, scope)
    if not form.is_valid():
        return form, None
    return form, build_report(scope, form.filters(), titles=form.course_titles)


def invalid_filter(request, form):
    """The dashboard with the form's messages, as a 400."""
    context = {
        "form": form,
        "role": request.user.reviewer_scope,
        "min_cell": settings.STATS_MIN_CELL,
        "pending_recount": recounts.pending_recount(),
    }
    return render(request, "stats/dashboard.html", context, status=400)


@require_GET
@login_required
def dashboard(request):
    form, report = report_for(request)
    if report is None:
        return invalid_filter(request, form)
    return render(
        request,
        "stats/dashboard.html",
        {
            "form": form,
            "report": report,
            "charts": chart.charts(report),
            "pending_recount": recounts.pending_recount(),
            "role": request.user.reviewer_scope,
            "query_string": urlencode(report.filters.as_query()),
            "min_cell": report.min_cell,
            "active_days": settings.STATS_ACTIVE_DAYS,
        },
    )


class _Echo:
    """csv.writer writes into this and gets the line back, to stream it."""

    def write(self, value):
        return value


@require_GET
@login_required
def export_csv(request):
    form, report = report_for(request)
    if report is None:
        return invalid_filter(request, form)
    writer = csv.writer(_Echo())
    rows = export.csv_rows(report, request.user.reviewer_scope.scope_label, _filter_labels(form))

    def stream():
        yield "\ufeff"  # UTF-8 BOM: spreadsheet programs then read Thai, Khmer, Burmese right
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    filename = f"celik-statistics-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filter_labels(form):
    """(label, chosen value) for each filter, in the reviewer's language."""
    labels = []
    for name in ("course", "country", "age_band", "language", "start", "end"):
        field = form[name]
        value = form.cleaned_data.get(name)
        if hasattr(form.fields[name], "choices"):
            value = dict(form.fields[name].choices).get(str(value) if value else "", value)
        labels.append((str(field.label), str(value) if value else _("All")))
    return labels


@require_POST
@login_required
def refresh(request):
    """Queues a recount (they are otherwise as of the last run of
    `manage.py refresh_statistics`); the dashboard shows it running, then
    when it finished. Rate-limited, and one at a time."""
    scope_for(request.user)
    if response := limit(request, "stats_refresh"):
        return response
    recount, queued = request_recount(requested_by=request.user)
    if recount.state == recount.DONE:
        messages.success(request, _("The figures have been counted again."))
    elif queued:
        messages.success(request, _("The figures are being counted again; this page shows when they are ready."))
    else:
        messages.info(request, _("The figures are already being counted again."))
    return redirect(_back_to_dashboard(request))


def _back_to_dashboard(request):
    return local_path(request.POST.get("next"), request) or reverse("stats:dashboard")


@login_required
def tokens(request):
    """A reviewer's API tokens: make one (shown once), see when each was last
    used, revoke one."""
    scope_for(request.user)
    new_token = None
    form = TokenForm()
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["name"]
            try:
                _token, new_token = reviewers.create_token_logged(request.user, name)
                form = TokenForm()
            except reviewers.TokenNameTaken:
                form.add_error(
                    "name",
                    _("You already have a token called “%(name)s”. Choose another name, or revoke that one first.")
                    % {"name": name},
                )
    status = 400 if form.errors else 200
    return render(
        request,
        "stats/tokens.html",
        {"form": form, "new_token": new_token, "tokens": ApiToken.objects.filter(owner=request.user)},
        status=status,
    )


@require_POST
@login_required
def revoke_token(request, token_id):
    scope_for(request.user)
    token = get_object_or_404(ApiToken, pk=token_id, owner=request.user)
    reviewers.revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("stats:tokens")
