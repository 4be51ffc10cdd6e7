import io
from itertools import count

import pytest
from PIL import Image

from forlop.therapists.models import FocusArea, Language, MeetingMode, Method, Profession, Therapist

_numbers = count(1)


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
    def make(
        *,
        focus: tuple[str, ...] = ("alkohol",),
        methods: tuple[str, ...] = ("kognitiv_terapi",),
        languages: tuple[str, ...] = ("nb",),
        modes: tuple[str, ...] = ("video",),
        **fields,
    ) -> Therapist:
        n = next(_numbers)
        values = {
            "name": f"Terapeut Nummer{n}",
            "slug": f"terapeut-{n}",
            "status": Therapist.Status.PUBLISHED,
            "profession": Profession.PSYKOLOG,
            "hpr_number": "1234567",
            "bio_short": "Jeg hjelper deg med å finne en vei videre.",
            "bio_long": "Første avsnitt.\n\nAndre avsnitt.",
            "gender": "kvinne",
        }
        values.update(fields)
        therapist = Therapist.objects.create(**values)
        therapist.focus_areas.set(FocusArea.objects.filter(key__in=focus))
        therapist.methods.set(Method.objects.filter(key__in=methods))
        therapist.languages.set(Language.objects.filter(key__in=languages))
        therapist.meeting_modes.set(MeetingMode.objects.filter(key__in=modes))
        return therapist

    return make
