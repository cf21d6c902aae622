"""The exercises drawn: a seed in the link, a form per exercise, the verdict, the worked line.

Core (core/exercises/) makes each exercise and checks each answer; these modules show
them and keep the session's tally.
"""
