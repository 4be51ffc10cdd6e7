"""Portrait uploads: check that the bytes are a real JPEG, PNG or WebP picture, turn it upright, shrink it
and write a fresh JPEG that carries nothing but pixels (no EXIF, GPS, camera or editing metadata)."""

import io
import warnings
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
# A 5 MB file can still unpack to an enormous bitmap (a "decompression bomb"); real portraits are far below.
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
OUTPUT_FORMAT = "JPEG"
OUTPUT_CONTENT_TYPE = "image/jpeg"
OUTPUT_SUFFIX = "jpg"
JPEG_QUALITY = 85

TOO_LARGE = _("Bildet er for stort. Det kan være på høyst 5 MB.")
NOT_AN_IMAGE = _("Filen er ikke et bilde vi kan lese. Last opp et bilde i JPEG-, PNG- eller WebP-format.")
WRONG_FORMAT = _("Bildet må være i JPEG-, PNG- eller WebP-format.")
TOO_MANY_PIXELS = _("Bildet har for mange piksler. Last opp et mindre bilde.")


def process_portrait(upload: IO[bytes], *, size: int | None = None) -> bytes:
    """The cleaned JPEG bytes, or ValidationError with a message for the person uploading."""
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")

    with warnings.catch_warnings():
        # Pillow warns (and then refuses) on huge images; our own pixel limit below is lower and clearer.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                probe.verify()  # structure and checksums, without decoding the pixels
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ) as exc:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from exc
        if image_format not in ACCEPTED_FORMATS:
            raise ValidationError(WRONG_FORMAT, code="wrong_format")
        if width * height > MAX_PIXELS:
            raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                return _clean_jpeg(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from exc


def _clean_jpeg(image: Image.Image) -> bytes:
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    rgba = upright.convert("RGBA")
    # A new image holds only pixels: no info dict, no EXIF, no ICC profile, no XMP. Transparency becomes white.
    clean = Image.new("RGB", rgba.size, (255, 255, 255))
    clean.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    clean.save(out, OUTPUT_FORMAT, quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()
