"""Image uploads in the admin: Pillow must recognise the file, it must be one
of the allowed formats and under the size cap; anything else is refused with
a clear message and nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db
Image = get_image_model()


def png_bytes(size=(40, 30), noise=False):
    buffer = io.BytesIO()
    image = PILImage.effect_noise(size, 100).convert("RGB") if noise else PILImage.new("RGB", size, (200, 30, 30))
    image.save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_a_real_image_is_accepted(staff_client):
    response = upload(staff_client, "scam-sms.png", png_bytes())
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 30)


def test_a_file_pretending_to_be_an_image_is_refused_clearly(staff_client):
    response = upload(staff_client, "not-really.png", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert "Not a valid .png image" in response.content.decode()
    assert not Image.objects.exists()


def test_svg_and_other_formats_are_refused(staff_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = upload(staff_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not Image.objects.exists()


def test_images_over_the_size_cap_are_refused_with_the_limit_named(staff_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024  # the real cap is 5 MB; a small one keeps the test fast
    big = png_bytes((200, 200), noise=True)
    assert len(big) > 10 * 1024
    response = upload(staff_client, "big.png", big)
    assert response.status_code == 200
    assert (
        "This file is too big" in response.content.decode()
        and "Maximum filesize 10.0\xa0KB" in response.content.decode()
    )
    assert not Image.objects.exists()


def test_the_real_cap_is_five_megabytes_and_forty_megapixels(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
