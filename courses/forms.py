"""The educators' page forms: choosing a page's competences."""

from django import forms
from django.forms.models import ModelChoiceIterator
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from .models.framework import competences_in, same_competences_in


class CompetencesByPillar(ModelChoiceIterator):
    """The competences grouped under their pillar's name (as <optgroup>s)."""

    def __iter__(self):
        groups = {}
        for competence in self.queryset:
            groups.setdefault(competence.pillar.name, []).append(self.choice(competence))
        yield from groups.items()


class CompetenceChooser(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by pillar, each with the competence's description,
    and a search box that narrows the list as one types (a small script; the
    list works without it)."""

    template_name = "courses/admin/widgets/competence_chooser.html"
    option_template_name = "courses/admin/widgets/competence_option.html"

    class Media:
        js = ["courses/admin/competence_chooser.js"]
        css = {"all": ["courses/admin/competence_chooser.css"]}


class CompetencesPageForm(WagtailAdminPageForm):
    """A course or lesson form whose competences are offered in the page's
    own language only (the framework has a row per competence per language),
    with what the page already has shown in that language too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("competences")
        if field is None:
            return
        locale = self.page_locale()
        field.iterator = CompetencesByPillar  # before the queryset, which hands the choices to the widget
        field.queryset = competences_in(locale)
        if self.instance.pk and not self.is_bound:
            self.initial["competences"] = [c.pk for c in same_competences_in(self.instance.competences.all(), locale)]

    def page_locale(self):
        if self.instance.pk or self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None and not self.parent_page.is_root():
            return self.parent_page.locale
        return Locale.get_default()
