import io

import pytest
from PIL import Image

from forlop.therapists.testing import make_therapist as shared_make_therapist


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded portraits go to a throwaway folder, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (1600, 1200), **save_args) -> bytes:
    mode = "RGBA" if fmt in ("PNG", "WEBP") else "RGB"
    image = Image.new(mode, size, (200, 120, 40) + ((255,) if mode == "RGBA" else ()))
    # A marker in one corner, so tests can tell whether the picture was turned upright.
    for x in range(size[0] // 10):
        for y in range(size[1] // 10):
            image.putpixel((x, y), (0, 0, 255) + ((255,) if mode == "RGBA" else ()))
    out = io.BytesIO()
    image.save(out, fmt, **save_args)
    return out.getvalue()


@pytest.fixture
def make_therapist(db):
    return shared_make_therapist
