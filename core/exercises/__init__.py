"""Exercises, predict then reveal: each made from a seed, each checked here, never in a page.

`answers` reads what a student typed and checks it; one module per page makes its
exercise from `numpy.random.default_rng(seed)` and the page's own core (the calculator's
cell, the n-gram counts, the three encoders), so the expected value is the number the page
itself would show.
"""
