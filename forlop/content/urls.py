from django.urls import path

from . import views

app_name = "content"
urlpatterns = [
    path("artikler/", views.article_list, name="list"),
    path("artikler/feed/", views.feed, name="feed"),
    path("artikler/<slug:slug>/", views.article_detail, name="detail"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
