"""The demo courses `load_demo` makes for `make run`: three of them, once, alive, and visible where they should be."""

import re
from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.care import demo
from forlop.care.assessment.models import SettingDecision
from forlop.care.journal.models import JournalNote
from forlop.care.models import Course, Phase
from forlop.care.plan import services as plan_services
from forlop.care.tapering import services as tapering_services
from forlop.care.tapering.models import Kind, PlanVersion
from forlop.care.withdrawal.models import ScaleEntry
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

# Words no email may carry (issue 13: reminders without doses or substance names; the demo's emails are the
# match request's): substances, medicines and the taper's vocabulary.
FORBIDDEN = (
    "alkohol",
    "benzo",
    "diazepam",
    "oksazepam",
    "sobril",
    "imovane",
    "zopiklon",
    "tiamin",
    "opioid",
    "heroin",
    "buprenorfin",
    "nalokson",
    "ciwa",
    "pawss",
)
DOSE = re.compile(r"\d\s*mg\b", re.IGNORECASE)


def load_twice() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def course_of(email: str) -> Course:
    return Course.objects.get(person__email=email)


def test_it_makes_three_courses_and_nothing_more_the_second_time():
    call_command("load_demo", stdout=StringIO())
    counts = (
        Course.objects.count(),
        ScaleEntry.objects.count(),
        PlanVersion.objects.count(),
        JournalNote.objects.count(),
        OutboxMessage.objects.count(),
    )
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts[0] == 3
    assert (
        Course.objects.count(),
        ScaleEntry.objects.count(),
        PlanVersion.objects.count(),
        JournalNote.objects.count(),
        OutboxMessage.objects.count(),
    ) == counts
    assert "Demoforløp: 0 nye, 3 fantes fra før." in out.getvalue()


def test_the_alcohol_course_is_an_outpatient_detox_with_a_falling_ciwa_series():
    load_twice()
    now = timezone.now()
    course = course_of("klient@forlop.test")
    assert course.phase == Phase.AVRUSNING
    assert course.match_request is not None and course.carried_over["request_id"] == course.match_request_id
    assert {m.role: m.user.email for m in course.team.all()} == {
        "therapist": "terapeut@forlop.test",
        "doctor": "lege@forlop.test",
        "coordinator": "koordinator@forlop.test",
    }
    decision = SettingDecision.objects.get(course=course)
    assert decision.setting == "poliklinisk" and decision.reason
    [pawss] = ScaleEntry.objects.filter(course=course, instrument="pawss")
    assert pawss.total is not None and pawss.total < 4
    ciwa = list(ScaleEntry.objects.filter(course=course, instrument="ciwa_ar").order_by("taken_at"))
    totals = [entry.total for entry in ciwa]
    assert len(ciwa) >= 5
    assert totals == sorted(totals, reverse=True) and totals[0] >= 12 and totals[-1] <= 4
    assert all(entry.taken_at < now for entry in ciwa)
    assert ciwa[-1].taken_at - ciwa[0].taken_at <= timedelta(days=3)
    assert not any(entry.flagged for entry in ciwa)  # 14 is below the doctor's threshold of 15
    [version] = PlanVersion.objects.filter(plan__course=course)
    assert version.plan.kind == Kind.ALCOHOL_FIXED
    assert version.approved_by.email == "lege@forlop.test"
    assert any(dose["drug"] == "tiamin" for day in version.schedule["days"] for dose in day["doses"])
    plan = plan_services.plan_for(course)
    assert plan is not None and plan_services.current_revision(plan).goals
    pending = plan_services.pending_evaluation(plan)
    assert pending is not None and pending.due_on > now.date()
    notes = list(JournalNote.objects.filter(course=course))
    assert len(notes) == 2 and all(note.is_signed for note in notes)
    assert sum(note.amendments.count() for note in notes) == 1


