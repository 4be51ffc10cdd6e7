import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.accounts.useragent import UNKNOWN, describe

CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (CHROME_WINDOWS, "Chrome på Windows"),
        (CHROME_WINDOWS + " Edg/141.0.0.0", "Edge på Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox på Linux"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
            "Safari på macOS",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
            "Safari på iOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36",
            "Chrome på Android",
        ),
        ("curl/8.5.0", UNKNOWN),
        ("", UNKNOWN),
    ],
)
def test_it_describes_common_browsers(user_agent, expected):
    assert describe(user_agent) == expected


@given(st.text(max_size=500))
def test_it_never_fails_and_stays_short(user_agent):
    assert 0 < len(describe(user_agent)) <= 40
