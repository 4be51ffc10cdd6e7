"""Demo treatment courses for `make run`: three people at different points, so the clinic looks at work.

1. Kim Olsen (the demo client klient@forlop.test, who can log in to Min side): outpatient alcohol detox. Kim
   sent a match request, the doctor looked at it, Tor was suggested; the course has a completed kartlegging
   with the setting decision «poliklinisk», a PAWSS under 4, an approved fixed-schedule plan with thiamine, a
   CIWA-Ar series falling from 14 to 3 over three days, a treatment plan and two signed notes (one amended).
2. Siri Lunde (no account): regular Sobril and Imovane from her fastlege, switched to diazepam and tapered by
   10 % of the starting dose a week; an approved plan, a treatment plan and a signed note.
3. Mats Berntsen (no account): daily heroin, earlier overdose, unstable housing; referred via the fastlege to
   TSB for LAR, with the overdose warning and naloxone noted. Still in kartlegging.

Everything goes through the services, with `by=` the demo user who would have done it, and with times
relative to now, so the access log, the histories and the caseload read like a real week whenever the demo is
loaded. Idempotent: a person (by email) who already has a course is left alone. The doctor approves the
plans with a one-time backup code made for the purpose and removed afterwards, so the second-factor check
in `forlop.care.tapering.services.approve` runs for real and the doctor's authenticator app is untouched.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from forlop.accounts.models import User
from forlop.care import services as course_services
from forlop.care.assessment import services as assessment_services
from forlop.care.assessment.setting import OUTPATIENT, TSB
from forlop.care.journal import services as journal_services
from forlop.care.models import Course, Phase
from forlop.care.plan import services as plan_services
from forlop.care.plan.services import Measure
from forlop.care.tapering import services as tapering_services
from forlop.care.tapering.models import Kind, PlanVersion
from forlop.care.withdrawal import services as withdrawal_services
from forlop.lib.timezones import OSLO
from forlop.matching import services as matching_services
from forlop.matching.models import DoctorDecision
from forlop.people.models import Person
from forlop.people.services import person_for
from forlop.therapists.models import Therapist

CLIENT_EMAIL = "klient@forlop.test"
THERAPIST_EMAIL = "terapeut@forlop.test"
DOCTOR_EMAIL = "lege@forlop.test"
COORDINATOR_EMAIL = "koordinator@forlop.test"
SIRI_EMAIL = "siri.lunde@forlop.test"
MATS_EMAIL = "mats.berntsen@forlop.test"


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demoforløp lages aldri i produksjon.")
    users = {u.email: u for u in User.objects.filter(is_demo=True, is_active=True)}
    staff = [users.get(email) for email in (THERAPIST_EMAIL, DOCTOR_EMAIL, COORDINATOR_EMAIL)]
    if any(user is None for user in staff):
        stdout.write("Demoforløp: hoppet over, demokontoene for terapeut, lege og koordinator mangler.")
        return
    team = Team(therapist=staff[0], doctor=staff[1], coordinator=staff[2])  # type: ignore[arg-type]
    now = timezone.now()
    client_user = users.get(CLIENT_EMAIL)
    if client_user is not None:
        _link_client(client_user, now=now)
    created = existing = 0
    for email, build in ((CLIENT_EMAIL, _alcohol), (SIRI_EMAIL, _benzodiazepines), (MATS_EMAIL, _opioids)):
        if Course.objects.filter(person__email=email).exists():
            existing += 1
            continue
        if User.objects.filter(email=email, is_demo=False).exists():
            stdout.write(f"  {email} hører til en ekte konto; demoforløpet for den er ikke laget.")
            continue
        build(team, now)
        created += 1
    stdout.write(f"Demoforløp: {created} nye, {existing} fantes fra før.")
    if client_user is not None and _kims_next_talk(team, now=now):
        stdout.write("  Kim Olsen har fått en konsultasjon med Tor Haugen i neste uke.")


def _kims_next_talk(team: "Team", *, now: datetime) -> bool:
    """Kim's next video consultation with Tor, in the coming week (so the caseload shows a next appointment
    and a relative on "appointments only" sees one). Booked through the booking services; skipped when Kim
    already has one coming, or Tor has no free time."""
    from forlop.booking import services as booking_services
    from forlop.booking.models import Booking, ConsultationType

    person = Person.objects.filter(email=CLIENT_EMAIL).first()
    therapist = Therapist.objects.filter(user=team.therapist).first()
    ctype = ConsultationType.objects.filter(slug="konsultasjon").first()
    if person is None or therapist is None or ctype is None:
        return False
    if Booking.objects.filter(person=person, status=Booking.Status.CONFIRMED, start_at__gt=now).exists():
        return False
    details = booking_services.ClientDetails(
        name="Kim Olsen", email=CLIENT_EMAIL, phone="", note="", consent=True
    )
    today = now.astimezone(OSLO).date()
    for days in range(3, 15):
        for hour in (10, 13, 9, 14, 11, 15):
            start = datetime.combine(today + timedelta(days=days), time(hour), tzinfo=OSLO)
            try:
                hold = booking_services.hold_slot(
                    therapist=therapist, consultation_type=ctype, start=start, now=now
                )
            except booking_services.BookingError:
                continue
            booking_services.confirm_booking(booking=hold.booking, details=details, now=now)
            return True
    return False


class Team:
    def __init__(self, *, therapist: User, doctor: User, coordinator: User) -> None:
        self.therapist, self.doctor, self.coordinator = therapist, doctor, coordinator


def _link_client(user: User, *, now: datetime) -> Person:
    """The demo client's person, linked to the account so that Min side shows what is theirs."""
    person = person_for(email=user.email, name=user.full_name, now=now - timedelta(days=12))
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])
    return person


