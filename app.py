"""LSTM Lab: entry point. Builds the navigation; each page is a short script in pages/."""

import streamlit as st

st.set_page_config(page_title="LSTM Lab", page_icon="🔁", layout="wide")


def navigation() -> st.navigation:
    """All pages of the site, in the order of the lecture."""
    return st.navigation(
        [
            st.Page("pages/home.py", title="Trang chủ · Home", icon="🏠", default=True),
            st.Page(
                "pages/calculator.py", title="Máy tính RNN/LSTM", icon="🧮", url_path="calculator"
            ),
            st.Page(
                "pages/gradients.py",
                title="Gradient qua thời gian",
                icon="📉",
                url_path="gradients",
            ),
            st.Page(
                "pages/sentiment.py", title="Phân tích cảm xúc", icon="💬", url_path="sentiment"
            ),
        ]
    )


# Streamlit treats an app with a folder named pages/ as an old-style (v1) multipage app
# until st.navigation first runs in the process. A deep link opened first after a
# restart (a teacher's shared /calculator?... link) would then run the page script alone:
# file-name sidebar, no page config, no error guard below. Each page script therefore
# starts by clearing that flag and rerunning, which lands here, unless this session has
# already been here ("nav_ready": a rerun would drop the click that caused this run).
page = navigation()
st.session_state["nav_ready"] = True
try:
    page.run()
except Exception as exc:  # noqa: BLE001 - the last line of defence for a visitor
    # Streamlit's own control flow (reruns, page switches, st.stop) must pass through.
    if type(exc).__module__.startswith("streamlit"):
        raise
    st.error(
        "Trang này gặp lỗi không mong muốn và đã dừng lại. Hãy tải lại trang; "
        "nếu lỗi lặp lại, hãy báo cho giảng viên.\n\n"
        "This page hit an unexpected error and stopped. Reload the page; if it "
        f"happens again, please report it. ({type(exc).__name__})"
    )
