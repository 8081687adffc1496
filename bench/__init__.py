"""Seed-scale benchmarks: ``python -m bench --scale F`` (``make bench``). See README.md."""
