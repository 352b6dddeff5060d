"""The benchmarks' settings: the production settings (``DEBUG`` off, hashed
static files) with a URLconf that adds the floor pages of ``bench_urls``."""

from lifelong_week.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
