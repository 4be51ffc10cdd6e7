"""A short, human description of a browser ("Firefox på Linux") from its User-Agent header.

We keep this instead of the full header: enough for "was this you?" in an email and the login log, and it
does not fingerprint anyone. Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
"""

BROWSERS: tuple[tuple[str, str], ...] = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)

SYSTEMS: tuple[tuple[str, str], ...] = (
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)

UNKNOWN = "ukjent nettleser"


def describe(user_agent: str) -> str:
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} på {system}"
    return browser or system or UNKNOWN
