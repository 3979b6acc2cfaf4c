"""The production settings, plus a bare view to measure the server itself against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The baseline is Django with nothing cached: the page cache must not answer it.
PAGE_CACHE_SKIP_PATHS = [*PAGE_CACHE_SKIP_PATHS, "/bench/"]  # noqa: F405
