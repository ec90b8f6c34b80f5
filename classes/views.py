"""Thin views over the rules in groups.py, assisted.py, report.py and
present.py. A facilitator's pages fetch the class through
groups.class_for_facilitator (another facilitator's class is a 404); a
learner's pages work on request.user."""

import csv
from functools import wraps

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.ratelimits import limit
from courses.certificates.qr import svg as join_qr_svg

from . import assisted, groups, present, report
from .courses_offered import class_courses
from .forms import AddLearnersForm, CardSignInForm, ClassForm, JoinForm
from .models import Membership
from .roles import is_facilitator

PENDING_JOIN = "celik_class_join_code"


def facilitator_required(view):
    """Signed in, with the facilitator role; others are told so (403)."""

    @wraps(view)
    @never_cache
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_facilitator(request.user):
            message = _("Only facilitators have classes. An administrator gives the facilitator role.")
            return render(request, "error.html", {"status": 403, "message": message}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _bad_request(request, message):
    return render(request, "error.html", {"status": 400, "message": message}, status=400)


# --- Facilitators -----------------------------------------------------------------


@facilitator_required
def my_classes(request):
    classes = groups.classes_of(request.user).prefetch_related("memberships")
    return render(request, "classes/my_classes.html", {"classes": classes})


@facilitator_required
@require_http_methods(["GET", "POST"])
def new_class(request):
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        klass = groups.create_class(request.user, form.cleaned_data["name"], form.cleaned_data["courses"])
        messages.success(request, _("The class is ready. Its join code is %(code)s.") % {"code": klass.join_code})
        return redirect("classes:detail", class_id=klass.pk)
    return render(request, "classes/class_form.html", {"form": form}, status=400 if form.errors else 200)


@facilitator_required
@require_http_methods(["GET", "POST"])
def edit_class(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    form = ClassForm(request.POST or None, initial={"name": klass.name, "courses": klass.course_keys})
    if request.method == "POST" and form.is_valid():
        klass.name = form.cleaned_data["name"]
        klass.course_keys = form.cleaned_data["courses"]
        klass.save(update_fields=["name", "course_keys"])
        messages.success(request, _("The class has been saved."))
        return redirect("classes:detail", class_id=klass.pk)
    return render(
        request, "classes/class_form.html", {"form": form, "klass": klass}, status=400 if form.errors else 200
    )


@facilitator_required
def class_detail(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    members = groups.members_with_status(klass)
    context = {
        "klass": klass,
        "members": members,
        "courses": present.class_lessons(klass),
        "facilitators": klass.facilitators.select_related("profile"),
    }
    return render(request, "classes/class_detail.html", context)


@facilitator_required
def poster(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    join_url = request.build_absolute_uri(reverse("classes:join_code", args=[klass.join_code]))
    context = {"klass": klass, "join_url": join_url, "qr_svg": join_qr_svg(join_url), "courses": class_courses(klass)}
    return render(request, "classes/poster.html", context)


@facilitator_required
@require_http_methods(["GET", "POST"])
def add_learners(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    profile = getattr(request.user, "profile", None)
    initial = {"country": profile.country} if profile else {}
    form = AddLearnersForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("csv_file"):
                learners = assisted.parse_csv(data["csv_file"].read(1_000_000))
            else:
                learners = assisted.parse_names(data["names"])
        except assisted.BadLearnerList as error:
            form.add_error(None, str(error))
        else:
            cards = assisted.add_learners(
                klass,
                learners,
                by=request.user,
                country=data["country"],
                age_band=data["age_band"],
                language=data["language"],
            )
            messages.success(
                request, _("%(count)s learners added. Print their sign-in cards now.") % {"count": len(cards)}
            )
            return redirect("classes:cards", class_id=klass.pk)
    return render(
        request, "classes/add_learners.html", {"klass": klass, "form": form}, status=400 if form.errors else 200
    )


@facilitator_required
def cards(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    sheet = assisted.cards_for(klass)
    only = request.GET.get("learner")
    if only:
        sheet = [card for card in sheet if str(card.learner_id) == only]
    sign_in_url = request.build_absolute_uri(reverse("classes:card_sign_in"))
    return render(request, "classes/cards.html", {"klass": klass, "cards": sheet, "sign_in_url": sign_in_url})


@facilitator_required
@require_POST
def reset_card(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    learner = groups.member_or_404(klass, request.POST.get("learner"))
    try:
        assisted.reset_passphrase(klass, learner, by=request.user)
    except assisted.NotAssisted as error:
        messages.error(request, str(error))
        return redirect("classes:detail", class_id=klass.pk)
    messages.success(request, _("A new passphrase is ready: print the new card. The old card no longer works."))
    return redirect(reverse("classes:cards", args=[klass.pk]) + f"?learner={learner.pk}")


@facilitator_required
@require_POST
def remove_learner(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    learner = groups.member_or_404(klass, request.POST.get("learner"))
    groups.remove_learner(klass, learner.pk, by=request.user)
    messages.success(request, _("The learner has left the class. Their account and progress stay theirs."))
    return redirect("classes:detail", class_id=klass.pk)


@facilitator_required
@require_POST
def record_consent(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    learner = groups.member_or_404(klass, request.POST.get("learner"))
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you received the signed consent form."))
        return redirect("classes:detail", class_id=klass.pk)
    if not assisted.needs_consent(learner):
        return _bad_request(request, _("This learner does not need a guardian's consent."))
    assisted.record_consent(klass, learner, by=request.user)
    messages.success(request, _("The guardian's consent is recorded."))
    return redirect("classes:detail", class_id=klass.pk)


@facilitator_required
def class_report(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    return render(request, "classes/report.html", {"klass": klass, "report": report.class_report(klass)})


@facilitator_required
def class_report_csv(request, class_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{klass.pk}-{timezone.now():%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # spreadsheets read UTF-8 with the mark
    writer = csv.writer(response)
    for row in report.csv_rows(report.class_report(klass)):
        writer.writerow(row)
    return response


@facilitator_required
def present_lesson(request, class_id, lesson_id):
    klass = groups.class_for_facilitator(request.user, class_id)
    slide = present.slide(klass, lesson_id, request.GET.get("block", "0"))
    if slide is None:
        raise Http404(_("This lesson is not in this class's courses."))
    return render(request, "classes/present.html", {"klass": klass, "slide": slide})


# --- Learners ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    """Join a class with its code (from My learning)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('classes:join')}")
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST":
        blocked = limit(request, "class_join")
        if blocked is not None:
            return blocked
        if form.is_valid():
            if groups.join(request.user, form.klass):
                messages.success(request, _("You have joined “%(name)s”.") % {"name": form.klass.name})
            else:
                messages.info(request, _("You are already in “%(name)s”.") % {"name": form.klass.name})
            return redirect("courses:my_learning")
    return render(request, "classes/join.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def join_code(request, code):
    """Where the poster's QR code leads. Signed in: a button to join. Not
    signed in: the code waits in the session and the learner joins on
    signing in or signing up."""
    klass = groups.class_for_code(code)
    if klass is None:
        raise Http404(_("No class has this code. Check it with your facilitator."))
    if not request.user.is_authenticated:
        request.session[PENDING_JOIN] = klass.join_code
    form = JoinForm(initial={"code": klass.join_code})
    return render(request, "classes/join_code.html", {"klass": klass, "form": form, "courses": class_courses(klass)})


def join_pending_class(sender, request, user, **kwargs):
    """user_logged_in: a learner who came through a class's QR code joins it."""
    if request is None or not hasattr(request, "session"):
        return
    code = request.session.pop(PENDING_JOIN, None)
    klass = groups.class_for_code(code) if code else None
    if klass is not None and groups.join(user, klass):
        messages.success(request, _("You have joined “%(name)s”.") % {"name": klass.name})


@login_required
@require_POST
def leave(request, class_id):
    membership = Membership.objects.filter(learner=request.user, klass_id=class_id).select_related("klass").first()
    if membership is None:
        raise Http404(_("You are not in this class."))
    groups.leave(request.user, membership.klass)
    messages.success(request, _("You have left “%(name)s”.") % {"name": membership.klass.name})
    return redirect("courses:my_learning")


@never_cache
@require_http_methods(["GET", "POST"])
def card_sign_in(request):
    """Sign in with a card a facilitator printed: a username and a passphrase."""
    form = CardSignInForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            blocked = limit(request, "card_sign_in", key=form.cleaned_data["username"].strip().lower())
            if blocked is not None:
                return blocked
            user = assisted.sign_in_check(form.cleaned_data["username"], form.cleaned_data["passphrase"])
            if user is not None:
                login(request, user, backend="accounts.backends.LearnerBackend")
                # allauth's record of how this session signed in (what "Confirm access" reads).
                record_authentication(request, user, "password", username=user.username)
                return redirect("courses:my_learning")
            form.add_error(
                None, _("That username and passphrase do not match. Check the card, or ask your facilitator.")
            )
    return render(request, "classes/card_sign_in.html", {"form": form}, status=400 if form.errors else 200)
