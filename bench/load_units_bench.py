"""Loading the whole country's administrative units (target: under a minute). Prints seconds.

    .venv/bin/python bench/load_units_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antq_bench .venv/bin/python bench/load_units_bench.py
"""

import time

from _setup import django_setup

django_setup()

from geography.loaders import load_units  # noqa: E402
from geography.models import Layout  # noqa: E402

for label, layout in [("pre-2025 layout", Layout.LEGACY), ("2025 layout + old→new", Layout.Y2025)]:
    for attempt in ("first load", "re-run (idempotent)"):
        started = time.perf_counter()
        result = load_units(layout=layout)
        elapsed = time.perf_counter() - started
        print(f"{label:<24} {attempt:<20} {elapsed:6.2f} s  created={result.created} "
              f"updated={result.updated} unchanged={result.unchanged} successions={result.successions}")
