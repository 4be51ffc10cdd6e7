"""The modules' text: enough modules on the topics the issue names, each with a title, text and at least one
exercise, no placeholders, help numbers only from forlop/lib/crisis.py, and the tolerance rules of triage.md."""

import re

import pytest

from forlop.care.modules import catalog

MODULES = catalog.all_modules()
PLACEHOLDER = re.compile(r"lorem|ipsum|\bTODO\b|\bXXX\b|\bFIXME\b|\bTBD\b", re.IGNORECASE)


def test_it_has_at_least_eight_modules_on_the_topics_the_issue_names():
    assert len(MODULES) >= 8
    assert {"motivasjon", "triggere", "suget", "sovn", "mestring", "tilbakefall", "toleranse"} <= set(
        catalog.slugs()
    )
    assert catalog.CRAVING_SLUG in catalog.slugs()


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.slug)
def test_it_gives_every_module_a_title_text_and_one_to_three_exercises(module):
    assert module.title.strip() and module.summary.strip()
    text = [part.html for part in module.parts if part.html]
    assert sum(len(html) for html in text) > 2000
    assert 1 <= len(module.exercises) <= 3
    for exercise in module.exercises:
        assert exercise.title.strip() and len(exercise.prompt_html) > 40
    assert 5 <= module.minutes <= 12


@pytest.mark.parametrize("path", sorted(catalog.CONTENT_DIR.glob("*.md")), ids=lambda p: p.name)
def test_it_contains_no_placeholder_and_writes_help_numbers_only_as_tokens(path):
    source = path.read_text(encoding="utf-8")
    assert not PLACEHOLDER.search(source)
    # The numbers themselves come from forlop/lib/crisis.py, so a change there reaches every module.
    assert not re.search(r"\b(113|116 ?117|116 ?123|08588|22 ?59 ?13 ?00)\b", source)


def test_it_renders_help_numbers_as_phone_links_from_the_crisis_module():
    from forlop.lib.crisis import EMERGENCY

    html = "".join(part.html for part in catalog.get("toleranse").parts)
    assert f'<a href="{EMERGENCY.tel}">{EMERGENCY.number}</a>' in html


def test_it_refuses_a_file_with_an_unknown_token_or_an_exercise_without_a_title():
    with pytest.raises(catalog.ContentError):
        catalog.parse("x", "---\ntitle: T\nsummary: S\norder: 1\n---\nRing {ukjent}.\n")
    with pytest.raises(catalog.ContentError):
        catalog.parse(
            "x", "---\ntitle: T\nsummary: S\norder: 1\n---\nTekst\n\n::: exercise a\nIngen tittel\n:::\n"
        )


def test_it_keeps_the_tolerance_module_to_the_opioid_rule_in_triage_md():
    text = catalog.get("toleranse").source.lower()
    assert "overdose etter en pause" in text
    assert "nalokson nesespray" in text and "aldri alene" in text
    assert "ghb" in text and "benzodiazepiner" in text
    assert "sjelden farlige i seg selv" in text
    assert "kramp" not in text  # never say opioid withdrawal causes seizures


def test_it_tells_the_sleep_module_reader_not_to_stop_sleeping_pills_abruptly():
    text = catalog.get("sovn").source.lower()
    assert "ikke slutt brått" in text and "legen" in text


def test_it_keeps_the_same_exercise_keys_in_every_translation():
    for path in catalog.CONTENT_DIR.glob("*.md"):
        slug, language, _md = path.name.rsplit(".", 2)
        if language == catalog.DEFAULT_LANGUAGE or slug.startswith("_"):
            continue
        translated = catalog.parse(slug, path.read_text(encoding="utf-8"))
        assert [e.key for e in translated.exercises] == [e.key for e in catalog.get(slug).exercises]


def test_it_has_a_craving_guide_for_the_help_now_ladder():
    guide = catalog.guide()
    assert "20–30 minutter" in guide.source and guide.title