# --- time helpers -----------------------------------------------------------------------------------------


def _day(now: datetime, days_ago: int) -> date:
    return (now.astimezone(OSLO) - timedelta(days=days_ago)).date()


def _at(now: datetime, days_ago: int, hour: int, minute: int = 0) -> datetime:
    """Oslo wall-clock time `days_ago` days before today; never later than a minute before `now`."""
    moment = datetime.combine(_day(now, days_ago), time(hour, minute), tzinfo=OSLO)
    return min(moment, now - timedelta(minutes=1))


def _approve(*, version: PlanVersion, doctor: User, now: datetime) -> None:
    """The doctor's approval with the second factor: a one-time backup code made for the demo, used up by the
    check and the device removed afterwards (the doctor's authenticator app and its last code are untouched)."""
    device = StaticDevice.objects.create(user=doctor, name="Demo: godkjenning", confirmed=True)
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    try:
        tapering_services.approve(by=doctor, version=version, code=token, now=now)
    finally:
        device.delete()


def _note(
    *, course: Course, by: User, text: str, consulted_on: date, written: datetime, signed: datetime
) -> Any:
    note = journal_services.write_note(
        course=course, by=by, text=_paragraphs(text), consulted_on=consulted_on, now=written
    )
    return journal_services.sign_note(note=note, by=by, now=signed)


def _paragraphs(text: str) -> str:
    """Text below is wrapped for the source file; stored text has one line per paragraph."""
    return "\n\n".join(" ".join(block.split()) for block in text.strip().split("\n\n"))


# --- 1. Kim Olsen: outpatient alcohol detox ----------------------------------------------------------------

KIM_ANSWERS: dict[str, Any] = {
    "who_for": "self",
    "age_group": "41_60",
    "goals": ["stop", "understand"],
    "acute_signs": [],
    "substances": ["alkohol"],
    "duration": "over_5",
    "frequencies": {"alkohol": "daily"},
    "amount": "a_lot",
    "alcohol_morning": "yes",
    "earlier_treatment": "none",
    "earlier_seizures": "no",
    "mental_health": ["angst_depresjon"],
    "physical_health": "Høyt blodtrykk, ellers frisk så vidt jeg vet.",
    "medication": "Blodtrykksmedisin (amlodipin) hver morgen.",
    "benzo_use": "no",
    "opioid_use": "no",
    "epilepsy": "no",
    "pregnant": "not_relevant",
    "gender_preference": "",
    "gender_required": False,
    "languages": ["nb"],
    "methods": ["motiverende_intervju"],
    "meeting_modes": ["video", "oppmote"],
    "place": "Oslo",
    "days": [0, 2, 3],
    "times": ["ettermiddag"],
    "budget": "fine",
    "name": "Kim Olsen",
    "email": CLIENT_EMAIL,
    "phone": "",
    "message": (
        "Jeg har drukket hver dag i mange år, og det siste året har det blitt mer. Jeg skjelver om morgenen "
        "til jeg har fått i meg litt. Jeg vil slutte før det går ut over jobben og barna, men tør ikke å "
        "gjøre det alene."
    ),
}

