"""The gradient explorer's numbers and problems as words, in the reader's language."""

from __future__ import annotations

import math

from core.gradients import BadInput, CalculatorCell, Problem
from core.gradients.explorer import EXPLODES, ExplorerResult, GradientCurve
from core.gradients.scalar import ScalarSeries
from ui.format import significant
from ui.i18n import t


def number_text(x: float | None, lang: str) -> str:
    """A number for students (ui.format.significant); inf and a lost (None, NaN) one in words."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return t("gradients.num.overflow", lang)
    if x == math.inf:
        return t("gradients.num.inf", lang)
    return significant(x)


def fmt_log10(lg: float, lang: str) -> str:
    """10**lg without overflowing: beyond float64 it is written as a power of ten."""
    if math.isnan(lg):
        return t("gradients.num.overflow", lang)
    if lg == -math.inf:
        return t("gradients.num.exact_zero", lang)
    if lg == math.inf:
        return "∞"
    if -300 < lg < 300:
        return number_text(10.0**lg, lang)
    return f"10^{lg:.1f}"


def _plain(x) -> str:
    """A value the visitor typed, as it was (no words: 256, 2.5, nan, (3, 2))."""
    if isinstance(x, float) and x.is_integer() and math.isfinite(x):
        return f"{x:g}"
    return str(x)


def problem_text(field: str, p: Problem, lang: str) -> str:
    """What is wrong with one field and what to do, in lang."""
    return t(
        f"error.gradients_{p.code}",
        lang,
        field=t(f"gradients.field.{field}", lang),
        lo=_plain(p.lo),
        hi=_plain(p.hi),
        got=_plain(p.got),
        detail=p.detail or "",
    )


def problems_text(err: BadInput, lang: str) -> dict[str, str]:
    """Field -> its message, for every field the error names."""
    return {field: problem_text(field, p, lang) for field, p in err.problems.items()}


# ------------------------------------------------------------------ the scalar view


def regime(s: ScalarSeries, lang: str) -> str:
    """Stays, vanishes or explodes, with Streamlit's colour markup."""
    if abs(s.w) == 1:
        return t("gradients.scalar.regime_stays", lang)
    key = "vanishes" if abs(s.w) < 1 else "explodes"
    return t(f"gradients.scalar.regime_{key}", lang)


