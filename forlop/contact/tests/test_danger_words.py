"""danger_words.py: the few clear words for acute danger that make a contact enquiry urgent."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.contact.danger_words import PHRASES, danger_words, mentions_acute_danger


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("jeg har tenkt på å ta livet mitt i kveld", ("ta livet mitt",)),
        ("Jeg har tenkt på å TA  LIVET\nMITT.", ("ta livet mitt",)),
        ("Sønnen min sier han vil ta livet av seg.", ("ta livet av seg",)),
        ("Hun har snakket om å ta livet sitt", ("ta livet sitt",)),
        ("Jeg vil ta livet av meg", ("ta livet av meg",)),
        ("tenker på å ta mitt eget liv", ("ta mitt eget liv",)),
        ("Jeg har hatt selvmordstanker i det siste", ("selvmordstanker",)),
        ("Selvmord", ("selvmord",)),
        ("Eg har tenkt på sjølmord", ("sjølmord",)),
        ("Jeg føler meg suicidal", ("suicidal",)),
        ("Jeg er redd han har tatt en overdose", ("overdose",)),
        ("Overdosen for to uker siden skremte meg", ("overdosen",)),
        ("jeg vil ikke leve lenger", ("vil ikke leve",)),
        ("eg vil ikkje leve meir", ("vil ikkje leve",)),
        ("Jeg orker ikke å leve sånn", ("orker ikke å leve",)),
        ("jeg orker ikke leve", ("orker ikke leve",)),
        ("Jeg vil avslutte livet", ("avslutte livet",)),
        ("I want to kill myself", ("kill myself",)),
        ("I want to end my life", ("end my life",)),
        ("Sometimes I want to die", ("want to die",)),
        # Negation is not read, on purpose: a coordinator would rather look once too often.
        ("Jeg har aldri tenkt på selvmord", ("selvmord",)),
        ("Jeg vil ikke leve sånn lenger", ("vil ikke leve",)),
        # Each phrase once, in the order it first appears.
        ("Selvmord. Overdose. selvmord igjen", ("selvmord", "overdose")),
    ],
)
def test_it_finds_clear_words_for_acute_danger(message, found):
    assert danger_words(message) == found
    assert mentions_acute_danger(message)


@pytest.mark.parametrize(
    "message",
    [
        "Jeg drikker mer enn jeg vil, og lurer på om avrusning hjemme er mulig.",
        "Jeg vil ta livet mitt tilbake.",
        "Jeg vil ta tilbake livet mitt",
        "Rusen har tatt livet mitt fra meg, men nå vil jeg leve uten.",
        "Livet mitt har blitt mye bedre det siste året.",
        "Jeg vil leve et liv uten alkohol.",
        "Jeg vil ikke leve et liv der alt handler om piller.",
        "Hvor stor dose Sobril er vanlig ved nedtrapping?",
        "Kan dere ringe meg i morgen?",
        "Min mor drikker hver dag og har hatt kramper.",
        "Jeg er lei av å ta livet så tungt.",
        "",
    ],
)
def test_ordinary_text_is_not_a_false_alarm(message):
    assert danger_words(message) == ()
    assert not mentions_acute_danger(message)


def test_the_list_stays_small():
    assert len(PHRASES) <= 12


@given(st.text(max_size=300))
def test_any_text_is_read_without_error_and_adding_text_never_removes_a_hit(text):
    found = danger_words(text)
    assert isinstance(found, tuple)
    assert set(danger_words("selvmord " + text)) >= {"selvmord"}
    assert set(danger_words(text + " … overdose")) >= {"overdose"}
