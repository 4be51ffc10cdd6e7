from django.urls import include, path

from . import views

# Login, second factor and account security. The staff area's start page is forlop.staff's.
account_patterns = [
    path("ansatt/logg-inn/", views.login, name="login"),
    path("ansatt/logg-inn/bekreft/", views.verify, name="verify"),
    path("ansatt/logg-inn/passnokkel/valg/", views.passkey_login_options, name="passkey_login_options"),
    path("ansatt/logg-inn/passnokkel/", views.passkey_login, name="passkey_login"),
    path("ansatt/logg-ut/", views.logout, name="logout"),
    path("ansatt/glemt-passord/", views.password_reset, name="password_reset"),
    path("ansatt/glemt-passord/sendt/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "ansatt/nytt-passord/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("ansatt/sikkerhet/", views.security, name="security"),
    path("ansatt/sikkerhet/oppsett/", views.setup, name="setup"),
    path(
        "ansatt/sikkerhet/passnokkel/valg/", views.passkey_register_options, name="passkey_register_options"
    ),
    path("ansatt/sikkerhet/passnokkel/", views.passkey_register, name="passkey_register"),
    path("ansatt/sikkerhet/passnokkel/<int:pk>/fjern/", views.remove_passkey, name="remove_passkey"),
    path("ansatt/sikkerhet/app/<int:pk>/fjern/", views.remove_app, name="remove_app"),
    path("ansatt/sikkerhet/reservekoder/", views.backup_codes, name="backup_codes"),
    path("ansatt/sikkerhet/passord/", views.password_change, name="password_change"),
]

urlpatterns = [
    path("", include((account_patterns, "accounts"))),
]
