"""The relative's own course: lessons, private answers, done marks; the public first lesson; booking the
pårørendesamtale. Ola and Kari are relatives (forlop/relatives/tests/conftest.py); nobody needs to share
anything with them for the course to be theirs."""

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, ActorKind
from forlop.booking.models import Booking, ConsultationType
from forlop.booking.tests.conftest import make_profile
from forlop.booking.tests.helpers import book
from forlop.lib import crisis
from forlop.relatives.craft import services
from forlop.relatives.craft.models import ExerciseAnswer, LessonDone
from forlop.therapists.models import FocusArea

from .conftest import NOW, START, as_user, details

LESSONS = reverse("relatives:craft:lessons")
SAFETY = reverse("relatives:craft:lesson", kwargs={"slug": "sikkerhet-forst"})
TALK_LESSON = reverse("relatives:craft:lesson", kwargs={"slug": "positiv-kommunikasjon"})
SECRET = "Jeg går til naboen Liv i nr. 4 med ungene."


def write(client, url=SAFETY, **answers):
    return client.post(url, answers)


def test_it_lists_the_seven_lessons_for_a_relative_with_nothing_shared(client, ola):
    as_user(client, ola)
    response = client.get(LESSONS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sikkerhet først" in page and "Å invitere til behandling" in page
    assert "Du har fullført 0 av 7 leksjoner." in page
    assert reverse("relatives:craft:talk") in page


def test_a_lesson_shows_its_text_its_questions_and_the_help_numbers_from_the_crisis_module(client, ola):
    as_user(client, ola)
    page = client.get(SAFETY).content.decode()
    assert "Vold og trusler" in page
    assert "Hvis det ble farlig hjemme i kveld" in page
    assert f'href="{crisis.EMERGENCY.tel}"' in page and crisis.LEGEVAKT.number in page
    assert "116 111" in page
    assert "Bare du kan se det du skriver her." in page


def test_a_relative_saves_answers_and_sees_them_again(client, ola):
    as_user(client, ola)
    response = write(client, plan=SECRET, tegn="")
    assert response.status_code == 302
    assert SECRET in client.get(SAFETY).content.decode()
    [answer] = ExerciseAnswer.objects.all()
    assert (answer.relative, answer.lesson, answer.exercise) == (ola, "sikkerhet-forst", "plan")


def test_emptying_an_answer_deletes_it(client, ola):
    as_user(client, ola)
    write(client, plan=SECRET)
    write(client, plan="  ")
    assert not ExerciseAnswer.objects.exists()


def test_another_relative_never_sees_the_answers(client, ola, kari):
    as_user(client, ola)
    write(client, plan=SECRET)
    client.logout()
    as_user(client, kari)
    page = client.get(SAFETY).content.decode()
    assert SECRET not in page
    write(client, plan="Karis eget svar")
    assert ExerciseAnswer.objects.get(relative=ola).text == SECRET


def test_the_person_who_shares_with_the_relative_never_sees_their_answers(client, nora, ola):
    from .conftest import share

    share(nora, ola)
    as_user(client, ola)
    write(client, plan=SECRET)
    client.logout()
    as_user(client, nora)
    assert SECRET not in client.get(SAFETY).content.decode()
    for url in (reverse("relatives:consents"), reverse("minside:home")):
        assert SECRET not in client.get(url, follow=True).content.decode()


def test_staff_and_anonymous_visitors_are_refused(client, therapist, ola):
    response = client.get(SAFETY)
    assert response.status_code == 302 and "next=" in response["Location"]
    login_verified(client, therapist)
    assert client.get(SAFETY).status_code == 403
    assert client.get(LESSONS).status_code == 403
    assert client.post(SAFETY, {"plan": "x"}).status_code == 403
    assert not ExerciseAnswer.objects.exists()


def test_an_unknown_lesson_is_not_found(client, ola):
    as_user(client, ola)
    assert client.get(reverse("relatives:craft:lesson", kwargs={"slug": "finnes-ikke"})).status_code == 404


def test_an_answer_that_is_too_long_is_refused_and_kept_in_the_field(client, ola):
    as_user(client, ola)
    response = write(client, plan="x" * 4001)
    assert response.status_code == 400
    assert "høyst 4000 tegn" in response.content.decode()
    assert not ExerciseAnswer.objects.exists()


def test_an_answer_to_an_exercise_the_lesson_does_not_have_is_ignored(client, ola):
    as_user(client, ola)
    write(client, plan="svar", annet="ukjent")
    assert list(ExerciseAnswer.objects.values_list("exercise", flat=True)) == ["plan"]
    with pytest.raises(services.CraftError):
        services.save_answers(relative=ola, lesson="sikkerhet-forst", answers={"annet": "x"}, by=ola.user)


def test_a_relative_marks_a_lesson_done_and_can_take_the_mark_away(client, ola):
    as_user(client, ola)
    client.post(TALK_LESSON, {"done": "1"})
    client.post(TALK_LESSON, {"done": "1"})
    assert LessonDone.objects.filter(relative=ola, lesson="positiv-kommunikasjon").count() == 1
    assert "Du har fullført 1 av 7 leksjoner." in client.get(LESSONS).content.decode()
    client.post(TALK_LESSON, {"done": "0"})
    assert not LessonDone.objects.exists()


def test_only_the_relative_may_write_in_their_course(ola, kari):
    with pytest.raises(services.CraftError):
        services.save_answers(relative=ola, lesson="sikkerhet-forst", answers={"plan": "x"}, by=kari.user)
    with pytest.raises(services.CraftError):
        services.mark_done(relative=ola, lesson="sikkerhet-forst", done=True, by=kari.user)


def test_reading_the_answers_is_logged_as_the_relatives_own_read(client, ola):
    as_user(client, ola)
    write(client, plan=SECRET)
    answer = ExerciseAnswer.objects.get()
    client.get(SAFETY)
    rows = AccessLog.objects.filter(object_type="relatives.exerciseanswer", object_id=str(answer.pk))
    read = rows.filter(action="view").get()
    assert read.person == ola and read.actor_kind == ActorKind.SELF
    assert SECRET not in str(list(AccessLog.objects.values_list("why", "object_id", "subject_label")))
    assert rows.filter(action="create").exists()  # the save is recorded too, as the relative's own


def test_the_first_lesson_is_public_and_the_rest_need_an_account(client):
    response = client.get(reverse("relatives:craft:preview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sikkerhet først" in page and crisis.EMERGENCY.number in page
    assert "Hvis det ble farlig hjemme i kveld" in page  # the question, to think about
    assert "<textarea" not in page
    assert "Å invitere til behandling" in page
    assert reverse("relatives:start") in page


# --- The pårørendesamtale ------------------------------------------------------------------------------------


@pytest.fixture
def relatives_therapist(other_therapist):
    therapist = make_profile(user=other_therapist, slug="liv-parorende", name="Liv Pårørende")
    therapist.focus_areas.add(FocusArea.objects.get(key="parorende"))
    return therapist


def test_the_talk_is_its_own_video_type_that_says_with_or_without_the_person(db):
    ctype = services.talk_type()
    assert ctype is not None
    assert (ctype.name, ctype.mode, ctype.doctors_only) == ("Pårørendesamtale", "video", False)
    assert ctype.duration_minutes == ConsultationType.objects.get(slug="konsultasjon").duration_minutes
    assert "sammen med personen" in ctype.description and "trenger ikke" in ctype.description
    assert ConsultationType.objects.filter(name="Pårørendesamtale").count() == 1


def test_the_talk_page_lists_who_offers_it_and_links_into_the_booking_flow(client, relatives_therapist):
    page = client.get(reverse("relatives:craft:talk")).content.decode()
    assert "Liv Pårørende" in page
    url = reverse("booking:start", kwargs={"slug": "liv-parorende"}) + "?type=parorende"
    assert url in page
    picker = client.get(url)
    assert picker.status_code == 200 and "Pårørendesamtale" in picker.content.decode()


def test_a_therapist_who_does_not_offer_it_is_not_listed(client, relatives_therapist):
    services.talk_type().therapists.remove(relatives_therapist)
    assert "Liv Pårørende" not in client.get(reverse("relatives:craft:talk")).content.decode()


def test_the_booking_api_shows_the_talk_for_a_therapist_who_works_with_relatives(client, relatives_therapist):
    data = client.get(reverse("booking:api_therapists")).json()
    [row] = [t for t in data["therapists"] if t["slug"] == "liv-parorende"]
    assert "parorende" in [t["slug"] for t in row["consultation_types"]]


def test_anyone_can_book_the_talk_without_an_account(relatives_therapist):
    confirmation = book(
        therapist=relatives_therapist,
        ctype=services.talk_type(),
        start=START,
        now=NOW,
        details=details("mor@example.no", "Mor Bekymret"),
    )
    booking = Booking.objects.get(pk=confirmation.booking.pk)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.consultation_type.slug == "parorende"


def test_the_relatives_area_links_to_the_course_and_the_talk(client, ola):
    as_user(client, ola)
    page = client.get(reverse("relatives:home")).content.decode()
    assert LESSONS in page
    assert reverse("relatives:craft:talk") in page and "Bestill en pårørendesamtale" in page


def test_the_public_page_for_relatives_links_to_the_first_lesson_and_the_talk(client):
    page = client.get(reverse("relatives:start")).content.decode()
    assert reverse("relatives:craft:preview") in page and reverse("relatives:craft:talk") in page
