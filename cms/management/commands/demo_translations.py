"""The demo content's translations: how far each language is, per bundle
(the site and each course), and keeping the PO files in step with the
English source. See cms/demo_content/README.md."""

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo_bundles import SOURCE_LANGUAGE, all_bundles, merged_po, new_po
from cms.demo_quality import all_problems


class Command(BaseCommand):
    help = "Reports how much of the demo content each language translates; --update and --new keep the PO files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Rewrite every messages.pot from the English source and bring every PO file in step with it.",
        )
        parser.add_argument(
            "--new", metavar="LANGUAGE", help="Start a PO file for LANGUAGE in every bundle that has none yet."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if a messages.pot differs from the English source, or a translation breaks markup, "
            "strays from its glossary, leaves English behind or holds Zawgyi.",
        )
        parser.add_argument("bundles", nargs="*", help="Only these bundles: 'site' or course slugs.")

    def handle(self, *args, update=False, new=None, check=False, bundles=(), **options):
        chosen = [b for b in all_bundles() if not bundles or b.name in bundles]
        unknown = set(bundles) - {b.name for b in chosen}
        if unknown:
            raise CommandError(f"No bundle called {', '.join(sorted(unknown))}.")
        if new is not None and (new not in dict(settings.LANGUAGES) or new == SOURCE_LANGUAGE):
            raise CommandError(f"{new!r} is not one of the site's translated languages.")
        stale = []
        for bundle in chosen:
            pot = bundle.template()
            written = bundle.template_path.read_text(encoding="utf-8") if bundle.template_path.exists() else ""
            if _entries(pot) != _entries_of_text(written):
                stale.append(bundle.name)
                if update:
                    pot.save(str(bundle.template_path))
            if update:
                for language in bundle.languages():
                    merged_po(bundle, language).save(str(bundle.po_path(language)))
            if new and not bundle.po_path(new).exists():
                new_po(bundle, new).save(str(bundle.po_path(new)))
                self.stdout.write(f"Started {bundle.po_path(new)}")
        if check and stale:
            raise CommandError(
                f"messages.pot is out of date for {', '.join(stale)}: run `make demo-translations-update`."
            )
        if update and stale:
            self.stdout.write(f"Updated messages.pot of {', '.join(stale)} and merged it into their PO files.")
        self._report(chosen)
        if check:
            problems = [
                problem
                for bundle in chosen
                for language in bundle.languages()
                for problem in all_problems(bundle, language)
            ]
            for problem in problems:
                self.stdout.write(str(problem))
            if problems:
                raise CommandError(f"{len(problems)} problem(s) in the translations: see above.")
            self.stdout.write(self.style.SUCCESS("Markup, glossary, English left and Burmese encoding: no problem."))

    def _report(self, bundles):
        languages = [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]
        width = max(len(b.name) for b in bundles) + 2
        self.stdout.write("Translated texts per bundle and language (a bundle loads once complete):")
        self.stdout.write("".ljust(width) + "".join(code.rjust(10) for code in languages))
        for bundle in bundles:
            total = None
            cells = []
            for code in languages:
                if bundle.po_path(code).exists():
                    done, total = bundle.coverage(code)
                    cells.append((f"{done}/{total}" + ("" if done == total else "*")).rjust(10))
                else:
                    cells.append("-".rjust(10))
            self.stdout.write(bundle.name.ljust(width) + "".join(cells))
        self.stdout.write("n/m: n of the bundle's m texts translated; *: not loaded yet; -: no PO file.")


def _entries(pot):
    return [(e.msgctxt, e.msgid) for e in pot]


def _entries_of_text(text):
    return _entries(polib.pofile(text)) if text else []
