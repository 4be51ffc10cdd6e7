"""forlop.core.crypto: text encrypted at rest with keys from FORLOP_FIELD_KEYS, newest first."""

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.test import override_settings

from forlop.core import crypto

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def test_it_round_trips_text_and_hides_it():
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        token = crypto.encrypt("Søvnvansker, sug om kvelden – æøå")
        assert "Søvnvansker" not in token and token.isascii()
        assert crypto.decrypt(token) == "Søvnvansker, sug om kvelden – æøå"
        assert crypto.encrypt("samme") != crypto.encrypt("samme")  # a fresh IV every time


def test_it_reads_old_values_and_writes_with_the_newest_key():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        old_token = crypto.encrypt("skrevet med den gamle nøkkelen")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        assert crypto.decrypt(old_token) == "skrevet med den gamle nøkkelen"
        assert not crypto.is_current(old_token)
        rotated = crypto.rotate(old_token)
        assert crypto.is_current(rotated)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):  # the old key removed
        assert crypto.decrypt(rotated) == "skrevet med den gamle nøkkelen"
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(old_token)


def test_it_derives_a_stable_development_key_from_the_secret_key():
    with override_settings(FIELD_ENCRYPTION_KEYS=[], SECRET_KEY="a" * 50, PRODUCTION=False):
        token = crypto.encrypt("utvikling")
        assert crypto.decrypt(token) == "utvikling"
        assert crypto.derived_key("a" * 50) == crypto.derived_key("a" * 50)
        assert crypto.derived_key("a" * 50).decode() != "a" * 50
    with override_settings(FIELD_ENCRYPTION_KEYS=[], SECRET_KEY="b" * 50, PRODUCTION=False):
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(token)


def test_it_refuses_to_start_in_production_without_keys():
    with override_settings(FIELD_ENCRYPTION_KEYS=[], PRODUCTION=True):
        assert [e.id for e in crypto.field_keys_configured()] == ["core.E010"]
        with pytest.raises(Exception, match="FORLOP_FIELD_KEYS"):
            crypto.encrypt("x")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW], PRODUCTION=True):
        assert crypto.field_keys_configured() == []


def test_it_reports_a_malformed_key():
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, "ikke-en-nøkkel"]):
        assert [e.id for e in crypto.field_keys_configured()] == ["core.E011"]


def test_it_is_a_registered_system_check():
    with override_settings(FIELD_ENCRYPTION_KEYS=["ødelagt"]):
        assert "core.E011" in [e.id for e in run_checks(tags=["security"])]
