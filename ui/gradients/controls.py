"""The gradient explorer's controls: the scalar view's fields, the calculator's hand-off and
the networks' settings, each with a slot under it for core's message about that field."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import core.gradients as g
from core.errors import CoreError
from ui.controls import apply_preset, section
from ui.gradients import words
from ui.i18n import error_text
from ui.page import LINK

ss = st.session_state
# The networks' presets: activation, ρ(W_hh), T; each puts the forget bias back to 3.
PRESETS = {
    "vanish": ("tanh", 1.0, 200),
    "explode": ("relu", 2.0, 200),
    "overflow": ("relu", 8.0, 500),
}
PRESET_KEYS = ("bptt_activation", "bptt_scale", "bptt_length", "bptt_forget_bias")
SCALAR_PRESETS = {"half": 0.5, "double": 2.0}  # w of the scalar view's two buttons
saturating_cached = st.cache_data(g.saturating_inputs, max_entries=64, show_spinner=False)


def preset(name: str) -> dict[str, object]:
    """A network preset as widget values."""
    return dict(zip(PRESET_KEYS, (*PRESETS[name], 3.0), strict=True))


# The page's first state: the vanishing network, and w = 0.5 (slide 28) for the scalar.
DEFAULTS = {**preset("vanish"), "scalar_w": 0.5}


def init() -> None:
    """The settings start at DEFAULTS; a preset button moves them (ui/controls.py)."""
    apply_preset(ss, DEFAULTS, only_unset=True)


def show_problems(err: g.BadInput, slots: dict, lang: str) -> None:
    """Each refused field's message in the slot under it, its limits said (a problem of
    the calculator's cell as a whole in the "cell" slot)."""
    for field, text in words.problems_text(err, lang).items():
        slots.get(field, slots.get("cell", st)).error(text)


@dataclass(frozen=True)
class Scalar:
    """The scalar view's inputs, and a message slot under each field."""

    x0: float
    w: float
    n: int
    slots: dict


def scalar(lang: str) -> Scalar:
    """Two presets for w, then w, n and the input."""
    say = section("gradients", lang)
    for col, (name, w0) in zip(st.columns(2), SCALAR_PRESETS.items(), strict=True):
        col.button(
            say(f"scalar.preset_{name}"),
            key=f"scalar_preset_{name}",
            width="stretch",
            wrap=True,  # a label cut off is unreadable on a projector
            on_click=apply_preset,
            args=(ss, {"scalar_w": w0}),
            help=say("scalar.preset_help", w=f"{w0:g}"),
        )
    slots = {}
    w = st.number_input(
        say("scalar.w"), value=DEFAULTS["scalar_w"], step=0.1, format="%.4g", key="scalar_w", **LINK
    )
    slots["w"] = st.empty()
    n = st.number_input(
        say("scalar.n", max=g.MAX_SCALAR_STEPS), value=50, step=1, key="scalar_n", **LINK
    )
    slots["n"] = st.empty()
    x0 = st.number_input(
        say("scalar.x0"), value=1.0, step=0.5, format="%.4g", key="scalar_x0", **LINK
    )
    slots["x0"] = st.empty()
    return Scalar(x0, w, n, slots)


def calculator_cell(lang: str) -> tuple[g.CalculatorCell | None, bool]:
    """The cell the calculator handed over, if any, and whether the student runs it.

    The hand-off is {"kind": "rnn" | "lstm", "params": RNNParams | LSTMParams, "inputs"}.
    """
    say = section("gradients", lang)
    if ss.get("explorer_cell") is None:
        return None, False
    try:
        cell = g.cell_from_handoff(ss["explorer_cell"])
    except CoreError as e:
        st.warning(error_text(e, lang))
        return None, False
    names = {
        v: say(f"bptt.source_{v}", kind=str(cell.kind).upper()) for v in ("calculator", "random")
    }
    source = st.radio(say("bptt.source"), names, 0, names.get, horizontal=True, key="bptt_source")
    return cell, source == "calculator"