CIWA_SERIES: tuple[tuple[int, int, int, tuple[int, ...], str], ...] = (
    # (days ago, hour, minute, the ten item scores, note)
    (
        3,
        9,
        0,
        (2, 3, 2, 3, 2, 0, 0, 0, 2, 0),
        "Før første dose. Puls 104, BT 156/98. Drakk sist i går kl. 22.",
    ),
    (3, 19, 30, (2, 3, 1, 2, 2, 0, 0, 0, 2, 0), "Vurdert på video. Har tatt dosene etter skjemaet."),
    (2, 8, 45, (1, 2, 1, 2, 1, 0, 0, 0, 2, 0), "Sov omtrent fire timer. Puls 92."),
    (2, 19, 15, (1, 2, 1, 1, 1, 0, 0, 0, 1, 0), "Vurdert på video. Spiser og drikker godt."),
    (1, 9, 0, (0, 1, 1, 1, 1, 0, 0, 0, 1, 0), "Lett skjelving på fingrene. Puls 84, BT 142/88."),
    (1, 19, 0, (0, 1, 0, 1, 0, 0, 0, 0, 1, 0), "Vurdert på video. Roligere, lite svetting."),
)


def _alcohol(team: Team, now: datetime) -> Course:
    request = matching_services.submit_request(answers=KIM_ANSWERS, now=now - timedelta(days=12, hours=3))
    if request.medical_assessment and not request.doctor_decision:
        matching_services.record_doctor_decision(
            match_request=request,
            decision=DoctorDecision.OUTPATIENT,
            reason=(
                "Daglig drikking med morgenskjelving, men ingen tidligere kramper eller delirium. Kan vurderes "
                "for poliklinisk avrusning etter kartlegging og PAWSS."
            ),
            by=team.doctor,
            now=now - timedelta(days=11, hours=6),
        )
    therapist_profile = Therapist.objects.filter(user=team.therapist).first()
    if therapist_profile is not None:
        matching_services.send_suggestion(
            match_request=request,
            therapist=therapist_profile,
            by=team.coordinator,
            note="Legen har vurdert forespørselen; Tor har ledig tid på ettermiddagen.",
            now=now - timedelta(days=11, hours=5),
        )
    person = request.person or person_for(email=CLIENT_EMAIL, name="Kim Olsen", now=now)
    started = _at(now, 9, 13, 10)
    course = course_services.start_course(
        by=team.coordinator,
        person=person,
        therapist=team.therapist,
        doctor=team.doctor,
        coordinator=team.coordinator,
        substances=["alkohol"],
        carried_over=_carried_over(request),
        match_request=request,
        now=started,
    )
    if therapist_profile is not None:
        matching_services.mark_booked(
            match_request=request, therapist=therapist_profile, by=team.coordinator, now=started
        )

    # Kartlegging with Kim (therapist and doctor together), the PAWSS, and the decision.
    assessed = _at(now, 8, 10, 30)
    withdrawal_services.record_entry(
        course=course,
        by=team.doctor,
        instrument="pawss",
        answers=[1, 0, 1, 1, 0, 0, 0, 0, 0, 0],
        taken_at=assessed,
        threshold_met=True,
        note="Beruset flere ganger siste måned, morgenskjelving, ett hukommelsestap i vinter. Ingen kramper.",
        now=assessed + timedelta(minutes=20),
    )
    assessment_services.save_assessment(
        course=course,
        by=team.therapist,
        data={
            "acute_signs": [],
            "alcohol_morning": "yes",
            "earlier_detox_times": 0,
            "earlier_seizures": "no",
            "earlier_delirium": "no",
            "epilepsy": "no",
            "somatic_health": (
                "Høyt blodtrykk, behandlet hos fastlegen. Leverprøver tatt hos fastlegen for tre uker siden: "
                "lett forhøyet GT, ellers normale. Spiser og drikker normalt."
            ),
            "severe_somatic": False,
            "oral_intake_problem": False,
            "mental_health": (
                "Perioder med uro og nedstemthet, særlig etter samlivsbruddet for to år siden. Ingen "
                "selvmordstanker nå eller tidligere."
            ),
            "severe_psychiatric": False,
            "medication": "Amlodipin 5 mg hver morgen.",
            "pregnant": "not_relevant",
            "age": 46,
            "housing": "stable",
            "housing_note": "Bor alene i egen leilighet på Tøyen. Barna bor der annenhver uke.",
            "work_school": "Prosjektleder i et byggfirma, full jobb. Sykmeldt én uke for avrusningen.",
            "network": "Søsteren Hilde vet om drikkingen og vil hjelpe. Har fortalt det til nærmeste leder.",
            "sober_support": "yes",
            "children_count": 2,
            "children_ages": "9 og 13 år",
            "children_needs": True,
            "children_info": True,
            "children_followup": True,
            "children_note": (
                "Barna er hos den andre forelderen den første uka av avrusningen. Kim vil selv snakke med dem etterpå og har fått "
                "brosjyren fra Pårørendesenteret. Takker nei til kontakt med helsesykepleier nå; tas opp igjen "
                "ved evalueringen."
            ),
            "own_goals": (
                "«Jeg vil slutte helt, i hvert fall et halvt år, og se hvordan livet er uten. Jeg vil at barna "
                "skal slippe å lure på om jeg har drukket.»"
            ),
            "completed": True,
        },
        substances={
            "alkohol": {
                "amount": "En flaske vin og to–fire pils om kvelden, mer i helgene",
                "units_per_day": Decimal("10"),
                "frequency": "daily",
                "route": "drikke",
                "duration": "Daglig i sju–åtte år, mer det siste året",
                "last_use": _at(now, 8, 0, 30),
            }
        },
        now=assessed + timedelta(minutes=50),
    )
    assessment_services.decide_setting(
        course=course,
        by=team.doctor,
        setting_key=OUTPATIENT,
        reason=(
            "Kriteriene for poliklinisk avrusning er oppfylt: ingen tidligere abstinenskramper eller delirium, "
            "PAWSS 3, spiser og drikker normalt, stabil bolig og søsteren kan være hos Kim de første dagene. "
            "Avrusning med diazepam etter fast skjema og tiamin, med daglig kontroll og CIWA-Ar."
        ),
        now=assessed + timedelta(hours=1),
    )

    # The plan: proposed, filled in and approved by the doctor the day before the detox starts.
    start = _day(now, 3)
    version = tapering_services.propose(
        by=team.doctor, course=course, kind=Kind.ALCOHOL_FIXED, now=_at(now, 4, 14)
    )
    version = tapering_services.save_draft(
        by=team.doctor,
        version=version,
        inputs={
            "start": start.isoformat(),
            "diazepam_dose_mg": "10",
            "doses_per_day": [4, 3, 2, 1],
            "thiamine_mg_per_day": "300",
            "thiamine_days": 7,
            "times": ["08:00", "13:00", "18:00", "22:00"],
        },
        now=_at(now, 4, 14, 20),
    )
    _approve(version=version, doctor=team.doctor, now=_at(now, 4, 14, 30))

    course_services.change_phase(
        course=course,
        to=Phase.AVRUSNING,
        by=team.doctor,
        note="Poliklinisk avrusning startet etter fast skjema.",
        now=_at(now, 3, 8, 40),
    )
    for days_ago, hour, minute, scores, note in CIWA_SERIES:
        taken = _at(now, days_ago, hour, minute)
        withdrawal_services.record_entry(
            course=course,
            by=team.doctor if hour < 12 else team.therapist,
            instrument="ciwa_ar",
            answers=list(scores),
            taken_at=taken,
            note=note,
            now=taken + timedelta(minutes=10),
        )

    plan_services.create_plan(
        course=course,
        by=team.therapist,
        goals=[
            "Jeg vil slutte helt å drikke, i hvert fall det neste halve året.",
            "Jeg vil sove en hel natt uten å ha drukket meg i søvn.",
            "Jeg vil at barna skal kunne stole på at jeg er edru når de er hos meg.",
        ],
        measures=[
            Measure(
                "Poliklinisk avrusning med daglig kontroll og CIWA-Ar",
                "Lene Dahl (lege)",
                "Hver dag de første fire dagene",
            ),
            Measure(
                "Samtaler med motiverende intervju og plan for situasjoner med sterkt sug",
                "Tor Haugen",
                "Hver uke",
            ),
            Measure("Legetime med blodtrykk og leverprøver", "Lene Dahl (lege)", "Etter fire uker"),
            Measure(
                "Samtale om hvordan Kim forteller barna om behandlingen",
                "Tor Haugen og Kim",
                "Én gang før barna kommer tilbake",
            ),
        ],
        interval_weeks=4,
        note="Første versjon, laget sammen med Kim. Første evaluering etter fire uker, når avrusningen er over.",
        now=_at(now, 1, 15, 5),
    )

    note = _note(
        course=course,
        by=team.doctor,
        consulted_on=_day(now, 3),
        written=_at(now, 3, 10, 5),
        signed=_at(now, 3, 10, 20),
        text="""
Oppstart av poliklinisk avrusning. Oppmøte på kontoret kl. 08.45 sammen med søsteren. Siste alkohol i går kl.
22. CIWA-Ar 14 før første dose: skjelving, svetting, uro og hodepine, klar og orientert. Puls 104, BT 156/98.

Diazepam etter fast skjema som godkjent i planen, første dose tatt her. Tiamin 300 mg daglig i sju dager.
Gjennomgått varselsignaler: kramper, forvirring, å se eller høre ting som ikke er der, eller at Kim ikke
klarer å drikke og spise. Da skal søsteren ringe 113 eller legevakt 116 117. Ingen alkohol sammen med
diazepam, og ikke kjøre bil i avrusningsperioden.

Kontroll på video i kveld kl. 19.30 og oppmøte i morgen kl. 09.30.
""",
    )
    journal_services.amend_note(
        note=note,
        by=team.doctor,
        reason="Feil klokkeslett for neste oppmøte i notatet.",
        text="Oppmøtet i morgen ble avtalt til kl. 08.45, ikke 09.30 som står i notatet.",
        now=_at(now, 3, 11, 0),
    )
    _note(
        course=course,
        by=team.therapist,
        consulted_on=_day(now, 1),
        written=_at(now, 1, 15, 0),
        signed=_at(now, 1, 15, 25),
        text="""
Videosamtale, 45 minutter. Kim er på tredje dag og beskriver abstinensene som «mye bedre enn fryktet».
Sover fortsatt urolig. Har ikke drukket, og har helt ut det som var igjen av vin i leiligheten.

Vi snakket om hva som er viktigst for Kim med å slutte, og laget behandlingsplanen sammen; målene står med
Kims egne ord. Kim er mest bekymret for fredagskveldene når barna ikke er der. Vi begynte på en plan for
dem: middag hos søsteren den første fredagen, og en liste over hva Kim kan gjøre når suget kommer.

Neste samtale om en uke. Kim vet at hen kan ringe legen ved sterke abstinenser.
""",
    )
    return course