def scalar_metrics(s: ScalarSeries, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the scalar view's metrics: the last value, |w|, where it breaks."""
    out = [(f"input · w^{s.n}", fmt_log10(float(s.log10_abs[-1]), lang)), ("|w|", f"{abs(s.w):g}")]
    if s.exploded.any():
        out.append((t("gradients.scalar.overflow_from", lang), str(int(s.steps[s.exploded][0]))))
    elif s.vanished.any():
        out.append((t("gradients.scalar.vanish_from", lang), str(int(s.steps[s.vanished][0]))))
    return out


# ------------------------------------------------------------------ the real networks


def verdict(lg: float | None, status: str | None, lang: str) -> str:
    """Words (with a colour) for how much a gradient changed from t = T back to t = 1."""
    if status in ("overflow", "zero_last"):
        return t(f"gradients.verdict.{status}", lang)
    if lg == -math.inf:
        return t("gradients.verdict.zero", lang)
    if lg < -EXPLODES:
        return t("gradients.verdict.vanishing", lang)
    if lg > EXPLODES:
        return t("gradients.verdict.exploding", lang)
    return t("gradients.verdict.kept", lang)


def span_metrics(r: ExplorerResult, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, verdict) for the RNN's, the LSTM's and the LSTM cell path's span."""
    out = []
    for key, lg, status in (
        ("span_rnn", r.rnn.span_log10, r.rnn.span_status),
        ("span_lstm", r.lstm.span_log10, r.lstm.span_status),
        ("span_cell", r.lstm.cell_span_log10, r.lstm.cell_span_status),
    ):
        short = {"overflow": "inf / NaN", "zero_last": "x / 0"}.get(status)
        value = short or ("0" if lg == -math.inf else fmt_log10(lg, lang))
        out.append((t(f"gradients.bptt.{key}", lang), value, verdict(lg, status, lang)))
    return out


def handoff_info(cell: CalculatorCell, lang: str) -> str:
    """Which network is the calculator's cell and which one it is compared with."""
    other = "LSTM" if cell.kind == "rnn" else "RNN"
    H, I = cell.params.hidden_size, cell.params.input_size
    return t("gradients.bptt.handoff_info", lang, H=H, I=I, kind=cell.kind.upper(), other=other)


def forget_bias_values(params, shown: int = 8) -> str:
    """The cell's own forget-gate bias b_if + b_hf, the first few units."""
    _, _, b_if, b_hf = params.gate("f")
    b = b_if + b_hf  # (H,)
    return ", ".join(f"{v:.3g}" for v in b[:shown]) + ("…" if b.size > shown else "")


def rho_caption(r: ExplorerResult, lang: str) -> str:
    """The spectral radius and norm beside the scale slider."""
    w = r.rnn_why
    key = "rho_cell" if r.calculator_kind == "rnn" else "rho"
    return t(
        f"gradients.bptt.{key}",
        lang,
        rho=f"{w.spectral_radius:.3g}",
        sigma=f"{w.spectral_norm:.3g}",
    )


def inputs_note(r: ExplorerResult, lang: str) -> str:
    """Where the inputs came from."""
    src = r.inputs
    if src.kind == "calculator":
        return t("gradients.bptt.inputs_calculator", lang, steps=src.steps, T=len(r.steps))
    return t("gradients.bptt.inputs_random", lang, seed=src.seed, I=src.size)


def notes(r: ExplorerResult, lang: str) -> list[str]:
    """The warnings core flagged (a forward pass that overflowed), worded."""
    at = {"rnn": r.rnn.overflow_from, "lstm": r.lstm.overflow_from}
    return [t(f"gradients.bptt.note_{code}", lang, t=at[code.split("_")[0]]) for code in r.notes]


def rnn_why_text(r: ExplorerResult, lang: str) -> str:
    """The RNN's Jacobian, its spectral numbers and its per-step factor."""
    w = r.rnn_why
    mark = t("gradients.why.cell_mark", lang) if r.calculator_kind == "rnn" else ""
    head = t(
        "gradients.why.rnn",
        lang,
        mark=mark,
        rho=f"{w.spectral_radius:.3g}",
        sigma=f"{w.spectral_norm:.3g}",
        act=f"{w.mean_act_deriv:.3g}",
    )
    if not len(w.ks):
        tail = t("gradients.why.rnn_no_step", lang)
    elif math.isnan(w.per_step_factor) and r.rnn.overflow_from is not None:
        tail = t("gradients.why.rnn_factor_undefined", lang, t=r.rnn.overflow_from)
    else:
        tail = t("gradients.why.rnn_factor", lang, factor=number_text(w.per_step_factor, lang))
    return head + "  \n" + tail


def lstm_why_text(r: ExplorerResult, lang: str) -> str:
    """The LSTM's forget gates along the cell path."""
    w = r.lstm_why
    mark = t("gradients.why.cell_mark", lang) if r.calculator_kind == "lstm" else ""
    return t(
        "gradients.why.lstm",
        lang,
        mark=mark,
        mean=f"{w.mean_forget:.3g}",
        factor=number_text(w.per_step_factor, lang),
    )


def lstm_loss_text(r: ExplorerResult, lang: str) -> str | None:
    """Why the LSTM's gradient fares badly (explodes, vanishes, or shrinks far more than the
    RNN's changes), with the span it is about; None when it does not. On the calculator's own
    LSTM cell a shrinking gradient adds where the lecture's point shows instead."""
    if r.lstm_loss is None:
        return None
    w = r.lstm_why
    text = t(
        f"gradients.why.lstm_loss_{r.lstm_loss}",
        lang,
        span=fmt_log10(r.lstm.span_log10, lang),
        c=f"{w.max_abs_cell:.3g}",
        d=number_text(w.mean_tanh_deriv_cell, lang),
        f=f"{w.per_step_factor:.3g}",
    )
    if r.calculator_kind == "lstm" and r.lstm_loss != "exploding":
        random = t("gradients.bptt.source_random", lang)
        text += " " + t("gradients.why.cell_hint", lang, random=random)
    return text


def clip_messages(r: ExplorerResult, lang: str) -> list[tuple[str, str]]:
    """(kind, text) per network when clipping is on: kind is "error", "success" or "info"."""
    out = []
    for cur in (r.rnn, r.lstm):
        out.append(_clip_message(cur, r.config.max_norm, lang))
    return out


def _clip_message(cur: GradientCurve, max_norm: float, lang: str) -> tuple[str, str]:
    before = number_text(cur.param_grad_norm, lang)
    if math.isnan(cur.clip_coef):
        return "error", t("gradients.clip.cannot_repair", lang, name=cur.name)
    if cur.clip_coef < 1.0:
        after = number_text(cur.param_grad_norm * cur.clip_coef, lang)
        coef = f"{cur.clip_coef:.3g}"
        return "success", t(
            "gradients.clip.clipped", lang, name=cur.name, before=before, after=after, coef=coef
        )
    return "info", t(
        "gradients.clip.not_needed", lang, name=cur.name, before=before, max_norm=f"{max_norm:g}"
    )
