"""The certificate as a PDF, A4 or Letter, landscape.

Made with fpdf2, with HarfBuzz (uharfbuzz) shaping the text, so Thai, Khmer,
Lao and Burmese come out with their vowels, stacked consonants and medials in
the right places. The fonts are the site's own Noto fonts (cms/static/fonts,
found through the static-files finders): Noto Sans for Latin and Vietnamese,
then one font per script, chained as fallbacks so a line may mix scripts (a
Khmer course with a Latin display name). Only the glyphs used are embedded,
so a certificate weighs tens of kilobytes. No browser or system font is
involved: the same file comes out on any server.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from . import qr
from .issuing import CertificateContent


@dataclass(frozen=True)
class Paper:
    width: float  # millimetres, landscape
    height: float


PAPERS = {"a4": Paper(297, 210), "letter": Paper(279.4, 215.9)}

# (family, file stem, the characters it is loaded for). The first covers
# Latin and is always loaded; the others are fallbacks, tried in turn for any
# character the first lacks, and loaded only when the certificate has a
# character in their ranges: parsing a font costs 20-200 ms, so a Thai
# certificate loads Latin and Thai, not all seven.
VIETNAMESE = [
    (0x0102, 0x0103),
    (0x0110, 0x0111),
    (0x0128, 0x0129),
    (0x0168, 0x0169),
    (0x01A0, 0x01A1),
    (0x01AF, 0x01B0),
    (0x0300, 0x0301),
    (0x0303, 0x0304),
    (0x0308, 0x0309),
    (0x0323, 0x0323),
    (0x0329, 0x0329),
    (0x1EA0, 0x1EF9),
    (0x20AB, 0x20AB),
]
FONTS = [
    ("noto-latin", "noto-sans-latin", None),
    ("noto-vietnamese", "noto-sans-vietnamese", VIETNAMESE),
    (
        "noto-latin-ext",
        "noto-sans-latin-ext",
        [(0x0100, 0x02FF), (0x1D00, 0x1EFF), (0x20A0, 0x20C0), (0x2C60, 0x2C7F), (0xA720, 0xA7FF)],
    ),
    ("noto-thai", "noto-sans-thai-looped-thai", [(0x0E00, 0x0E7F)]),
    ("noto-khmer", "noto-sans-khmer-khmer", [(0x1780, 0x17FF), (0x19E0, 0x19FF)]),
    ("noto-lao", "noto-sans-lao-looped-lao", [(0x0E80, 0x0EFF)]),
    ("noto-myanmar", "noto-sans-myanmar-myanmar", [(0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)]),
]
LATIN = FONTS[0][0]


def _in(ranges, codepoint):
    return any(low <= codepoint <= high for low, high in ranges)


def fonts_for(text):
    """The fonts `text` needs: Latin, and each fallback that covers one of its
    characters (Vietnamese first, so a Vietnamese letter that is also in
    Latin Extended does not load that larger font for nothing)."""
    needed = [FONTS[0]]
    remaining = {ord(character) for character in text if ord(character) > 0xFF}
    for font in FONTS[1:]:
        covered = {codepoint for codepoint in remaining if _in(font[2], codepoint)}
        if covered:
            needed.append(font)
            remaining -= covered
    return needed


# What a PDF reader should read for a glyph that stands for no character of
# its own (see _give_every_glyph_a_reading): WORD JOINER, invisible, and unlike
# a zero-width space it never invites a line break inside a word when pasted.
NOTHING_TO_READ = 0x2060
INK = (31, 41, 55)
ACCENT = (30, 58, 138)  # the site header's blue
MUTED = (75, 85, 99)


def _font_path(stem, weight):
    path = finders.find(f"fonts/{stem}-{weight}-normal.woff2")
    if path is None:
        raise FileNotFoundError(f"fonts/{stem}-{weight}-normal.woff2 is missing from the static files")
    return path


def _new_document(paper: Paper, language: str, text: str) -> FPDF:
    pdf = FPDF(orientation="landscape", unit="mm", format=(paper.height, paper.width))
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    fonts = fonts_for(text)
    for family, stem, _ranges in fonts:
        pdf.add_font(family, "", _font_path(stem, 400))
        pdf.add_font(family, "B", _font_path(stem, 700))
    if len(fonts) > 1:
        pdf.set_fallback_fonts([family for family, _stem, _ranges in fonts[1:]], exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_lang(language)
    pdf.set_creator(settings.WAGTAIL_SITE_NAME)
    pdf.set_author(settings.WAGTAIL_SITE_NAME)
    pdf.add_page()
    return pdf


# Scripts that need a shaping engine (HarfBuzz) to be drawn right: their
# vowels and marks are placed, reordered or split around the consonant.
SHAPED_SCRIPTS = [
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x19E0, 0x19FF),
    (0xA9E0, 0xA9FF),
    (0xAA60, 0xAA7F),
]


def _text_for(pdf, text):
    """`text` ready to draw, with shaping switched on only when it has a
    script that needs it (Thai, Lao, Burmese, Khmer). Latin and Vietnamese are
    drawn from their precomposed letters (NFC) without shaping: HarfBuzz would
    draw "ị" or "ọ" as a letter plus a separate dot, and that second glyph
    has no character of its own, so a PDF reader would read a stray
    invisible character inside the word ("họ\u2060c") and search and copy
    would fail."""
    text = unicodedata.normalize("NFC", text)
    pdf.set_text_shaping(any(_in(SHAPED_SCRIPTS, ord(character)) for character in text))
    return text


def _line(pdf, text, size, bold=False, colour=INK, gap=2.0):
    """One centred paragraph, wrapped at spaces if it is wider than the page."""
    text = _text_for(pdf, text)
    pdf.set_font(LATIN, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _fitted_title(pdf, text, width, largest=24, smallest=15):
    """The largest size from `largest` down at which `text` fits on one line;
    `smallest` (and wrapping) when none does. Scripts written without spaces
    (Thai, Khmer, Lao, Burmese) wrap badly, so a smaller single line is better."""
    text = _text_for(pdf, text)
    pdf.set_font(LATIN, "B", largest)
    for size in range(largest, smallest - 1, -1):
        pdf.set_font_size(size)
        if pdf.get_string_width(text) <= width:
            return size
    return smallest


def _give_every_glyph_a_reading(pdf):
    """HarfBuzz may draw one character with two glyphs (a Khmer vowel that
    sits partly before the consonant, a Burmese medial). fpdf2 gives the
    cluster's characters to the first glyph and leaves the others unmapped in
    the font's ToUnicode table, and PDF readers then "read" an unmapped glyph
    as whatever character its number happens to be ('"', '&', a control
    code), so copying or searching the text fails. Mapping those glyphs to an
    invisible WORD JOINER makes the text read back as written. (Done just
    before output: fpdf2 only reads these mappings when writing the file.)"""
    for font in pdf.fonts.values():
        subset = getattr(font, "subset", None)
        if subset is None:
            continue
        for glyph, _code in subset.items():
            if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode:
                glyph.unicode = (NOTHING_TO_READ,)


def _labels(content: CertificateContent, verify_url: str) -> dict:
    """Every interface string the certificate prints, in the active language."""
    return {
        "title": _("Certificate of completion: %(course)s") % {"course": content.course_title},
        "kind": _("Certificate of completion"),
        "certifies_that": _("This certifies that"),
        "has_completed": _("has completed the course"),
        "certifies_completion": _("This certifies the completion of the course"),
        "competences": _("Competences covered"),
        "completed": _("Completed on %(date)s") % {"date": date_format(content.issued_at, "DATE_FORMAT")},
        "code": _("Certificate code: %(code)s") % {"code": content.display_code},
        "check": _("Check that it is genuine: scan the QR code or open %(url)s") % {"url": verify_url},
    }


def _body(pdf, content, labels, width):
    _line(pdf, settings.WAGTAIL_SITE_NAME, 14, bold=True, colour=ACCENT, gap=3)
    _line(pdf, labels["kind"], 26, bold=True, gap=8)
    if content.name:
        _line(pdf, labels["certifies_that"], 12, colour=MUTED)
        _line(pdf, content.name, 24, bold=True, gap=3)
        _line(pdf, labels["has_completed"], 12, colour=MUTED)
    else:
        _line(pdf, labels["certifies_completion"], 12, colour=MUTED)
    size = _fitted_title(pdf, content.course_title, width - 40)
    _line(pdf, content.course_title, size, bold=True, colour=ACCENT, gap=6)
    if content.competences:
        _line(pdf, labels["competences"], 11, bold=True, colour=MUTED, gap=1)
        for competence in content.competences[:6]:
            _line(pdf, f"{competence.code}  {competence.name}", 10.5, gap=0.5)


def certificate_pdf(content: CertificateContent, verify_url: str, paper: Paper) -> bytes:
    """The certificate, in `content.language`, as PDF bytes."""
    with translation.override(content.language):
        labels = _labels(content, verify_url)
    shown = [*labels.values(), content.name, content.course_title, *(c.name for c in content.competences[:6])]
    pdf = _new_document(paper, content.language, "".join(shown))
    pdf.set_title(labels["title"])
    width, height = paper.width, paper.height
    # A double frame, as certificates have.
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, width - 16, height - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, width - 22, height - 22)

    # The body, centred in the space above the footer: measured first by
    # rendering it off the page, then drawn for real.
    footer_top = height - 20 - 36
    with pdf.offset_rendering() as measure:
        measure.set_y(0)
        _body(measure, content, labels, width)
        body_height = measure.get_y()
    pdf.set_y(max(18, (footer_top - body_height) / 2 + 6))
    _body(pdf, content, labels, width)

    # Bottom: the date and code on the left, the QR code on the right.
    qr_size = 34
    bottom = height - 20
    qr.draw(pdf, verify_url, width - 20 - qr_size, bottom - qr_size, qr_size)
    left_width = width - 44 - qr_size - 6
    pdf.set_xy(22, bottom - 30)
    for key, size, line_height, bold, colour in (
        ("completed", 12, 6, True, INK),
        ("code", 10, 5, False, MUTED),
        ("check", 10, 5, False, MUTED),
    ):
        pdf.set_x(22)
        pdf.set_font(LATIN, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(left_width, line_height, _text_for(pdf, labels[key]), new_x="LMARGIN", new_y="NEXT")
    _give_every_glyph_a_reading(pdf)
    return bytes(pdf.output())