def _carried_over(request: Any) -> dict[str, Any]:
    """What the course keeps from the request, as the start page carries it over."""
    from forlop.care.views import carried_over  # the start view's own function, so the demo matches it

    return carried_over(request)


# --- 2. Siri Lunde: benzodiazepine taper -------------------------------------------------------------------


def _benzodiazepines(team: Team, now: datetime) -> Course:
    person = person_for(email=SIRI_EMAIL, name="Siri Lunde", now=now - timedelta(days=30))
    course = course_services.start_course(
        by=team.coordinator,
        person=person,
        therapist=team.therapist,
        doctor=team.doctor,
        coordinator=team.coordinator,
        substances=["benzodiazepiner"],
        now=_at(now, 26, 11, 0),
    )
    assessed = _at(now, 24, 13, 0)
    assessment_services.save_assessment(
        course=course,
        by=team.doctor,
        data={
            "acute_signs": [],
            "alcohol_morning": "no",
            "earlier_detox_times": 0,
            "earlier_seizures": "no",
            "earlier_delirium": "no",
            "epilepsy": "no",
            "somatic_health": "Frisk. Litt svimmel om morgenen, særlig når hun har tatt ekstra tablett kvelden før.",
            "severe_somatic": False,
            "oral_intake_problem": False,
            "mental_health": (
                "Angst i perioder siden skilsmissen for sju år siden. Har hatt god nytte av samtaler før. Ingen "
                "selvmordstanker."
            ),
            "severe_psychiatric": False,
            "medication": (
                "Sobril 15 mg morgen, ettermiddag og kveld, og Imovane 7,5 mg ved leggetid, begge på resept fra "
                "fastlegen i seks år. Tar av og til en ekstra Sobril på vanskelige dager."
            ),
            "pregnant": "no",
            "age": 58,
            "housing": "stable",
            "housing_note": "Bor sammen med datteren (22) i rekkehus i Ski.",
            "work_school": "Barnehagelærer, 80 % stilling.",
            "network": "Datteren og en nær venninne vet om nedtrappingen. Fastlegen er informert og samarbeider.",
            "sober_support": "yes",
            "children_count": 0,
            "own_goals": (
                "«Jeg vil bli ferdig med tablettene før jeg går av med pensjon, og klare å sove uten dem. Jeg er "
                "redd for angsten, så det må gå sakte.»"
            ),
            "completed": True,
        },
        substances={
            "benzodiazepiner": {
                "amount": "Sobril 45 mg og Imovane 7,5 mg om dagen",
                "frequency": "daily",
                "route": "svelge",
                "duration": "Seks år, på resept",
                "last_use": _at(now, 24, 8, 0),
            }
        },
        now=assessed,
    )
    assessment_services.decide_setting(
        course=course,
        by=team.doctor,
        setting_key=OUTPATIENT,
        reason=(
            "Langvarig, forskrevet bruk uten tidligere kramper eller delirium, stabil bolig og støtte hjemme. "
            "Langsom poliklinisk nedtrapping: overgang til diazepam og deretter 10 % av startdosen i uka."
        ),
        now=assessed + timedelta(minutes=30),
    )
    start = _day(now, 14)
    version = tapering_services.propose(
        by=team.doctor, course=course, kind=Kind.BENZODIAZEPINE, now=_at(now, 17, 10, 0)
    )
    version = tapering_services.save_draft(
        by=team.doctor,
        version=version,
        inputs={
            "doses": [{"drug": "Sobril", "mg_per_day": "45"}, {"drug": "Imovane", "mg_per_day": "7.5"}],
            "overrides": [],
            "switch_weeks": 2,
            "rate_percent": 10,
            "slow_below_mg": "10",
            "target_mg": "0",
            "times": ["08:00", "21:00"],
            "strengths": ["2", "5", "10"],
            "halves": False,
            "pauses": [],
            "start": start.isoformat(),
        },
        now=_at(now, 17, 10, 30),
    )
    _approve(version=version, doctor=team.doctor, now=_at(now, 16, 9, 15))
    course_services.change_phase(
        course=course,
        to=Phase.AVRUSNING,
        by=team.doctor,
        note="Overgang til diazepam startet etter godkjent plan.",
        now=_at(now, 14, 9, 0),
    )
    plan_services.create_plan(
        course=course,
        by=team.therapist,
        goals=[
            "Jeg vil være ferdig med tablettene før jeg går av med pensjon.",
            "Jeg vil klare å sove uten sovetablett, selv om det tar tid.",
            "Jeg vil ha andre måter å roe meg ned på når angsten kommer.",
        ],
        measures=[
            Measure(
                "Nedtrapping etter godkjent plan, med legetime før hvert nytt trinn",
                "Lene Dahl (lege)",
                "Hver uke",
            ),
            Measure("Kognitiv terapi for angst og søvn", "Tor Haugen", "Annenhver uke"),
            Measure("Søvndagbok som tas med til samtalene", "Siri", "Hver dag"),
        ],
        interval_weeks=6,
        note="Laget sammen med Siri. Tempoet kan settes ned ved behov; dosen økes ikke igjen.",
        now=_at(now, 13, 14, 0),
    )
    _note(
        course=course,
        by=team.doctor,
        consulted_on=_day(now, 7),
        written=_at(now, 7, 9, 40),
        signed=_at(now, 7, 10, 5),
        text="""
Legekonsultasjon på video, uke 2 av overgangen til diazepam. Sobril og Imovane er erstattet av diazepam fordelt
på morgen og kveld etter planen. Siri sover dårligere de to siste nettene og kjenner mer uro om kvelden, men
klarer seg på dagtid og har ikke tatt noe ekstra. Ingen tegn til alvorlige abstinenser.

Vi går videre etter planen. Siri vet at vi heller forlenger et trinn enn å øke dosen igjen hvis det blir tungt,
og at hun skal ringe hvis hun får kramper, blir forvirret eller ser og hører ting. Informert om at
kombinasjon med alkohol øker risikoen. Fastlegen har fått kopi av planen.
""",
    )
    return course


