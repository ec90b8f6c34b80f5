"""The quiz's pages inside the Wagtail admin, for whoever may edit the quiz:
its results report (with CSV and XLSX through Wagtail's spreadsheet export)
and the import of questions from a file."""

import base64
import binascii
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_resolver, reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets.button import HeaderButton

from courses.translation_workflow import synced_translation

from . import question_import
from .gain import gain_report
from .models.pages import QuizPage
from .question_import import FileError
from .question_import.spreadsheet import template_csv, template_xlsx
from .questions.parts import competence_choices
from .report import export_columns, export_rows, language_name, quiz_report


def quiz_for(request, page_id):
    """The quiz `page_id`, for someone who may edit it: 404 if there is no
    such quiz, 403 if they may not."""
    quiz = QuizPage.objects.filter(id=page_id).select_related("locale").first()
    if quiz is None:
        raise Http404(_("This quiz does not exist."))
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return quiz


class QuizReportView(SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView):
    """How learners did on a quiz, in all its languages and split by language;
    `?export=csv` or `?export=xlsx` downloads it."""

    template_name = "quizzes/admin/report.html"
    header_icon = "table"
    page_subtitle = gettext_lazy("Quiz results, all languages")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = None

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            # Wagtail would turn the refusal into a redirect to the dashboard: a 403 says what it is.
            return get_resolver().resolve_error_handler(403)(request, refusal)

    def get(self, request, page_id):
        self.quiz = quiz_for(request, page_id)
        self.report = quiz_report(self.quiz)
        if self.is_export:
            return self.as_spreadsheet(export_rows(self.report), request.GET["export"])
        return super().get(request, page_id)

    # --- The page ---------------------------------------------------------------

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.quiz.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.quiz.id]), "label": self.quiz.title},
            {"url": "", "label": _("Quiz results")},
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Edit the quiz"), reverse("wagtailadmin_pages:edit", args=[self.quiz.id]), icon_name="edit"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(
            quiz=self.quiz,
            report=report,
            languages=[(code, language_name(code)) for code in report.language_codes],
            translations=self.quiz.get_translations().select_related("locale").order_by("locale__language_code"),
        )
        return context

    # --- The spreadsheet -------------------------------------------------------

    @cached_property
    def columns(self):
        return export_columns(self.report)

    @property
    def list_export(self):
        return [name for name, _heading in self.columns]

    @property
    def export_headings(self):
        return dict(self.columns)

    def to_row_dict(self, item):
        return {name: item[name] for name in self.list_export}

    def get_filename(self):
        return f"quiz-{slugify(self.quiz.slug)}-{self.quiz.locale.language_code}-results"


# --- Bringing questions in (quizzes/question_import) ------------------------------


def _refused_with_403(view):
    """Wagtail turns a refusal inside the admin into a redirect to the
    dashboard; this view answers 403, saying what it is."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return get_resolver().resolve_error_handler(403)(request, refusal)

    return wrapped


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy(
            "A spreadsheet (.csv or .xlsx, laid out as the example file) or Moodle GIFT (.gift, .txt)."
        ),
    )
    competence = forms.ChoiceField(
        label=gettext_lazy("Competence for questions that name none"),
        required=False,
        help_text=gettext_lazy("GIFT files name no competence: choose the one their questions practise."),
    )
    payload = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = [("", "—")] + competence_choices()

    def upload(self):
        """(file name, bytes) of the file uploaded, or of the one previewed
        (carried in the preview's form: nothing is kept on the server
        before the educator confirms)."""
        if self.cleaned_data["payload"]:
            try:
                data = base64.b64decode(self.cleaned_data["payload"], validate=True)
            except (binascii.Error, ValueError):
                raise FileError(_("The file could not be read back: upload it again.")) from None
            return self.cleaned_data["filename"], data
        upload = self.cleaned_data["file"]
        if upload is None:
            raise FileError(_("Choose a file to import."))
        return upload.name, upload.read(question_import.MAX_FILE_BYTES + 1)


@_refused_with_403
def import_questions(request, page_id):
    """Upload a file, see every question it holds with what is wrong with
    each, then confirm: the good ones are added to the quiz as a draft."""
    quiz = quiz_for(request, page_id)
    context = {
        "quiz": quiz,
        "translation": synced_translation(quiz),
        "header_title": _("Import questions: %(title)s") % {"title": quiz.title},
        "header_icon": "upload",
        "importable_types": ", ".join(kind.key for kind in question_import.importable_types()),
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("wagtailadmin_pages:edit", args=[quiz.id]), "label": quiz.title},
            {"url": "", "label": _("Import questions")},
        ],
    }
    if request.method != "POST":
        return render(request, "quizzes/admin/import.html", {**context, "form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if context["translation"] is not None:
        return render(request, "quizzes/admin/import.html", {**context, "form": form}, status=400)
    if not form.is_valid():
        return render(request, "quizzes/admin/import.html", {**context, "form": form}, status=400)
    try:
        name, data = form.upload()
        checked = question_import.check(
            question_import.read_upload(name, data), form.cleaned_data["competence"], quiz.locale.language_code
        )
    except FileError as error:
        form.add_error("file", str(error))
        return render(request, "quizzes/admin/import.html", {**context, "form": form}, status=400)
    good = [item for item in checked if item.ok]
    if "confirm" in request.POST and good:
        question_import.append_as_draft(quiz, checked, request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s question added to the quiz as a draft: check it, then publish.",
                "%(count)s questions added to the quiz as a draft: check them, then publish.",
                len(good),
            )
            % {"count": len(good)},
        )
        return redirect("wagtailadmin_pages:edit", quiz.id)
    preview = ImportForm(
        initial={
            "payload": base64.b64encode(data).decode("ascii"),
            "filename": name,
            "competence": form.cleaned_data["competence"],
        }
    )
    status = 400 if "confirm" in request.POST else 200  # a confirmation with nothing to add
    return render(
        request,
        "quizzes/admin/import.html",
        {
            **context,
            "form": preview,
            "checked": checked,
            "good": len(good),
            "bad": len(checked) - len(good),
            "filename": name,
        },
        status=status,
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def example_csv(request):
    return _download(template_csv(), "text/csv; charset=utf-8", "celik-questions-example.csv")


def example_xlsx(request):
    return _download(
        template_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "celik-questions-example.xlsx",
    )


def gain(request, page_id):
    """Before and after: the learning gain of the quiz's learners (issue 24),
    beside the results report."""
    quiz = quiz_for(request, page_id)
    return render(request, "quizzes/admin/gain.html", {"quiz": quiz, "report": gain_report(quiz)})
