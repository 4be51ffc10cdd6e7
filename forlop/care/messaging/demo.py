"""Demo of taking part in one's own course (issue 14), for `make run`: Kim Olsen's alcohol course.

`load_demo` imports one `<app>.demo` per installed app, in INSTALLED_APPS order. This module belongs to
care_messaging, which comes after forlop.care (which makes Kim's course) and after the check-in, modules,
measures and relapse apps, so it can write all of Kim's participation in one place:

- check-ins from the day the course started until yesterday, with one day missed, two days with drinking
  before the detox (the last one the evening before it), craving mostly falling, and the taper's questions on
  the detox days (today is left for Kim to check in);
- three modules: two open (one with a shared answer and Tor's comment), one that opens next week;
- a relapse-prevention plan Tor wrote with Kim in the video session the day before yesterday;
- AUDIT, PHQ-9 and GAD-7 at the start of the course, answered by Kim on Min side (PHQ-9 item 9 at 0);
- a thread with Tor: Kim asks about the sick note, Tor answers, and Kim's latest message is unread.

Everything goes through the services with `by=` the person or the team member who would have done it, and
with times relative to now. Idempotent: each part is left alone once the course has it. Refused in production.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from forlop.accounts.models import User
from forlop.care.checkin import services as checkin_services
from forlop.care.checkin.models import CheckIn
from forlop.care.measures import services as measures_services
from forlop.care.measures.models import Measurement
from forlop.care.measures.schedule import START
from forlop.care.models import Course
from forlop.care.modules import services as modules_services
from forlop.care.modules.models import Assignment
from forlop.care.relapse import services as relapse_services
from forlop.care.relapse.models import Contact
from forlop.lib.timezones import OSLO

from . import services as messaging_services
from .models import Thread

CLIENT_EMAIL = "klient@forlop.test"
THERAPIST_EMAIL = "terapeut@forlop.test"

# (days ago, hour, minute, answers). Kim's course started nine days ago; the detox (an approved fixed-schedule
# plan) runs from three days ago, so those days carry the taper's questions. Six days ago is missed.
CHECKINS: tuple[tuple[int, int, int, dict[str, Any]], ...] = (
    (
        9,
        21,
        40,
        {
            "craving": 8,
            "used": True,
            "substances": ["alkohol"],
            "amount": "noe",
            "amount_text": "Tre pils etter middag",
            "mood": 2,
            "sleep": 1,
        },
    ),
    (8, 22, 5, {"craving": 7, "used": False, "mood": 2, "sleep": 1}),
    (7, 21, 15, {"craving": 7, "used": False, "mood": 3, "sleep": 2}),
    (5, 21, 30, {"craving": 6, "used": False, "mood": 3, "sleep": 2}),
    (
        4,
        22,
        50,
        {
            "craving": 7,
            "used": True,
            "substances": ["alkohol"],
            "amount": "noe",
            "amount_text": "Fire pils, den siste kvelden før avrusningen",
            "mood": 2,
            "sleep": 1,
        },
    ),
    (
        3,
        21,
        45,
        {
            "craving": 6,
            "used": False,
            "mood": 2,
            "sleep": 1,
            "dose": "ja",
            "withdrawal": "sterk",
            "symptoms": ["skjelving", "svetting", "uro"],
        },
    ),
    (
        2,
        21,
        10,
        {
            "craving": 5,
            "used": False,
            "mood": 3,
            "sleep": 2,
            "dose": "ja",
            "withdrawal": "lett",
            "symptoms": ["skjelving", "sovnloshet"],
        },
    ),
    (
        1,
        20,
        35,
        {
            "craving": 3,
            "used": False,
            "mood": 4,
            "sleep": 2,
            "dose": "ja",
            "withdrawal": "lett",
            "symptoms": [],
        },
    ),
)

# AUDIT: daily drinking, ten units on a usual day, a morning drink most weeks, his sister worried (28).
AUDIT = [4, 4, 4, 3, 2, 3, 3, 1, 0, 4]
PHQ9 = [2, 2, 2, 1, 1, 2, 1, 1, 0]  # 12, item 9 (thoughts of being better off dead) at 0
GAD7 = [2, 2, 1, 2, 1, 1, 1]  # 10

MOTIVATION_ANSWER = """\
Det som taler for å fortsette: Drikkingen tar bort uroen om kvelden, og jeg sovner lettere. Det er noe å se \
fram til etter en lang dag, og jeg slipper å kjenne hvor ensom jeg er etter bruddet.

