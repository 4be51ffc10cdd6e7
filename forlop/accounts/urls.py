from django.urls import include, path

from . import client_views, views

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
    path("ansatt/bekreft/passnokkel/valg/", views.stepup_passkey_options, name="stepup_passkey_options"),
    path("ansatt/bekreft/passnokkel/", views.stepup_passkey, name="stepup_passkey"),
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

# Min side's login (clients): the same services, its own pages (forlop.accounts.client_views).
client_patterns = [
    path("min-side/logg-inn/", client_views.login, name="client_login"),
    path("min-side/logg-inn/bekreft/", client_views.verify, name="client_verify"),
    path("min-side/logg-inn/lenke/", client_views.link_login, name="client_link_login"),
    path("min-side/logg-inn/lenke/<str:token>/", client_views.link, name="client_link"),
    path(
        "min-side/logg-inn/passnokkel/valg/",
        client_views.passkey_login_options,
        name="client_passkey_login_options",
    ),
    path("min-side/logg-inn/passnokkel/", client_views.passkey_login, name="client_passkey_login"),
    path("min-side/logg-ut/", client_views.logout, name="client_logout"),
    path("min-side/logg-inn/idporten/", client_views.idporten_start, name="idporten_start"),
    path("min-side/logg-inn/idporten/svar/", client_views.idporten_callback, name="idporten_callback"),
    path("min-side/invitasjon/<str:token>/", client_views.invitation, name="client_invitation"),
    path("min-side/sikkerhet/", client_views.security, name="client_security"),
    path("min-side/sikkerhet/oppsett/", client_views.setup, name="client_setup"),
    path(
        "min-side/sikkerhet/passnokkel/valg/",
        client_views.passkey_register_options,
        name="client_passkey_register_options",
    ),
    path("min-side/sikkerhet/passnokkel/", client_views.passkey_register, name="client_passkey_register"),
    path("min-side/sikkerhet/reservekoder/", client_views.backup_codes, name="client_backup_codes"),
]

urlpatterns = [
    path("", include((account_patterns + client_patterns, "accounts"))),
]
