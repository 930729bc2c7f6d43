"""Settings for the B3 server: the real ones plus a minimal view to compare with (culture_site_urls)."""

from gonghui.settings import *  # noqa: F403

ROOT_URLCONF = "culture_site_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405 - persistent connections, as a deployment runs them
CULTURE_MAX_OPEN_BOOKINGS = 5  # one booking in each of B3's rounds (b3_booking.ROUNDS)
