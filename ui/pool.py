"""The process's one pool of shared work (core/jobs.py), and this session's place in it.

Streamlit keeps one copy per server process (st.cache_resource), so every student's
Start on the same settings lands on the same run. A session is named once; when it ends
and Streamlit drops its state, it stops following whatever it followed, which cancels a
run nobody else watches and frees its worker.
"""

from __future__ import annotations

import uuid
import weakref

import streamlit as st

from core.jobs import JobPool


@st.cache_resource(show_spinner=False)
def pool() -> JobPool:
    """Workers for the whole process: as many as it has cores."""
    return JobPool()


class _SessionToken:
    """Lives exactly as long as the session's state does."""


def follower() -> str:
    """This session's name in the pool."""
    ss = st.session_state
    if "pool_follower" not in ss:
        name, token = uuid.uuid4().hex, _SessionToken()
        weakref.finalize(token, pool().leave_all, name)
        ss["pool_follower"], ss["pool_token"] = name, token
    return ss["pool_follower"]
