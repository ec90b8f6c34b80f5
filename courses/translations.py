"""Choosing among the language versions of translated content.

A page or snippet exists once per language, all sharing a translation_key.
Wherever several versions come back from one query, `one_per_translation`
keeps, for each translation_key, the version in the most preferred language
that has one, else the first found."""

from collections.abc import Callable, Iterable


def one_per_translation(
    rows: Iterable,
    preferred: list,
    language_of: Callable = lambda row: row.locale_id,
    key_of: Callable = lambda row: row.translation_key,
) -> dict:
    """{translation_key: row}, in the order keys first appear. `preferred`
    lists languages (whatever `language_of` gives: locale ids by default, or
    language codes) from most to least wanted; a version in none of them
    stands in only where nothing better exists."""
    ranks = {}
    for rank, language in enumerate(preferred):
        ranks.setdefault(language, rank)
    worst = len(preferred)
    chosen, chosen_rank = {}, {}
    for row in rows:
        key, rank = key_of(row), ranks.get(language_of(row), worst)
        if key not in chosen or rank < chosen_rank[key]:
            chosen[key], chosen_rank[key] = row, rank
    return chosen
