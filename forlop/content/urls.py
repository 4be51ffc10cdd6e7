from django.urls import include, path

from . import staff_views, views

app_name = "content"

# A namespace of their own ("content:staff"), so the public menu's "Artikler" is not marked current there.
staff_patterns = [
    path("ansatt/artikler/medisinsk-gjennomgang/", staff_views.medical_reviews, name="medical_reviews"),
    path(
        "ansatt/artikler/<int:pk>/medisinsk-gjennomgang/", staff_views.medical_review, name="medical_review"
    ),
    path(
        "ansatt/artikler/<int:pk>/medisinsk-gjennomgang/gjennomgatt/",
        staff_views.mark_reviewed,
        name="mark_reviewed",
    ),
]

urlpatterns = [
    path("artikler/", views.article_list, name="list"),
    path("artikler/feed/", views.feed, name="feed"),
    path("artikler/<slug:slug>/", views.article_detail, name="detail"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("", include((staff_patterns, "staff"))),
]
