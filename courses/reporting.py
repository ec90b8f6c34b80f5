"""Which reporting channels a learner is shown: those of their own country
(from their profile), or, when we do not know their country or have none
for it, every country's, with a notice saying so."""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Locale

from accounts.models import Country, LearnerProfile

from .models.reporting import ReportingChannel
from .translations import one_per_translation


@dataclass
class ChannelGroup:
    country: str
    country_name: str
    channels: list = field(default_factory=list)


@dataclass
class ChannelsShown:
    learner_country: str  # "" when unknown
    groups: list[ChannelGroup]
    for_learner_country: bool  # True: only the learner's country is shown

    @property
    def learner_country_name(self):
        return Country(self.learner_country).label if self.learner_country in Country.values else ""


def learner_country(request) -> str:
    """The signed-in learner's country, or "" (a guest, staff without a profile)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    try:
        return user.profile.country
    except LearnerProfile.DoesNotExist:
        return ""


def localized_channels(locale) -> list:
    """Every channel in `locale`, or in the source language where it is not
    translated yet, in one query."""
    source = settings.LANGUAGE_CODE
    rows = ReportingChannel.objects.filter(locale__language_code__in={locale.language_code, source}).select_related(
        "locale"
    )
    chosen = one_per_translation(rows, [locale.id])
    return sorted(chosen.values(), key=lambda row: (row.country, row.sort_order, row.name))


def channels_for(country: str, locale=None) -> ChannelsShown:
    channels = localized_channels(locale or Locale.get_active())
    mine = [row for row in channels if row.country == country]
    if mine:
        return ChannelsShown(country, [ChannelGroup(country, Country(country).label, mine)], True)
    groups = {}
    for row in channels:
        groups.setdefault(row.country, ChannelGroup(row.country, Country(row.country).label)).channels.append(row)
    return ChannelsShown(country, list(groups.values()), False)
