import pytest
from django.urls import reverse

from forlop.content.rendering import word_count
from forlop.course.models import Audience, Lesson

from .conftest import SITE_URL


def preview_url(lesson: Lesson) -> str:
    return reverse("admin:course_lesson_preview", args=[lesson.pk])


@pytest.mark.django_db
def test_there_are_ten_original_lessons_of_300_to_600_words(lessons):
    assert Lesson.objects.count() == 10
    for audience in Audience.values:
        assert list(Lesson.objects.for_audience(audience).values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    for lesson in Lesson.objects.all():
        assert 300 <= word_count(lesson.body) <= 600, lesson
        assert "Neste steg" in lesson.body, lesson
    for number in (1, 2, 3, 4, 5):
        own, relative = (Lesson.objects.get(number=number, audience=a).body for a in Audience.values)
        assert own != relative
    last = {lesson.audience: lesson.body for lesson in Lesson.objects.filter(number=5)}
    for body in last.values():
        assert "førstesamtale" in body and "(/finn-terapeut/)" in body
        assert "113" in body and "116 117" in body


@pytest.mark.django_db
def test_an_admin_previews_the_lesson_email_as_it_will_be_sent(verified_client, admin_user, lessons):
    lesson = Lesson.objects.get(number=5, audience="relative")
    response = verified_client(admin_user).get(preview_url(lesson))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Leksjon 5 for «en jeg er glad i»" in html
    assert "Del 5 av 5: Ubehag, lindring og veien videre" in html
    assert "List-Unsubscribe-Post" in html and "List-Unsubscribe=One-Click" in html
    # The HTML email sits in a sandboxed frame; the plain text below it.
    assert '<iframe class="course-email-preview"' in html and " sandbox " in html
    assert "&lt;h1&gt;Abstinens: når rusen brukes for å dempe ubehag&lt;/h1&gt;" in html
    assert f"matchskjemaet ({SITE_URL}/finn-terapeut/)" in html
    assert "Hei, Kari!" in html
    assert reverse("admin:course_lesson_change", args=[lesson.pk]) in html


@pytest.mark.django_db
def test_an_edited_lesson_is_what_the_next_email_says(verified_client, admin_user, lessons):
    lesson = Lesson.objects.get(number=1, audience="self")
    client = verified_client(admin_user)
    response = client.post(
        reverse("admin:course_lesson_change", args=[lesson.pk]),
        {"title": lesson.title, "subject": "Ny emnelinje", "body": "Ny tekst med [lenke](/kontakt/)."},
    )
    assert response.status_code == 302
    html = client.get(preview_url(lesson)).content.decode()
    assert "Ny emnelinje" in html
    assert f"lenke ({SITE_URL}/kontakt/)" in html


@pytest.mark.django_db
def test_the_admin_lists_the_lessons_with_word_counts_and_allows_no_adding_or_deleting(
    verified_client, admin_user, lessons
):
    client = verified_client(admin_user)
    response = client.get(reverse("admin:course_lesson_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forhåndsvis" in html
    assert client.get(reverse("admin:course_lesson_add")).status_code == 403
    lesson = Lesson.objects.first()
    assert client.get(reverse("admin:course_lesson_delete", args=[lesson.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "therapist"])
def test_only_admins_may_preview(verified_client, persona, request, lessons):
    lesson = Lesson.objects.first()
    response = verified_client(request.getfixturevalue(persona)).get(preview_url(lesson))
    assert response.status_code in (302, 403)
    assert "Hei, Kari!" not in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_cannot_preview(client, lessons):
    response = client.get(preview_url(Lesson.objects.first()))
    assert response.status_code == 302
