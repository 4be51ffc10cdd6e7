"""When staff will answer an enquiry, said honestly for the moment it arrives, and what to do until then.

Pure: no ORM and no clock. `reply_promise(now, hours)` takes an aware `now`; `configured_hours()` reads the
practice's staffed hours from settings (`PRACTICE_HOURS`, `PRACTICE_SAME_DAY_REPLY_UNTIL`) and is the only
part that looks outside its arguments.

Rules, exactly
--------------
1. Staff read and answer enquiries on working days (`workdays.is_working_day`: Monday to Friday, except
   Norwegian public holidays) between `opens` and `closes`, Europe/Oslo wall-clock time. `now` is turned
   into that time first, so the DST days need no special care: 2026-03-29 and 2026-10-25 are Sundays anyway,
   and a Monday 16:30 is 16:30 whether it is CET or CEST.
2. An enquiry that arrives on a working day before `same_day_until` (default 14:00, so that "today" is a
   promise staff can keep) is answered the same day, by `closes`: "i dag, innen kl. 16".
3. Any later one (after `same_day_until`, in the evening, at a weekend or on a holiday) is answered on the
   next working day, by `closes`: "i morgen, onsdag 9. desember" when that day is tomorrow, else
   "mandag 14. desember".

The phrases are built when they are read, in the active language, so one `ReplyPromise` serves a Norwegian
page, an English page and an email rendered in either.

Until staff answer, the person is pointed to the services that are open when we are not, in the order of
crisis-contacts.md (life-threatening first). The numbers come from `forlop.lib.crisis`, never from here.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forlop.core.templatetags.forlop_dates import weekday_date
from forlop.lib.crisis import EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO, CrisisContact

from .workdays import is_working_day, next_working_day

TODAY, TOMORROW, LATER = "today", "tomorrow", "later"


@dataclass(frozen=True)
class StaffedHours:
    """When someone at the practice reads enquiries, on a working day, in `zone` wall-clock time."""

    opens: time = time(8)
    closes: time = time(16)
    same_day_until: time = time(14)
    zone: str = "Europe/Oslo"

    def __post_init__(self) -> None:
        if not self.opens < self.closes:
            raise ValueError("staffed hours must open before they close")
        if not self.opens <= self.same_day_until <= self.closes:
            raise ValueError("the same-day cut-off must lie within the staffed hours")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


DEFAULT_HOURS = StaffedHours()


def parse_hours(hours: str, same_day_until: str, zone: str) -> StaffedHours:
    """`"08:00-16:00"`, `"14:00"`, `"Europe/Oslo"` → StaffedHours; ValueError with a plain reason if not."""
    opens, sep, closes = hours.partition("-")
    if not sep:
        raise ValueError(f"expected opening and closing time like 08:00-16:00, got {hours!r}")
    try:
        return StaffedHours(
            opens=time.fromisoformat(opens.strip()),
            closes=time.fromisoformat(closes.strip()),
            same_day_until=time.fromisoformat(same_day_until.strip()),
            zone=zone,
        )
    except ValueError as error:
        raise ValueError(f"{hours!r} / {same_day_until!r}: {error}") from None


def configured_hours() -> StaffedHours:
    """The practice's staffed hours from settings; ImproperlyConfigured names the variable that is wrong."""
    try:
        return parse_hours(
            settings.PRACTICE_HOURS, settings.PRACTICE_SAME_DAY_REPLY_UNTIL, settings.TIME_ZONE
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            "PRACTICE_HOURS må se slik ut: 08:00-16:00, og PRACTICE_SAME_DAY_REPLY_UNTIL (for eksempel 14:00) "
            f"må ligge innenfor ({error})."
        ) from None


@dataclass(frozen=True)
class UntilThen:
    """One place to turn to before staff answer: the situation, and whom to call."""

    situation: str | Promise
    contact: CrisisContact


UNTIL_THEN: tuple[UntilThen, ...] = (
    UntilThen(_("Er livet i fare, for eksempel ved overdose, kramper eller tanker om selvmord:"), EMERGENCY),
    UntilThen(_("Haster det, men er ikke livstruende:"), LEGEVAKT),
    UntilThen(_("Trenger du noen å snakke med, hele døgnet:"), MENTAL_HELSE),
    UntilThen(_("Vil du ha anonyme råd om rus eller pengespill:"), RUSINFO),
)


@dataclass(frozen=True)
class ReplyPromise:
    """When staff will have answered (`by`, aware, in the practice's zone) and the words to say it with."""

    received: datetime
    by: datetime
    relation: str  # TODAY, TOMORROW or LATER, seen from the day the enquiry arrived
    hours: StaffedHours

    @property
    def day(self) -> date:
        return self.by.date()

    @property
    def when(self) -> str:
        """Like "i dag, innen kl. 16", "i morgen, onsdag 9. desember" or "mandag 14. desember"."""
        if self.relation == TODAY:
            return gettext("i dag, innen kl. %(time)s") % {"time": clock(self.hours.closes)}
        if self.relation == TOMORROW:
            return gettext("i morgen, %(day)s") % {"day": weekday_date(self.day)}
        return weekday_date(self.day)

    @property
    def sentence(self) -> str:
        """Like "Vi svarer deg mandag 14. desember."."""
        return gettext("Vi svarer deg %(when)s.") % {"when": self.when}

    @property
    def staffed_hours_text(self) -> str:
        return gettext(
            "Vi leser og svarer på meldinger på hverdager mellom kl. %(opens)s og %(closes)s, men ikke i helger "
            "og på helligdager. Vi er ikke en akuttjeneste."
        ) % {"opens": clock(self.hours.opens), "closes": clock(self.hours.closes)}

    @property
    def until_then(self) -> tuple[UntilThen, ...]:
        return UNTIL_THEN

    @property
    def until_then_text(self) -> str:
        """The same advice as one paragraph, for places without a list (an SMS, a short notice)."""
        return gettext(
            "Til vi har svart: Er livet i fare, ring %(emergency)s. Haster det, men er ikke livstruende, ring "
            "legevakten på %(legevakt)s. Trenger du noen å snakke med, kan du ringe Mental Helse "
            "Hjelpetelefonen på %(talk)s hele døgnet, eller RUSinfo på %(rusinfo)s for anonyme råd om rus."
        ) % {
            "emergency": EMERGENCY.number,
            "legevakt": LEGEVAKT.number,
            "talk": MENTAL_HELSE.number,
            "rusinfo": RUSINFO.number,
        }


def reply_promise(now: datetime, hours: StaffedHours = DEFAULT_HOURS) -> ReplyPromise:
    """When staff will answer an enquiry that arrives at `now` (aware). See the module's rules."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("reply_promise needs an aware datetime")
    local = now.astimezone(hours.tz)
    today = local.date()
    if is_working_day(today) and local.time() < hours.same_day_until:
        day, relation = today, TODAY
    else:
        day = next_working_day(today)
        relation = TOMORROW if day == today + timedelta(days=1) else LATER
    return ReplyPromise(
        received=local,
        by=datetime.combine(day, hours.closes, tzinfo=hours.tz),
        relation=relation,
        hours=hours,
    )


def clock(value: time) -> str:
    """A time of day as people write it: "16" or "16.30" in Norwegian, "16:00" or "16:30" in English."""
    if (translation.get_language() or "nb").startswith("en"):
        return f"{value:%H:%M}"
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}.{value:%M}"
