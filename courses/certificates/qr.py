"""The QR code that leads from a certificate to its verification page, made by
segno (pure Python, no image library): inline SVG for the page, rectangles
drawn straight into the PDF, so it stays sharp at any print size."""

import segno
from django.utils.safestring import mark_safe

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def make(url):
    return segno.make(url, error="m", micro=False)


def svg(url):
    """The code as an inline <svg> (no script, no style: the page's CSP holds)."""
    return mark_safe(make(url).svg_inline(scale=4, border=QUIET_ZONE, dark="#000", light="#fff", omitsize=True))


def draw(pdf, url, x, y, size):
    """Draws the code into an fpdf2 page, `size` wide and high at (x, y)."""
    code = make(url)
    rows = [list(row) for row in code.matrix]
    module = size / (len(rows) + 2 * QUIET_ZONE)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules: a smaller file than one per module
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(
                    x + (QUIET_ZONE + start) * module,
                    y + (QUIET_ZONE + r) * module,
                    (c - start) * module,
                    module,
                    style="F",
                )
            else:
                c += 1
