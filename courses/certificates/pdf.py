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
    name: str
    width: float  # millimetres, landscape
    height: float


PAPERS = {"a4": Paper("A4", 297, 210), "letter": Paper("Letter", 279.4, 215.9)}

# (family, file stem): the first covers Latin; the rest are tried in turn for
# any character it lacks.
FONTS = [
    ("noto-latin", "noto-sans-latin"),
    ("noto-latin-ext", "noto-sans-latin-ext"),
    ("noto-vietnamese", "noto-sans-vietnamese"),
    ("noto-thai", "noto-sans-thai-looped-thai"),
    ("noto-khmer", "noto-sans-khmer-khmer"),
    ("noto-lao", "noto-sans-lao-looped-lao"),
    ("noto-myanmar", "noto-sans-myanmar-myanmar"),
]
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


def _new_document(paper: Paper, language: str) -> FPDF:
    pdf = FPDF(orientation="landscape", unit="mm", format=(paper.height, paper.width))
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    for family, stem in FONTS:
        pdf.add_font(family, "", _font_path(stem, 400))
        pdf.add_font(family, "B", _font_path(stem, 700))
    pdf.set_fallback_fonts([family for family, _ in FONTS[1:]], exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_lang(language)
    pdf.set_creator(settings.WAGTAIL_SITE_NAME)
    pdf.set_author(settings.WAGTAIL_SITE_NAME)
    pdf.add_page()
    return pdf


def _line(pdf, text, size, bold=False, colour=INK, gap=2.0):
    """One centred paragraph, wrapped at spaces if it is wider than the page."""
    pdf.set_font(FONTS[0][0], "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _fitted_title(pdf, text, width, largest=24, smallest=15):
    """The largest size from `largest` down at which `text` fits on one line;
    `smallest` (and wrapping) when none does. Scripts written without spaces
    (Thai, Khmer, Lao, Burmese) wrap badly, so a smaller single line is better."""
    pdf.set_font(FONTS[0][0], "B", largest)
    for size in range(largest, smallest - 1, -1):
        pdf.set_font_size(size)
        if pdf.get_string_width(text) <= width:
            return size
    return smallest


def _body(pdf, content, width):
    _line(pdf, settings.WAGTAIL_SITE_NAME, 14, bold=True, colour=ACCENT, gap=3)
    _line(pdf, _("Certificate of completion"), 26, bold=True, gap=8)
    if content.name:
        _line(pdf, _("This certifies that"), 12, colour=MUTED)
        _line(pdf, content.name, 24, bold=True, gap=3)
        _line(pdf, _("has completed the course"), 12, colour=MUTED)
    else:
        _line(pdf, _("This certifies the completion of the course"), 12, colour=MUTED)
    size = _fitted_title(pdf, content.course_title, width - 40)
    _line(pdf, content.course_title, size, bold=True, colour=ACCENT, gap=6)
    if content.competences:
        _line(pdf, _("Competences covered"), 11, bold=True, colour=MUTED, gap=1)
        for competence in content.competences[:6]:
            _line(pdf, f"{competence.code}  {competence.name}", 10.5, gap=0.5)


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


def certificate_pdf(content: CertificateContent, verify_url: str, paper: Paper) -> bytes:
    """The certificate, in `content.language`, as PDF bytes."""
    with translation.override(content.language):
        pdf = _new_document(paper, content.language)
        pdf.set_title(_("Certificate of completion: %(course)s") % {"course": content.course_title})
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
            _body(measure, content, width)
            body_height = measure.get_y()
        pdf.set_y(max(18, (footer_top - body_height) / 2 + 6))
        _body(pdf, content, width)

        # Bottom: the date and code on the left, the QR code on the right.
        qr_size = 34
        bottom = height - 20
        qr.draw(pdf, verify_url, width - 20 - qr_size, bottom - qr_size, qr_size)
        pdf.set_xy(22, bottom - 30)
        left_width = width - 44 - qr_size - 6
        pdf.set_font(FONTS[0][0], "B", 12)
        pdf.set_text_color(*INK)
        completed = _("Completed on %(date)s") % {"date": date_format(content.issued_at, "DATE_FORMAT")}
        pdf.multi_cell(left_width, 6, completed, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(22)
        pdf.set_font(FONTS[0][0], "", 10)
        pdf.set_text_color(*MUTED)
        code_line = _("Certificate code: %(code)s") % {"code": content.display_code}
        pdf.multi_cell(left_width, 5, code_line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(22)
        check_line = _("Check that it is genuine: scan the QR code or open %(url)s") % {"url": verify_url}
        pdf.multi_cell(left_width, 5, check_line, new_x="LMARGIN", new_y="NEXT")
        _give_every_glyph_a_reading(pdf)
        return bytes(pdf.output())
