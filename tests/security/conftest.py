import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clean_cache(settings):
    # Counters live in the cache; a fast hasher keeps dozens of sign-in attempts quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()
