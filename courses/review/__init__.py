"""Review of machine-drafted translations: which translated pages still
await a native speaker's check, and the educator's "Mark as reviewed".

- status.py       the rules: record a draft, mark reviewed (with an audit record), what awaits review
- admin_views.py  the admin's listing (Reports > Translations to review) and the mark-as-reviewed form

The state itself is courses.models.TranslationReview; the hooks that show it
on the page editor and in the page listing are in courses/wagtail_hooks.py.
This is separate from courses/translation_status.py, which says whether a
translation is up to date with its source, not whether anyone checked it.
"""
