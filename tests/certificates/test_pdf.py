"""The certificate PDF: in the learner's language, with the fonts of its
script embedded, on A4 or Letter, and a QR code that leads to verification.
The text is read back out of the PDF, as a screen reader, a search or a
copy-and-paste would read it."""

import io
import unicodedata

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.utils import translation

from accounts.models import LearnerProfile
from courses.models import Certificate

from ..conftest import publish
from .conftest import complete_course

pytestmark = pytest.mark.django_db

# language: (display name, course title, competence name, font that must be embedded)
SAMPLES = {
    "en": ("Aina Binti Yusof", "Check before you share", "Evaluating information", "NotoSans"),
    "vi": ("Nguyễn Thị Bình", "Kiểm tra trước khi chia sẻ", "Đánh giá thông tin", "NotoSans"),
    "th": ("สมชาย ใจดี", "ตรวจสอบก่อนแชร์", "การประเมินข้อมูล", "NotoSansThaiLooped"),
    "km": ("សុខា ចាន់", "ពិនិត្យមុនពេលចែករំលែក", "ការវាយតម្លៃព័ត៌មាន", "NotoSansKhmer"),
    "lo": ("ສົມພອນ", "ກວດສອບກ່ອນແບ່ງປັນ", "ການປະເມີນຂໍ້ມູນ", "NotoSansLaoLooped"),
    "my": ("အောင်ကျော်", "မမျှဝေမီ စစ်ဆေးပါ", "သတင်းအချက်အလက် အကဲဖြတ်ခြင်း", "NotoSansMyanmar"),
}


def squeezed(text):
    """Text without spaces, line breaks and invisible characters: a PDF
    stores positioned glyphs, not words, so a reader guesses spaces from the
    gaps between them, and a glyph HarfBuzz adds inside a cluster (a Khmer
    vowel's second part) reads as an invisible WORD JOINER (pdf.py). Every
    visible character must still be there, in order: a stray '"' or '&'
    where a glyph went unmapped fails the test."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Zs", "Zl", "Zp", "Cc", "Cf"))


@pytest.fixture
def certificate_in(client, learner, course, competences, translate_course):
    """certificate_in("km") -> the PDF bytes of the learner's certificate, the
    course taken in Khmer, downloaded from the Khmer site."""

    def make(language, paper="a4"):
        name, title, competence_name, _font = SAMPLES[language]
        course_page, lessons = course
        course_page.competences.set(competences)
        publish(course_page)
        if language != "en":
            course_page, lessons = translate_course(course_page, lessons, language)
            course_page.refresh_from_db()  # it has children now: a stale copy would save it without them
            course_page.title = title
            publish(course_page)
            translated = competences[0].copy_for_translation(course_page.locale)
            translated.name = competence_name
            translated.save()
        LearnerProfile.objects.filter(user=learner).update(display_name=name, preferred_language=language)
        client.force_login(learner)
        complete_course(client, course_page, lessons, language)
        certificate = Certificate.objects.get(user=learner)
        response = client.get(f"/{language}/certificates/{certificate.code}/certificate-{paper}.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        return certificate, response.content

    return make


def embedded_fonts(reader):
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {}
    for font in fonts.values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        names[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    return names


@pytest.mark.parametrize("language", list(SAMPLES))
def test_the_pdf_reads_back_in_the_learners_language_and_script(certificate_in, language):
    name, title, competence_name, font = SAMPLES[language]
    certificate, pdf = certificate_in(language)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = squeezed(reader.pages[0].extract_text())
    with translation.override(language):
        heading = translation.gettext("Certificate of completion")
    if language != "en":
        assert heading != "Certificate of completion", "the catalogue has no translation"
    for expected in (heading, name, title, competence_name, "1.2", certificate.code[:5]):
        assert squeezed(expected) in text, f"{expected!r} not found in {text!r}"
    assert "Checkbeforeyoushare" not in text or language == "en"  # the course in the learner's language, not English
    fonts = embedded_fonts(reader)
    assert any(font in base and embedded for base, embedded in fonts.items()), fonts
    assert reader.metadata.title and squeezed(title) in squeezed(reader.metadata.title)


@pytest.mark.parametrize("paper, size_in_points", [("a4", (841.89, 595.28)), ("letter", (792.0, 612.0))])
def test_a4_and_letter_landscape(certificate_in, paper, size_in_points):
    _certificate, pdf = certificate_in("en", paper)
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == tuple(round(v, 1) for v in size_in_points)


def test_the_qr_code_on_the_pdf_leads_to_the_verification_page(certificate_in, client):
    certificate, pdf = certificate_in("th")
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil()
    found = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert found == [f"http://testserver/verify/{certificate.code}/"]
    client.logout()
    landing = client.get(found[0].removeprefix("http://testserver"), HTTP_ACCEPT_LANGUAGE="th", follow=True)
    assert landing.status_code == 200 and "ตรวจสอบก่อนแชร์" in landing.content.decode()


def test_the_pdf_is_small_enough_for_a_slow_connection(certificate_in):
    _certificate, pdf = certificate_in("km")
    assert len(pdf) < 60_000  # only the fonts needed, and of those only the glyphs used


@pytest.mark.parametrize(
    "language, name, title",
    [("vi", "Nguyễn Thị Lan", "Kỹ năng học trực tuyến"), ("en", "Zoë Ọmọlọ́lá", "Check before you share")],
)
def test_latin_and_vietnamese_text_reads_back_clean(certificate_in, monkeypatch, language, name, title):
    """Letters with a dot below (ị, ọ) read back as themselves: no invisible
    character inside a word, so searching and copying the PDF work (issue 21)."""
    monkeypatch.setitem(SAMPLES, language, (name, title, *SAMPLES[language][2:]))
    _certificate, pdf = certificate_in(language)
    texts = {
        "pypdf": pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(),
        "pdfium": pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range(),
    }
    for reader, text in texts.items():
        text = unicodedata.normalize("NFC", text)
        assert not [c for c in text if unicodedata.category(c) == "Cf"], (reader, text)
        assert name in " ".join(text.split()), (reader, text)
        assert title in " ".join(text.split()), (reader, text)
