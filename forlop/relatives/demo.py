"""Demo of the relatives' side (issue 14), for `make run`: Hilde Olsen, Kim Olsen's sister.

Hilde (parorende@forlop.test) has her own account, with a password and an authenticator app like the other
demo accounts, and logs in on Min side. She started the relatives' course on her own before Kim's course
began and has done the first two lessons, with her answers to the exercises. Kim has added her as a relative
and set the dial to "appointments and a summary I have approved", with a short summary Kim wrote and approved.

Everything goes through the services with `by=` the one who acts (Kim for the consent and the summary, Hilde
for her course work), with times relative to now. Idempotent: each part is left alone once it exists.
Refused in production. forlop.relatives comes after forlop.care in INSTALLED_APPS, so Kim's course is there.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts.demo import DEMO_PASSWORD, RELATIVE_EMAIL, RELATIVE_NAME
from forlop.accounts.models import User
from forlop.care.models import Course
from forlop.people.models import Person
from forlop.people.services import person_for

from . import services
from .craft import services as craft_services
from .craft.models import LessonDone
from .models import Consent, Dial

CLIENT_EMAIL = "klient@forlop.test"

# (lesson slug, days ago, answers): the relative's own words, the exercise keys as in content/craft/.
LESSONS: tuple[tuple[str, int, dict[str, str]], ...] = (
    (
        "sikkerhet-forst",
        16,
        {
            "plan": (
                "Kim har aldri vært voldelig, men hvis det skulle bli farlig, ringer jeg 113 og går ut med "
                "telefonen. Barna vet at de kan ringe meg, og jeg har reservenøkkel til leiligheten."
            ),
            "tegn": (
                "Kim blir stille og svarer ikke på telefonen, og i helgene har jeg merket at det skjer når "
                "barna er hos den andre forelderen."
            ),
        },
    ),
    (
        "forsta-monsteret",
        12,
        {
            "utlosere": (
                "Fredagskvelder alene, etter krangel om samværet og når det har vært en tung uke på jobben. "
                "Sjelden når barna er der."
            ),
            "gir": (
                "Jeg tror vinen tar bort uroen og ensomheten etter bruddet. Kanskje kunne middag hos oss på "
                "fredager og turer med hunden gitt noe av det samme."
            ),
        },
    ),
)

SUMMARY = (
    "Avrusningen går bra, og jeg har ikke drukket siden den begynte. Jeg sover fortsatt dårlig, men det blir "
    "litt bedre for hver natt. Jeg har samtaler med terapeuten min hver uke."
)


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demodata for pårørende lages aldri i produksjon.")
    now = timezone.now()
    hilde = _account(stdout)
    if hilde is None:
        return
    relative = _person(hilde, now=now)
    lessons = _course_work(relative=relative, hilde=hilde, now=now)
    shared = _sharing(relative=relative, now=now)
    stdout.write(
        f"Demo for pårørende ({RELATIVE_NAME}): {lessons} leksjoner nye, "
        f"deling fra Kim {'laget' if shared else 'fantes fra før eller mangler forløp'}."
    )


def _account(stdout) -> User | None:
    """The relative's demo account: a client account (Min side) with a password and an authenticator app."""
    user = User.objects.filter(email=RELATIVE_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            RELATIVE_EMAIL, DEMO_PASSWORD, full_name=RELATIVE_NAME, is_demo=True, is_client=True
        )
    elif not user.is_demo:
        stdout.write(f"  {RELATIVE_EMAIL} finnes og er ikke en demokonto; den er ikke endret.")
        return None
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Demo-app", confirmed=True)
    return user


def _person(user: User, *, now: datetime) -> Person:
    person = person_for(email=user.email, name=user.full_name, now=now - timedelta(days=17))
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])
    return person


def _course_work(*, relative: Person, hilde: User, now: datetime) -> int:
    done = set(LessonDone.objects.filter(relative=relative).values_list("lesson", flat=True))
    made = 0
    for slug, days_ago, answers in LESSONS:
        if slug in done:
            continue
        written = now - timedelta(days=days_ago, hours=3)
        craft_services.save_answers(relative=relative, lesson=slug, answers=answers, by=hilde, now=written)
        craft_services.mark_done(
            relative=relative, lesson=slug, done=True, by=hilde, now=written + timedelta(minutes=4)
        )
        made += 1
    return made


def _sharing(*, relative: Person, now: datetime) -> bool:
    """Kim adds Hilde, writes and approves a summary, and turns the dial to share it with her."""
    kim = User.objects.filter(email=CLIENT_EMAIL, is_demo=True, is_active=True).first()
    person = Person.objects.filter(user=kim).first() if kim is not None else None
    if kim is None or person is None or not Course.objects.open().filter(person=person).exists():
        return False
    if Consent.objects.current().filter(person=person, relative=relative).exists():
        return False
    consent = services.add_relative(
        person=person,
        name=RELATIVE_NAME,
        email=RELATIVE_EMAIL,
        dial=Dial.APPOINTMENTS,
        by=kim,
        now=now - timedelta(days=5, hours=2),
    )
    services.save_summary(person=person, text=SUMMARY, approve=True, by=kim, now=now - timedelta(hours=20))
    services.set_dial(
        person=person,
        consent_id=consent.pk,
        dial=Dial.SUMMARY,
        by=kim,
        now=now - timedelta(hours=19, minutes=55),
    )
    return True
