"""Date and number formats for the languages Django ships none for.

Django looks here first (FORMAT_MODULE_PATH) and falls back to its own
formats for every other language. Patterns follow CLDR's medium formats;
digits stay Western Arabic, which every one of these countries' schools and
governments also use.
"""
