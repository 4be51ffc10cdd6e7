import json

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from forlop.lib import jsonbody


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.sampled_from('[]{}"\\ab,:\n')),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(alphabet=st.sampled_from('[]{}"\\a')), children, max_size=3)
    ),
    max_leaves=30,
)


@given(json_values, st.integers(min_value=1, max_value=8))
def test_the_flat_depth_scan_agrees_with_the_nesting(value, limit):
    # Brackets inside strings (escaped quotes included) never count.
    assert jsonbody.too_deep(json.dumps(value), limit) == (depth(value) > limit)


@given(st.binary(max_size=300))
def test_any_bytes_are_a_value_or_a_body_error(raw):
    try:
        jsonbody.parse(raw, max_depth=4)
    except jsonbody.BodyError:
        pass


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b"[" * 10_000, 400, "nivåer"),
        (b'{"a":' * 10_000, 400, "nivåer"),
        (b'"\xff"', 400, "UTF-8"),
        (b"{", 400, "gyldig JSON"),
        (b"1" * 5000, 400, "gyldig JSON"),  # an integer over Python's digit limit
        (b" " * (jsonbody.MAX_BYTES + 1), 413, "for stort"),
    ],
)
def test_it_refuses_what_would_hurt_with_a_norwegian_reason(raw, status, words):
    with pytest.raises(jsonbody.BodyError) as refused:
        jsonbody.parse(raw)
    assert refused.value.status == status and words in str(refused.value.message)


def test_it_reads_ordinary_json_and_nesting_up_to_the_limit():
    assert jsonbody.parse(b'{"a": [1, "[[[["]}') == {"a": [1, "[[[["]}
    assert jsonbody.parse(b"[" * jsonbody.MAX_DEPTH + b"]" * jsonbody.MAX_DEPTH) is not None


def test_a_request_announcing_too_much_is_refused_before_it_is_read():
    request = RequestFactory().post("/", data=b"{}", content_type="application/json")
    request.META["CONTENT_LENGTH"] = str(10 * 1024 * 1024)
    with pytest.raises(jsonbody.BodyTooLarge):
        jsonbody.read(request)


def test_an_empty_body_is_none():
    assert jsonbody.read(RequestFactory().post("/", data=b"", content_type="application/json")) is None