def _cell_inputs(cell: g.CalculatorCell, lang: str) -> str:
    """The calculator's own inputs or random ones; x = 1 repeated saturates the lecture's
    cell, so then the radio opens on random and says why."""
    say = section("gradients", lang)
    big_c = saturating_cached(cell, ss["bptt_length"])
    ss.setdefault("bptt_cell_inputs", "random" if big_c else "calculator")
    opts = {v: say(f"bptt.cell_inputs_{v}") for v in ("calculator", "random")}
    choice = st.radio(
        say("bptt.cell_inputs"), opts, 0, opts.get, horizontal=True, key="bptt_cell_inputs"
    )
    if big_c and choice == "random":
        st.info(say("bptt.inputs_changed", T=ss["bptt_length"], c=f"{big_c:.3g}", **opts))
    return choice


def networks(
    cell: g.CalculatorCell | None, use_cell: bool, lang: str
) -> tuple[g.ExplorerConfig, dict]:
    """The networks' presets and settings; returns (config, message slots).

    With the calculator's cell, the settings the cell fixes (its size, its activation or
    forget bias) are shown, not asked.
    """
    say = section("gradients", lang)
    slots = {"cell": st.empty()}
    own = use_cell and cell.fits()  # else core names what is wrong with the cell
    if own:
        st.info(words.handoff_info(cell, lang))
    cell_inputs = _cell_inputs(cell, lang) if own and cell.inputs is not None else "calculator"
    for col, name in zip(st.columns(3), PRESETS, strict=True):
        col.button(
            say(f"bptt.preset_{name}"),
            key=f"bptt_preset_{name}",
            wrap=True,
            on_click=apply_preset,
            args=(ss, preset(name)),
            width="stretch",
        )
    c1, c2, c3, c4 = st.columns(4, gap="medium")
    with c1:
        if own:
            hidden = st.number_input(
                say("bptt.hidden_cell"),
                value=cell.params.hidden_size,
                disabled=True,
                key="bptt_hidden_cell",
                help=say("bptt.hidden_cell_help"),
            )
        else:
            label = say("bptt.hidden", max=g.MAX_HIDDEN)
            hidden = st.number_input(label, value=64, key="bptt_hidden", **LINK)
        slots["hidden_size"] = st.empty()
        length = st.number_input(
            say("bptt.length", max=g.MAX_LENGTH),
            value=DEFAULTS["bptt_length"],
            step=10,
            key="bptt_length",
            **LINK,
        )
        slots["seq_len"] = st.empty()
        seed = st.number_input(say("bptt.seed", max=g.MAX_SEED), value=0, key="bptt_seed", **LINK)
        slots["seed"] = st.empty()
    with c2:
        if own and cell.kind == "rnn":
            activation = cell.params.nonlinearity
            st.markdown(say("bptt.activation_cell", act=activation))
        else:
            choices = ["tanh", "relu"]
            activation = st.radio(
                say("bptt.activation"),
                choices,
                index=choices.index(DEFAULTS["bptt_activation"]),
                horizontal=True,
                key="bptt_activation",
                **LINK,
            )
        slots["activation"] = st.empty()
        scale = st.slider(
            say("bptt.scale"),
            0.0,
            10.0,
            value=DEFAULTS["bptt_scale"],
            step=0.05,
            key="bptt_scale",
            help=say("bptt.scale_help"),
            **LINK,
        )
        slots["weight_scale"] = st.empty()
    with c3:
        if own and cell.kind == "lstm":
            forget_bias = 0.0  # unused: the cell keeps its own
            st.markdown(say("bptt.forget_cell", values=words.forget_bias_values(cell.params)))
        else:
            forget_bias = st.slider(
                say("bptt.forget"),
                -5.0,
                10.0,
                value=DEFAULTS["bptt_forget_bias"],
                step=0.5,
                key="bptt_forget_bias",
                help=say("bptt.forget_help"),
                **LINK,
            )
        slots["forget_bias"] = st.empty()
    with c4:
        clip = st.toggle(
            say("bptt.clip"), value=False, key="bptt_clip", help=say("bptt.clip_help"), **LINK
        )
        max_norm = st.number_input(
            say("bptt.max_norm"),
            value=1.0,
            step=0.5,
            format="%.4g",
            key="bptt_max_norm",
            disabled=not clip,
            **LINK,
        )
        slots["max_norm"] = st.empty()
    config = g.ExplorerConfig(
        hidden_size=hidden or 0,
        seq_len=length or 0,
        seed=seed or 0,
        activation=activation or "tanh",
        weight_scale=scale,
        forget_bias=forget_bias,
        clip=clip,
        max_norm=float("nan") if max_norm is None else max_norm,
        cell_inputs=cell_inputs,
    )
    return config, slots
