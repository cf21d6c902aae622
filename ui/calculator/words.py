"""The calculator's sentences in the reader's language: titles, errors, saturation notes."""

from __future__ import annotations

from core.calculator.parse import FieldError
from core.calculator.share import ShareCodeError
from core.calculator.tables import Tables
from core.calculator.trace import SATURATION, Saturation
from ui.calculator.lines import ACT_SYMBOL
from ui.calculator.tables import gate_name, where
from ui.format import slide
from ui.i18n import error_text, t


def gate_title(g: str, activation: str, lang: str) -> str:
    """'f · forget gate', or the RNN's 'h · hidden update (ReLU)'."""
    if g == "h":
        return t("calculator.rnn_update", lang, act=ACT_SYMBOL[activation])
    return f"{g} · {gate_name(g, lang)}"


def field_error(e: FieldError, tables: Tables, lang: str) -> str:
    """'g · candidate, h[1]: empty cell: type a number, e.g. 0' (plain text, not escaped)."""
    at = where(e, tables, lang)
    text = error_text(e, lang)
    return f"{at}: {text}" if at else text


def field_errors(errors, tables: Tables, lang: str) -> dict[str, list[str]]:
    """Every error's text, grouped by the table it is about (tables in FIELDS order)."""
    out: dict[str, list[str]] = {}
    for e in errors:
        out.setdefault(e.field, []).append(field_error(e, tables, lang))
    return out


def share_error(err: ShareCodeError, lang: str) -> str:
    """Why a share code was refused; a bad number also says what is wrong with it."""
    text = error_text(err, lang)
    return f"{text}: {error_text(err.cause, lang)}" if err.cause is not None else text


def saturation(s: Saturation, units: int, lang: str) -> str:
    """One saturated gate unit: where, how large, and what it does to the gradient."""
    unit = t("calculator.sat_unit", lang, unit=s.unit) if units > 1 else ""
    return t(
        "calculator.sat_warning",
        lang,
        t=s.t,
        gate=s.gate,
        unit=unit,
        pre=slide(s.pre),
        limit=slide(SATURATION),
        act=ACT_SYMBOL[s.activation],
        d=slide(s.derivative, 4),
    )