Det som taler for å slutte: Barna. Den eldste har begynt å lukte på glasset mitt. Jeg skjelver om morgenen og \
er redd for at det skal merkes på jobben. Blodtrykket er for høyt, og legen sier leveren har begynt å merke \
det. Jeg vil våkne uten å grue meg."""

MOTIVATION_COMMENT = (
    "Takk for at du delte dette, Kim. Jeg legger merke til at du skriver ærlig om hva drikkingen gir deg, "
    "ikke bare om hva den koster. Det gjør det lettere å finne andre måter å få ro på om kvelden. La oss "
    "ta med oss «å våkne uten å grue meg» til neste samtale."
)


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demodata om deltakelse i forløpet lages aldri i produksjon.")
    users = {u.email: u for u in User.objects.filter(is_demo=True, is_active=True)}
    kim, tor = users.get(CLIENT_EMAIL), users.get(THERAPIST_EMAIL)
    course = Course.objects.open().filter(person__email=CLIENT_EMAIL).select_related("person").first()
    if kim is None or tor is None or course is None or course.person.user_id != kim.pk:
        stdout.write("Demo av deltakelse: hoppet over, Kims demoforløp eller demokontoene mangler.")
        return
    now = timezone.now()
    made = [
        name
        for name, build in (
            ("innsjekker", _checkins),
            ("moduler", _modules),
            ("tilbakefallsplan", _relapse_plan),
            ("skjemaer", _measures),
            ("meldinger", _messages),
        )
        if build(course=course, kim=kim, tor=tor, now=now)
    ]
    stdout.write(f"Demo av deltakelse (Kim Olsen): {', '.join(made) if made else 'alt fantes fra før'}.")


def _day(now: datetime, days_ago: int) -> date:
    return (now.astimezone(OSLO) - timedelta(days=days_ago)).date()


def _at(now: datetime, days_ago: int, hour: int, minute: int = 0) -> datetime:
    """Oslo wall-clock time `days_ago` days before today; never later than a minute before `now`."""
    moment = datetime.combine(_day(now, days_ago), time(hour, minute), tzinfo=OSLO)
    return min(moment, now - timedelta(minutes=1))


def _checkins(*, course: Course, kim: User, tor: User, now: datetime) -> bool:
    if CheckIn.objects.filter(course=course).exists():
        return False
    for days_ago, hour, minute, answers in CHECKINS:
        checkin_services.save_checkin(
            by=kim,
            course=course,
            day=_day(now, days_ago),
            answers=answers,
            now=_at(now, days_ago, hour, minute),
        )
    return True


def _modules(*, course: Course, kim: User, tor: User, now: datetime) -> bool:
    if Assignment.objects.filter(course=course).exists():
        return False
    modules_services.set_schedule(
        course=course,
        by=tor,
        schedule={
            "motivasjon": _day(now, 8),
            "triggere": _day(now, 1),
            "suget": _day(now, -7),  # opens next week, when the detox is over
        },
        now=_at(now, 8, 11, 40),
    )
    motivation = Assignment.objects.get(course=course, slug="motivasjon")
    modules_services.save_answers(
        assignment=motivation,
        by=kim,
        answers={"vekta": MOTIVATION_ANSWER},
        share=True,
        now=_at(now, 7, 20, 30),
    )
    answer = motivation.answers.get(exercise="vekta")
    modules_services.comment(answer=answer, by=tor, text=MOTIVATION_COMMENT, now=_at(now, 6, 9, 10))
    return True


def _relapse_plan(*, course: Course, kim: User, tor: User, now: datetime) -> bool:
    if relapse_services.plan_for(course) is not None:
        return False
    relapse_services.save_plan(
        course=course,
        by=tor,
        warning_signs=(
            "Jeg begynner å tenke at «ett glass går fint». Jeg trekker meg unna og svarer ikke når Hilde "
            "ringer. Jeg sover dårlig flere netter på rad og blir irritabel på jobben."
        ),
        triggers=(
            "Fredagskvelder når barna er hos den andre forelderen. Lønningsdag. Å gå forbi Vinmonopolet på vei hjem. "
            "Krangel om samværet, og å være sliten og alene etter en lang arbeidsdag."
        ),
        actions=(
            "Jeg spiser middag før jeg går hjem fra jobben, og går en annen vei enn forbi Vinmonopolet. Når "
            "suget kommer, venter jeg 20 minutter og gjør øvelsen mot suget. Fredager har jeg en avtale: "
            "trening, middag hos Hilde eller en tur med noen. Har jeg drukket, forteller jeg det til Tor "
            "samme uke, i stedet for å skjule det."
        ),
        contacts=[
            Contact(name="Hilde (søster)", phone="912 34 567"),
            Contact(name="Jonas (kollega og venn)", phone="934 56 789"),
        ],
        reasons=(
            "Barna skal slippe å lure på om jeg har drukket. Jeg vil våkne uten å skjelve og uten å grue "
            "meg. Jeg vil beholde jobben og få blodtrykket ned."
        ),
        based_on=None,
        now=_at(now, 1, 15, 20),
    )
    return True


def _measures(*, course: Course, kim: User, tor: User, now: datetime) -> bool:
    if Measurement.objects.filter(course=course).exists():
        return False
    for minute, instrument, answers in ((0, "audit", AUDIT), (6, "phq9", PHQ9), (10, "gad7", GAD7)):
        taken = _at(now, 9, 19, minute)
        measures_services.record(
            course=course,
            by=kim,
            instrument=instrument,
            answers=answers,
            occasion=START,
            taken_at=taken,
            now=taken + timedelta(minutes=3),
        )
    return True


def _messages(*, course: Course, kim: User, tor: User, now: datetime) -> bool:
    if Thread.objects.filter(course=course).exists():
        return False
    asked = _at(now, 2, 10, 15)
    question = messaging_services.start_thread(
        course=course,
        by=kim,
        subject="Sykmelding etter avrusningen",
        body=(
            "Hei Tor. Sykmeldingen min gjelder bare ut denne uka. Skal jeg be fastlegen om en ny, eller kan "
            "Lene forlenge den? Jeg vil helst begynne på jobb igjen mandag, men kanskje i halv stilling den "
            "første uka."
        ),
        now=asked,
    )
    messaging_services.mark_read(
        messages=[question], reader=tor, as_team=True, now=asked + timedelta(hours=2)
    )
    answer = messaging_services.reply(
        thread=question.thread,
        by=tor,
        body=(
            "Hei Kim. Lene kan forlenge sykmeldingen mens du er i avrusning, og hun kan også skrive en gradert "
            "sykmelding hvis du vil jobbe halv stilling den første uka. Vi snakker om det på videosamtalen i "
            "morgen, så sender hun den etterpå. Det er lurt å starte forsiktig."
        ),
        now=asked + timedelta(hours=2, minutes=10),
    )
    messaging_services.mark_read(messages=[answer], reader=kim, as_team=False, now=_at(now, 2, 18, 5))
    messaging_services.reply(
        thread=question.thread,
        by=kim,
        body=(
            "Takk, det passer fint. En ting til: Kan samtalen neste uke være på video i stedet for på kontoret? "
            "Jeg har barna den uka og vil være hjemme når de kommer fra skolen."
        ),
        now=now - timedelta(hours=3),
    )
    return True
