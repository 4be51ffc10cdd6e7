"""The rate limits' one conditional write: exact per window, per scope and key, and cheap."""

from datetime import UTC, datetime, timedelta

import pytest

from forlop.core.models import RateLimitCounter
from forlop.core.services import clear, consume, is_exhausted, refund, window_of

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
AT = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


def take(n: int, *, key: str = "a", limit: int = 3, at: datetime = AT, scope: str = "contact") -> list[bool]:
    return [consume(scope=scope, key=key, limit=limit, window=HOUR, now=at) for _ in range(n)]


def test_it_lets_the_limit_through_and_refuses_the_rest():
    assert take(5) == [True, True, True, False, False]


def test_a_refused_attempt_is_not_counted():
    take(10)
    assert RateLimitCounter.objects.get().count == 3


def test_each_key_and_scope_has_its_own_count():
    take(3)
    assert take(1, key="b") == [True]
    assert take(1, scope="course_signup") == [True]


def test_the_next_window_starts_from_nothing():
    take(3)
    assert take(1, at=AT.replace(minute=59, second=59)) == [False]
    assert take(1, at=AT.replace(hour=11, minute=0)) == [True]


def test_windows_are_aligned_to_the_clock():
    assert window_of(at=AT, window=HOUR) == (AT.replace(minute=0), AT.replace(hour=11, minute=0))
    quarter = timedelta(minutes=15)
    assert window_of(at=AT.replace(minute=29, second=59), window=quarter)[0] == AT


def test_a_limit_of_zero_refuses_everything():
    assert take(2, limit=0) == [False, False]
    assert not RateLimitCounter.objects.exists()


def test_refund_gives_back_one_attempt_and_never_goes_below_zero():
    take(3)
    refund(scope="contact", key="a", window=HOUR, now=AT)
    assert take(2) == [True, False]
    clear(scope="contact", key="a")
    refund(scope="contact", key="a", window=HOUR, now=AT)
    assert not RateLimitCounter.objects.exists()


def test_is_exhausted_only_reads():
    assert not is_exhausted(scope="contact", key="a", limit=3, window=HOUR, now=AT)
    take(3)
    assert is_exhausted(scope="contact", key="a", limit=3, window=HOUR, now=AT)
    assert RateLimitCounter.objects.get().count == 3


def test_clear_forgets_every_window_of_one_key():
    take(3)
    take(3, at=AT - HOUR)
    take(1, key="b")
    clear(scope="contact", key="a")
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["b"]


def test_each_attempt_is_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        consume(scope="contact", key="a", limit=3, window=HOUR, now=AT)
    with django_assert_num_queries(1):
        consume(scope="contact", key="a", limit=3, window=HOUR, now=AT)
