from django.conf import settings as django_settings


def test_passwords_are_hashed_with_argon2_in_the_real_configuration():
    # The autouse fixture swaps in MD5 for speed during tests; the project's own setting is Argon2.
    from importlib import reload

    import forlop.settings as project_settings

    reload(project_settings)
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert django_settings.AUTH_PASSWORD_VALIDATORS == project_settings.AUTH_PASSWORD_VALIDATORS
