"""A doctor reviews an article on a phone and a desktop, with a keyboard; every page passes axe."""

from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.conftest import assert_accessible, screenshot
from forlop.content.models import Article


def log_in(page, live_server, user, settings) -> None:
    staff = login_verified(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_doctor_finds_an_unreviewed_article_and_marks_it_reviewed(
    page, live_server, make_article, doctor, settings
):
    doctor.full_name = "Lene Lege"
    doctor.save()
    article = make_article(
        title="Avrusning fra alkohol",
        body="## Første døgn\n\nSnakk med lege før du slutter.",
        gives_medical_advice=True,
    )
    log_in(page, live_server, doctor, settings)

    page.goto(live_server.url + "/ansatt/artikler/medisinsk-gjennomgang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Artikler til medisinsk gjennomgang"
    assert_accessible(page)
    screenshot(page, "content-medical-reviews")

    link = page.get_by_role("link", name="Avrusning fra alkohol")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ansatt/artikler/{article.pk}/medisinsk-gjennomgang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Avrusning fra alkohol"
    assert_accessible(page)
    screenshot(page, "content-medical-review")

    button = page.get_by_role("button", name="Marker som medisinsk gjennomgått")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ansatt/artikler/medisinsk-gjennomgang/")
    assert (
        page.get_by_role("status")
        .get_by_text("Artikkelen er markert som medisinsk gjennomgått av deg.")
        .is_visible()
    )
    assert page.get_by_text(
        "Alle artikler som gir medisinske råd, er gjennomgått av lege slik de står nå."
    ).is_visible()
    assert Article.objects.get(pk=article.pk).medical_review_is_current

    page.goto(live_server.url + article.get_absolute_url())
    assert page.get_by_text("Medisinsk gjennomgått av Lene Lege (lege)").is_visible()
    assert_accessible(page)
    screenshot(page, "content-article-reviewed")
