import pytest

from forlop.accounts.testing import login_verified


@pytest.fixture
def verified_login(client):
    """`verified_login(user)` logs `user` into the `client` fixture with a verified second factor."""
    return lambda user: login_verified(client, user)
