"""The list headers are folded only at whitespace, never encoded (forlop/outbox/headers.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.outbox import headers

URL_CHARS = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="<>,"),
    min_size=1,
    max_size=120,
)


@given(st.lists(URL_CHARS, min_size=1, max_size=5))
def test_folding_keeps_every_url_whole_and_unfolds_to_the_same_value(urls):
    value = ", ".join(f"<{url}>" for url in urls)

    folded = headers.fold("List-Unsubscribe", value)

    lines = f"List-Unsubscribe: {folded}".split("\n")
    assert " ".join(line.strip() for line in lines) == f"List-Unsubscribe: {value}"
    for line in lines:
        # Over 78 characters only when one URL alone is that long.
        assert len(line) <= 78 or " " not in line.strip().removeprefix("List-Unsubscribe: ")
    assert all(line.startswith(" ") for line in lines[1:])


def test_a_short_header_stays_on_one_line():
    assert headers.fold("List-Unsubscribe-Post", "List-Unsubscribe=One-Click") == "List-Unsubscribe=One-Click"


def test_a_url_too_long_for_any_header_line_is_refused():
    with pytest.raises(ValueError, match="too long"):
        headers.check("List-Unsubscribe", "<https://forlop.example/" + "a" * 1000 + ">")


def test_other_headers_are_not_the_outbox_s_business():
    headers.check("X-Note", "Påmelding")  # no error: the email package encodes it as usual