# --- 3. Mats Berntsen: opioids, referred to LAR -----------------------------------------------------------


def _opioids(team: Team, now: datetime) -> Course:
    person = person_for(email=MATS_EMAIL, name="Mats Berntsen", now=now - timedelta(days=7))
    course = course_services.start_course(
        by=team.coordinator,
        person=person,
        therapist=team.doctor,
        coordinator=team.coordinator,
        substances=["opioider"],
        now=_at(now, 6, 12, 0),
    )
    assessed = _at(now, 5, 11, 0)
    assessment_services.save_assessment(
        course=course,
        by=team.doctor,
        data={
            "acute_signs": [],
            "alcohol_morning": "no",
            "earlier_detox_times": 2,
            "earlier_seizures": "no",
            "earlier_delirium": "no",
            "epilepsy": "no",
            "somatic_health": (
                "Hepatitt C behandlet og kurert i 2021. Et sår på venstre underarm etter injeksjon, gror fint."
            ),
            "severe_somatic": False,
            "oral_intake_problem": False,
            "mental_health": "Sover dårlig, tidvis nedstemt. Ingen selvmordstanker nå.",
            "severe_psychiatric": False,
            "medication": "Ingen faste medisiner.",
            "pregnant": "not_relevant",
            "age": 36,
            "housing": "unstable",
            "housing_note": "Bor hos en venn etter at han mistet leiligheten i vår. NAV er kontaktet om bolig.",
            "work_school": "Ikke i arbeid. Har tidligere jobbet som lagermedarbeider.",
            "network": "Moren i Drammen har kontakt og vil støtte ham. Få venner utenfor miljøet.",
            "sober_support": "unknown",
            "children_count": 0,
            "own_goals": (
                "«Jeg vil ut av dette for godt. Jeg har prøvd å slutte to ganger, og begge gangene gikk det galt. "
                "Jeg vil ha LAR, og et sted å bo.»"
            ),
            "completed": True,
        },
        substances={
            "opioider": {
                "amount": "Omtrent et halvt gram heroin om dagen",
                "frequency": "daily",
                "route": "royke",
                "duration": "Fire år, injiserer av og til",
                "last_use": _at(now, 5, 7, 0),
            }
        },
        now=assessed,
    )
    assessment_services.decide_setting(
        course=course,
        by=team.doctor,
        setting_key=TSB,
        reason=(
            "Daglig heroinbruk i fire år, to forsøk på å slutte på egen hånd som endte med tilbakefall, og en overdose i 2023. Mats ønsker "
            "legemiddelassistert rehabilitering (LAR), og det er det beste tilbudet for ham. LAR gis i "
            "spesialisthelsetjenesten: henvises via fastlegen til TSB. Vi følger opp med samtaler mens han "
            "venter. Advart om overdosefaren og informert om nalokson nesespray."
        ),
        now=assessed + timedelta(minutes=40),
    )
    _note(
        course=course,
        by=team.doctor,
        consulted_on=_day(now, 5),
        written=_at(now, 5, 12, 0),
        signed=_at(now, 5, 12, 30),
        text="""
Kartleggingssamtale på kontoret, 60 minutter. Mats røyker heroin daglig, omtrent et halvt gram, og injiserer av
og til. Han hadde en overdose i 2023 og ble funnet av en venn. To tidligere forsøk på å slutte på egen hånd
endte med tilbakefall etter få dager.

Vi ble enige om henvisning til LAR. Jeg har ringt fastlegen hans, som sender henvisningen til TSB i dag, og
sendt ham et sammendrag av kartleggingen som han legger ved. Mats har samtykket.

Overdosefare gjennomgått grundig: toleransen faller raskt etter noen dager uten, og da kan en vanlig dose bli
dødelig. Ikke bruk alene, ikke bland med benzodiazepiner eller alkohol. Mats har fått opplæring i nalokson
nesespray og fikk med seg en pakning. Ved overdose: ring 113.

Ny samtale hos meg om en uke, mens han venter på svar på henvisningen.
""",
    )
    return course
