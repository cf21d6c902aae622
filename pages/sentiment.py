"""Placeholder until the sentiment page lands in this session."""

import streamlit as st

st.info("Đang xây dựng · Under construction")
