"""The quiz report inside the Wagtail admin, for whoever may edit the quiz."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import QuizPage
from .report import quiz_report, report_csv_rows


def _quiz_for(request, page_id):
    quiz = QuizPage.objects.filter(id=page_id).first()
    if quiz is None:
        raise Http404(_("This quiz does not exist."))
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return quiz


def report(request, page_id):
    quiz = _quiz_for(request, page_id)
    return render(request, "quizzes/admin/report.html", {"quiz": quiz, "report": quiz_report(quiz)})


def report_csv(request, page_id):
    quiz = _quiz_for(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quiz-{slugify(quiz.slug)}-results.csv"'
    response.write("\ufeff")  # byte-order mark: spreadsheet programs then read UTF-8 correctly
    writer = csv.writer(response)
    for row in report_csv_rows(quiz, quiz_report(quiz)):
        writer.writerow(row)
    return response
