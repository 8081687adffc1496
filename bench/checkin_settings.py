"""Settings for the check-in burst bench's server: the project's settings, with a urlconf
that adds the bare-insert baseline view. Never used outside ``bench_checkin_burst``."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.checkin_urls"
