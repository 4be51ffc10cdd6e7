"""Norwegian-only content inside pages in another language (the English site under /en/).

Articles, therapists' own texts, consultation type names and the course lessons are written in Norwegian
only. On an English page, `{% nb_lang %}` marks their element `lang="nb"` (so screen readers pronounce them
as Norwegian and browsers hyphenate and translate them correctly), and `{% norwegian_only_note "article" %}`
says once, in the page's language, that the text is Norwegian. On Norwegian pages both write nothing.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

NOTES = {
    "article": _("Artikkelen er bare skrevet på norsk."),
    "articles": _("Artiklene våre er skrevet på norsk."),
    "therapist": _("Terapeuten har skrevet presentasjonen sin på norsk."),
    "therapists": _("Terapeutene har skrevet presentasjonene sine på norsk."),
    "consultation_types": _("Navnene og beskrivelsene av timetypene står på norsk."),
    "course": _("Kurset og e-postene i det er på norsk."),
}


def page_is_norwegian() -> bool:
    return (translation.get_language() or "nb").split("-")[0] in {"nb", "no", "nn"}


@register.simple_tag
def nb_lang() -> str:
    """` lang="nb"` for an element whose text exists only in Norwegian, when the page is in another language."""
    return "" if page_is_norwegian() else mark_safe(' lang="nb"')  # noqa: S308 - a constant


@register.simple_tag
def norwegian_only_note(kind: str) -> SafeString | str:
    """A short note, in the page's language, that the content that follows is in Norwegian."""
    if page_is_norwegian():
        return ""
    return format_html('<p class="language-note">{}</p>', NOTES[kind])
