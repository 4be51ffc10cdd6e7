"""The course texts and the children material: every file parses, every lesson is complete, no number is
written out (they come from forlop/lib/crisis.py), and the parser refuses what it cannot show safely."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.lib import crisis
from forlop.relatives.craft import content
from forlop.relatives.craft.text import ContentError, parse

PLACEHOLDERS = re.compile(r"todo|fixme|tbd|lorem|ipsum|xxx|\?\?\?|\{\{|\}\}|\[\[|<[a-z]", re.IGNORECASE)
PHONE_NUMBER = re.compile(r"\d{3}")

SLUGS = [
    "sikkerhet-forst",
    "forsta-monsteret",
    "positiv-kommunikasjon",
    "belonn-rusfri-tid",
    "naturlige-konsekvenser",
    "ta-vare-pa-deg-selv",
    "invitere-til-behandling",
]


def test_it_has_the_seven_craft_lessons_in_order():
    lessons = content.lessons("nb")
    assert [lesson.slug for lesson in lessons] == SLUGS
    assert [lesson.number for lesson in lessons] == list(range(1, 8))


@pytest.mark.parametrize("lesson", content.lessons("nb"), ids=lambda lesson: lesson.slug)
def test_every_lesson_has_a_title_text_and_an_exercise_and_takes_five_to_ten_minutes(lesson):
    assert lesson.title and lesson.summary
    assert 5 <= lesson.minutes <= 10
    words = len(lesson.plain().split())
    assert words >= 250, f"{lesson.slug}: only {words} words"
    assert 1 <= len(lesson.exercises) <= 2
    assert all(len(block.line[0].text.strip()) > 20 for block in lesson.exercises)
    assert any(block.kind == "paragraph" for block in lesson.blocks)


@pytest.mark.parametrize(
    "text", [*content.lessons("nb"), *content.children("nb")], ids=lambda text: f"{text.number}-{text.slug}"
)
def test_no_text_has_placeholders_markup_or_numbers_written_out(text):
    everything = " ".join([text.title, text.summary, text.plain()])
    assert not PLACEHOLDERS.search(everything)
    assert not PHONE_NUMBER.search(everything), "help numbers come from [[KEY]], never written out"


def test_the_safety_lesson_names_113_116_117_and_the_childrens_line_from_the_crisis_module():
    first = content.lessons("nb")[0]
    named = {segment.contact for block in first.blocks for line in block.lines for segment in line}
    assert {crisis.EMERGENCY, crisis.LEGEVAKT, content.CONTACTS["CHILDREN_LINE"]} <= named


def test_each_contact_key_is_the_service_it_says():
    numbers = {key: contact.number for key, contact in content.CONTACTS.items()}
    assert numbers == {
        "EMERGENCY": "113",
        "LEGEVAKT": "116 117",
        "POLICE": "112",
        "POISON": "22 59 13 00",
        "MENTAL_HELSE": "116 123",
        "RUSINFO": "08588",
        "CHILDREN_LINE": "116 111",
    }


def test_the_children_material_has_three_age_groups_and_where_children_get_help():
    texts = content.children("nb")
    assert [t.title for t in texts[:3]] == ["Barn under 6 år", "Barn fra 6 til 12 år", "Tenåringer"]
    help_text = texts[3].plain().lower()
    assert "helsesykepleier" in help_text
    assert content.CONTACTS["CHILDREN_LINE"] in {
        s.contact for b in texts[3].blocks for ln in b.lines for s in ln
    }


def test_a_language_without_its_own_file_falls_back_to_bokmal():
    assert [lesson.slug for lesson in content.lessons("en")] == SLUGS


CONTACTS = {"EMERGENCY": "113-contact"}


def test_it_parses_headings_paragraphs_lists_exercises_and_contacts():
    text = parse(
        "title: T\nminutes: 5\nsummary: S\n\n## Heading\nOne line\nand the next.\n- a\n- b [[EMERGENCY]]\n"
        "?? key: Why?\n",
        name="1-test.nb.md",
        contacts=CONTACTS,
    )
    assert [b.kind for b in text.blocks] == ["heading", "paragraph", "list", "exercise"]
    assert text.blocks[1].line[0].text == "One line and the next."
    assert text.blocks[2].lines[1][1].contact == "113-contact"
    assert text.exercises[0].key == "key"


@pytest.mark.parametrize(
    "source",
    [
        "minutes: 5\n\nText",  # no title
        "title: T\nminutes: five\n\nText",
        "title: T\nminutes: 5\n\nCall [[NOBODY]]",  # unknown contact
        "title: T\nminutes: 5\n\nCall [[emergency]]",  # a misspelt contact is not shown raw
        "title: T\nminutes: 5\n\n?? a: One?\n?? a: Two?",  # key twice
        "title: T\nminutes: 5\n\n<script>alert(1)</script>",
        "title: T\nminutes: 5\n\n# Top heading",
        "title: T\nminutes: 5\n\n?? Not keyed?",
        "title: T\nminutes: 5\n",  # no text
    ],
)
def test_it_refuses_a_file_that_does_not_follow_the_format(source):
    with pytest.raises(ContentError):
        parse(source, name="1-test.nb.md", contacts=CONTACTS)


def test_it_refuses_a_badly_named_file():
    with pytest.raises(ContentError):
        parse("title: T\nminutes: 5\n\nText", name="lesson.md", contacts=CONTACTS)


@given(st.text(max_size=400))
def test_any_text_either_parses_or_is_refused_with_a_content_error(body):
    try:
        text = parse("title: T\nminutes: 5\n\n" + body, name="1-test.nb.md", contacts=CONTACTS)
    except ContentError:
        return
    for block in text.blocks:
        for line in block.lines:
            assert all(segment.text or segment.contact for segment in line)
            assert not any("[[" in segment.text for segment in line)
