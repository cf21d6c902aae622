"""Helpers of scripts/bench_footprint.py: the venv, the server and the browser visits."""