def test_the_benzodiazepine_taper_converts_to_diazepam_and_goes_down_ten_percent_of_the_start_a_week():
    load_twice()
    course = course_of("siri.lunde@forlop.test")
    assert course.phase == Phase.AVRUSNING
    [version] = PlanVersion.objects.filter(plan__course=course)
    assert version.plan.kind == Kind.BENZODIAZEPINE and version.approved_at is not None
    assert version.inputs["rate_percent"] == 10
    assert {line["named_as"] for line in version.schedule["conversion"]["lines"]} == {"Sobril", "Imovane"}
    assert version.schedule["conversion"]["total_diazepam_mg"] in ("27.5", "27.50")
    assert plan_services.plan_for(course) is not None
    assert JournalNote.objects.filter(course=course, signed_at__isnull=False).count() == 1


def test_the_opioid_user_is_referred_to_lar_with_the_overdose_warning():
    load_twice()
    course = course_of("mats.berntsen@forlop.test")
    assert course.phase == Phase.KARTLEGGING
    decision = SettingDecision.objects.get(course=course)
    assert decision.setting == "tsb"
    assert "LAR" in decision.reason and "overdose" in decision.reason
    [note] = JournalNote.objects.filter(course=course)
    assert note.is_signed and "nalokson" in note.text and "LAR" in note.text


def test_the_demo_client_reads_the_course_and_the_approved_plan_in_min_side():
    load_twice()
    kim = User.objects.get(email="klient@forlop.test")
    course = course_of("klient@forlop.test")
    assert course.person.user_id == kim.pk
    client = login_verified(Client(), kim)

    page = client.get(reverse("care_plan:mine"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tor Haugen" in text and "Lene Dahl" in text
    plan_pk = PlanVersion.objects.get(plan__course=course).plan_id
    assert reverse("care_tapering:mine_plan", kwargs={"plan_pk": plan_pk}) in text

    schedule = client.get(reverse("care_tapering:mine_plan", kwargs={"plan_pk": plan_pk}))
    assert schedule.status_code == 200
    assert "iazepam" in schedule.content.decode()
    notes = client.get(reverse("care_journal:mine"))
    assert notes.status_code == 200 and "Oppstart av poliklinisk avrusning" in notes.content.decode()


def test_the_therapist_caseload_lists_the_courses_he_is_on():
    load_twice()
    tor = User.objects.get(email="terapeut@forlop.test")
    page = login_verified(Client(), tor).get(reverse("staff:caseload"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kim Olsen" in text and "Siri Lunde" in text
    assert "Mats Berntsen" not in text  # the doctor's course: Tor is not on its team
    assert "(Konsultasjon)" in text  # Kim's next appointment, booked by the demo


def test_kim_has_exactly_one_coming_consultation_however_often_the_demo_loads():
    from forlop.booking.models import Booking

    load_twice()
    coming = Booking.objects.filter(person__email="klient@forlop.test", status=Booking.Status.CONFIRMED)
    assert coming.count() == 1


def test_no_demo_email_carries_a_substance_or_a_dose():
    load_twice()
    # The step reminder the worker would send on a day Siri's dose changes, besides the match request's mail.
    version = PlanVersion.objects.get(plan__course__person__email="siri.lunde@forlop.test")
    day = tapering_services.change_days(version.schedule)[2]
    sent = tapering_services.send_step_reminders(now=datetime.combine(day, time(9), tzinfo=OSLO))
    assert sent == 1
    messages = list(OutboxMessage.objects.all())
    assert {m.template for m in messages} >= {
        "matching_received",
        "matching_suggestion",
        "care_tapering_step",
    }
    for message in messages:
        for text in (message.subject, message.body_text, message.body_html):
            words = set(re.findall(r"\w+", text.lower()))
            assert not [w for w in FORBIDDEN if w in words or (len(w) > 4 and w in text.lower())]
            assert not DOSE.search(text)


def test_the_doctor_keeps_no_demo_backup_codes():
    load_twice()
    assert not StaticDevice.objects.filter(user__email="lege@forlop.test").exists()


def test_it_leaves_a_real_account_with_the_demo_client_address_alone():
    User.objects.create_user(
        "klient@forlop.test", "et-langt-ekte-passord", full_name="Ekte Klient", is_client=True
    )
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "hører til en ekte konto" in out.getvalue()
    assert not Course.objects.filter(person__email="klient@forlop.test").exists()
    assert Course.objects.count() == 2


def test_it_refuses_in_production():
    with override_settings(DEMO_DATA_ALLOWED=False), pytest.raises(CommandError):
        demo.load(StringIO())
