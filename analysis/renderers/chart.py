"""A small PNG chart: commits per day over the last 14 days, stacked by importance (matplotlib, Agg, headless).

matplotlib is imported inside ``render_chart`` only, so the bot does not load it (tens of MB
resident) until the first digest is posted. The figure is drawn with matplotlib's object API
(``Figure``), never pyplot, so no global state is shared between threads.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Protocol

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 3.6, 100  # 800 x 360 pixels
COLORS = {"high": "#e74c3c", "medium": "#f1c40f", "low": "#2ecc71"}
LEVEL_NAMES = {"high": "High", "medium": "Medium", "low": "Low"}


class DayLike(Protocol):
    day: object
    high: int
    medium: int
    low: int
    origin: str


def size_px() -> tuple[int, int]:
    """The chart's width and height in pixels."""
    return int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI)


def caption(series: Sequence[DayLike]) -> str:
    """The note under the chart: which days are estimated or unknown (empty when every day was recorded)."""
    notes = []
    estimated = sum(1 for d in series if d.origin == "estimated")
    missing = sum(1 for d in series if d.origin == "missing")
    if estimated:
        notes.append(f"hatched: {estimated} day{'s' if estimated != 1 else ''} estimated from commit messages")
    if missing:
        notes.append(f"n/a: {missing} day{'s' if missing != 1 else ''} without data")
    return "; ".join(notes)


def _plain(text: str) -> str:
    """Text for matplotlib without mathtext (``$`` would start a formula)."""
    return str(text).replace("\\", "/").replace("$", r"\$")


def render_chart(series: Sequence[DayLike], repo: str) -> bytes:
    """The PNG bytes of the chart of ``series`` (oldest day first)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    ax = fig.subplots()
    xs = list(range(len(series)))
    bottoms = [0] * len(series)
    for level in ("high", "medium", "low"):
        heights = [getattr(d, level) for d in series]
        bars = ax.bar(xs, heights, bottom=bottoms, color=COLORS[level], width=0.75,
                      edgecolor="white", linewidth=0.5)
        for bar, day in zip(bars, series):
            if day.origin == "estimated":
                bar.set_hatch("///")
                bar.set_alpha(0.6)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    top = max(bottoms, default=0)
    for x, day, total in zip(xs, series, bottoms):
        if day.origin == "missing":
            ax.text(x, 0, "n/a", ha="center", va="bottom", fontsize=7, color="#888888")
        elif total:
            ax.text(x, total, str(total), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(xs, [getattr(d.day, "strftime", lambda _f: str(d.day))("%m-%d") for d in series],
                  fontsize=7, rotation=45)
    ax.set_ylim(0, max(top * 1.18, 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel("commits", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    first, last = (series[0].day, series[-1].day) if series else ("", "")
    ax.set_title(_plain(f"{repo}: commits per day, {first} to {last}"), fontsize=9, loc="left")
    handles = [Patch(facecolor=COLORS[level], label=LEVEL_NAMES[level]) for level in ("high", "medium", "low")]
    fig.legend(handles=handles, fontsize=7, frameon=False, loc="outside upper right", ncols=3)
    note = caption(series)
    if note:
        ax.set_xlabel(_plain(note), fontsize=7, color="#666666", loc="right")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
