"""core's classify under load: 16 threads at once give exactly the sequential results."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.paths import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (ROOT / "models" / "sentiment" / "lstm" / "model.onnx").exists(),
        reason="no shipped model in models/",
    ),
]

THREADS = 16
CALLS = 2_000  # README's testing figures are derived from these
BIG_EVERY = 1_000  # calls 0 and 1000 classify > CHUNK reviews: the pipelined path too

OPENINGS = ["Đồ ăn", "Nhân viên", "Quán", "Không gian", "Giá", "Món lẩu", "quan nay", "Cà phê"]
VERDICTS = [
    "rất ngon, sẽ quay lại",
    "dở tệ, không bao giờ quay lại",
    "bình thường, không có gì đặc biệt",
    "phục vụ nhanh và thân thiện 😍",
    "bẩn quá, thất vọng!!!",
    "hơi đắt nhưng đáng tiền",
    "ngon lam, gia re",
    "was great, thanks",
]
ODD = [
    "",
    "   ",
    "😀😀😀",
    "12345 !!!",
    "<script>alert(1)</script>",
    "https://foody.vn/quan-ngon",
    "ngon " * 500,  # past max_len
    "The food was terrible.",
]


def _reviews() -> list[str]:
    """Distinct reviews of every kind the model meets: short, long, empty, English, emoji."""
    out = [f"{a} {v}" for a in OPENINGS for v in VERDICTS]
    out += [
        f"{a} {v}. {b} {w}."
        for a, b in zip(OPENINGS, OPENINGS[1:], strict=False)
        for v, w in zip(VERDICTS, VERDICTS[3:], strict=False)
    ]
    return out + ODD


def _batches() -> list[list[str]]:
    """The texts of each of the CALLS calls: 1-6 reviews, now and then > 1 chunk."""
    from core.sentiment import CHUNK

    pool = _reviews()
    batches = []
    for i in range(CALLS):
        size = CHUNK + 77 if i % BIG_EVERY == 0 else 1 + i % 6
        start = (i * 7) % len(pool)
        batches.append([pool[(start + k) % len(pool)] for k in range(size)])
    return batches


def test_classify_from_16_threads_equals_sequential():
    from core.sentiment import load_model

    model = load_model()
    batches = _batches()
    expected = [model.classify(b) for b in batches]

    barrier = threading.Barrier(THREADS)
    seen_threads = set()

    def worker(w: int) -> list[tuple[int, list]]:
        barrier.wait()  # all 16 start together
        seen_threads.add(threading.get_ident())
        done = []
        for i in range(w, CALLS, THREADS):
            ticks: list[tuple[int, int]] = []
            out = model.classify(
                batches[i], progress=lambda d, t, ticks=ticks: ticks.append((d, t))
            )
            assert ticks and ticks[-1] == (len(batches[i]), len(batches[i]))
            done.append((i, out))
        return done

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        per_worker = list(pool.map(worker, range(THREADS)))
    got = dict(pair for done in per_worker for pair in done)

    assert len(seen_threads) == THREADS
    assert sorted(got) == list(range(CALLS))  # every call answered once
    for i in range(CALLS):
        assert got[i] == expected[i], i  # bit-for-bit: same labels, same floats, same order
        assert [r.text for r in got[i]] == batches[i]
