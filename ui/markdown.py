"""Typed text made safe to show through Streamlit's Markdown (st.error, st.markdown)."""

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'^%@;,/?])")
ZWSP = "\u200b"


def md_escape(text: str) -> str:
    """Typed text made inert for Markdown: it renders as itself, never as a link, image or bold.

    Punctuation is backslashed. GitHub-style autolinks ('http://x', 'www.x', 'a@b.c')
    are found after escapes are resolved, so a zero-width space splits them instead.
    """
    text = re.sub(r":(?=/)", ":" + ZWSP, str(text))
    text = re.sub(r"(?i)(www)\.", r"\1" + ZWSP + ".", text).replace("@", "@" + ZWSP)
    return _MD_SPECIAL.sub(r"\\\1", text)


def shown_text(md: str) -> str:
    """What a reader sees of md_escape's output: backslashes and zero-width spaces gone."""
    return re.sub(r"\\(.)", r"\1", md).replace(ZWSP, "")
