"""Home: what the site is, and a door to each pillar."""

import streamlit as st

from ui.page import start

lang = start()

st.title("LSTM Lab")
st.markdown(
    "Bài giảng **Introduction to LSTM** (AI VIETNAM) thành những thứ bạn chạm vào được: "
    "tự tính từng cổng, xem gradient biến mất, và thử một LSTM thật trên bình luận nhà hàng.  \n"
    '*The AI VIETNAM lecture "Introduction to LSTM", made hands-on: compute every gate, '
    "watch gradients vanish, and try a real LSTM on restaurant reviews.*"
)

c1, c2, c3 = st.columns(3)
with c1, st.container(border=True):
    st.subheader("🧮 Máy tính RNN/LSTM")
    st.caption("Slides 10-14 (RNN) · 29-50 (LSTM)")
    st.write(
        "Every intermediate number of the slides' worked examples; edit the "
        "weights and watch each gate recompute."
    )
    st.page_link("pages/calculator.py", label="Mở máy tính · Open the calculator", icon="➡️")
with c2, st.container(border=True):
    st.subheader("📉 Gradient qua thời gian")
    st.caption("Slide 28 · vanishing and exploding gradients")
    st.write(
        "Why a gradient scaled by 0.5 at every step vanishes and by 2 explodes, "
        "then real backpropagation through time in an RNN and an LSTM."
    )
    st.page_link("pages/gradients.py", label="Mở trình khám phá · Open the explorer", icon="➡️")
with c3, st.container(border=True):
    st.subheader("💬 Phân tích cảm xúc")
    st.caption("Slides 21-27 · NTC-SCV restaurant reviews")
    st.write(
        "Paste a Vietnamese review: language detection, each cleaning step, the "
        "tokens, and the verdict of an LSTM trained here."
    )
    st.page_link("pages/sentiment.py", label="Thử mô hình · Try the model", icon="➡️")
