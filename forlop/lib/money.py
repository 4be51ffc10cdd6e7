"""Money is whole øre (int). Shown as Norwegian kroner: 49500 -> "495 kr", 1234550 -> "12 345,50 kr"."""


def format_nok(ore: int) -> str:
    kroner, rest = divmod(abs(ore), 100)
    grouped = f"{kroner:,}".replace(",", "\u00a0")
    sign = "-" if ore < 0 else ""
    if rest:
        return f"{sign}{grouped},{rest:02d}\u00a0kr"
    return f"{sign}{grouped}\u00a0kr"
