"""The home page's charts, drawn by matplotlib on a Figure given by the caller: the window's canvas
(QtAgg, gui/home_screen.py) and the PDF page's image (Agg, services/compliance/dashboard_pdf.py) draw
the same thing from the same figures (services/compliance/dashboard_figures.py).

No Qt here and no pyplot (its global state and GUI backends): a Figure is built directly. matplotlib is
imported by the callers only when a chart is drawn, off the window's start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure

from models.phone import CALL_OUTCOMES
from services.contacts.fields import SOURCE_KIND_LABELS, STATUS_LABELS
from services.phone.call_log import OUTCOME_LABELS

# Every word the charts print (the window shows them through its translation, gui/labels.py).
CHART_WORDS = {
    "sources": "Contacts par origine et statut",
    "shares": "Part des contacts",
    "phone_consent": "Accord d'appel valide",
    "post_objection": "Opposition au courrier",
    "phone_objection": "Opposition au téléphone",
    "letters": "Courriers envoyés",
    "notices": "Notifications aux partenaires",
    "on_time": "dans le délai",
    "late": "en retard",
    "calls": "Appels par semaine et par résultat",
    "none": "Rien sur la période",
}
MONTH_NAMES = {
    1: "janv.", 2: "févr.", 3: "mars", 4: "avr.", 5: "mai", 6: "juin",
    7: "juil.", 8: "août", 9: "sept.", 10: "oct.", 11: "nov.", 12: "déc.",
}  # fmt: skip

BLUE, ORANGE, GREEN, RED, GREY = "#3b6ea8", "#e08a2c", "#4c9a5a", "#c0392b", "#8a8a8a"
OUTCOME_COLOURS = ("#9aa5b1", "#c5cbd3", "#e0b84c", GREEN, "#7f8c8d", RED, "#6c5b7b")
Words = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _month_label(month: str, words: Words) -> str:
    """« 2026-11 » -> « nov. » (with the year on January and on the first month shown)."""
    _year, number = month.split("-")
    return words(MONTH_NAMES[int(number)])


def _style(ax: Any, title: str) -> None:
    ax.set_title(title, fontsize=10, loc="left", fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)


def _months_axis(ax: Any, months: list[str], words: Words) -> None:
    ax.set_xticks(range(len(months)), [_month_label(m, words) for m in months], rotation=60, fontsize=7)
    ax.yaxis.get_major_locator().set_params(integer=True)


def _empty(ax: Any, words: Words) -> None:
    ax.set_ylim(0, 1)
    ax.set_yticks([0])
    ax.text(0.5, 0.5, words(CHART_WORDS["none"]), transform=ax.transAxes, ha="center", va="center",
            fontsize=9, color=GREY)  # fmt: skip


def draw_sources(ax: Any, figures: dict[str, Any], words: Words = _same) -> None:
    """Live contacts by the kind of their source, each bar split by status."""
    by = figures["contacts"]["by_source_kind_and_status"]
    kinds = list(SOURCE_KIND_LABELS)
    left = [0] * len(kinds)
    for status, colour in zip(STATUS_LABELS, (BLUE, ORANGE), strict=False):
        values = [by.get(k, {}).get(status, 0) for k in kinds]
        ax.barh(range(len(kinds)), values, left=left, color=colour, label=words(STATUS_LABELS[status]))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(kinds)), [words(SOURCE_KIND_LABELS[k]) for k in kinds])
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    _style(ax, words(CHART_WORDS["sources"]))


def draw_shares(ax: Any, figures: dict[str, Any], words: Words = _same) -> None:
    """The share of live contacts with a valid phone consent, a postal objection, a phone objection: one bar
    each, its words written above it (no tick labels to collide in a narrow panel)."""
    shares = figures["shares"]
    keys = ("phone_consent", "post_objection", "phone_objection")
    total = shares["total"] or 1
    values = [100 * shares[k] / total for k in keys]
    ax.barh(range(len(keys)), [100] * len(keys), color="#eeeeee", height=0.38)
    ax.barh(range(len(keys)), values, color=(GREEN, ORANGE, RED), height=0.38)
    for y, (key, value) in enumerate(zip(keys, values, strict=True)):
        count = f"{shares[key]:,}".replace(",", "\u202f")
        ax.text(0, y - 0.3, f"{words(CHART_WORDS[key])} : {value:.0f} % ({count})", va="bottom", fontsize=8)
    ax.set_ylim(len(keys) - 0.5, -0.9)
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.set_xticks([0, 50, 100], ["0 %", "50 %", "100 %"])
    _style(ax, words(CHART_WORDS["shares"]))


def draw_letters(ax: Any, figures: dict[str, Any], words: Words = _same) -> None:
    rows = figures["letters_per_month"]
    months = [r["month"] for r in rows]
    ax.bar(range(len(rows)), [r["letters"] for r in rows], color=BLUE)
    _months_axis(ax, months, words)
    if not any(r["letters"] for r in rows):
        _empty(ax, words)
    _style(ax, words(CHART_WORDS["letters"]))


def draw_notices(ax: Any, figures: dict[str, Any], words: Words = _same) -> None:
    """docs/rules.md §5.3: notices to partners sent each month, on time or late."""
    rows = figures["notices_per_month"]
    on_time = [r["on_time"] for r in rows]
    late = [r["late"] for r in rows]
    ax.bar(range(len(rows)), on_time, color=GREEN, label=words(CHART_WORDS["on_time"]))
    ax.bar(range(len(rows)), late, bottom=on_time, color=RED, label=words(CHART_WORDS["late"]))
    _months_axis(ax, [r["month"] for r in rows], words)
    if any(on_time) or any(late):
        ax.set_ylim(0, max(a + b for a, b in zip(on_time, late, strict=True)) * 1.5)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    else:
        _empty(ax, words)
    _style(ax, words(CHART_WORDS["notices"]))


def draw_calls(ax: Any, figures: dict[str, Any], words: Words = _same) -> None:
    """Calls per outcome per week (Monday to Sunday), stacked; a month's name under its first week."""
    rows = figures["calls_per_week"]
    bottom = [0] * len(rows)
    for outcome, colour in zip(CALL_OUTCOMES, OUTCOME_COLOURS, strict=False):
        values = [r["outcomes"].get(outcome, 0) for r in rows]
        if any(values):
            ax.bar(range(len(rows)), values, bottom=bottom, color=colour, width=0.85,
                   label=words(OUTCOME_LABELS[outcome]))  # fmt: skip
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    ticks = [i for i, r in enumerate(rows) if i == 0 or r["week"][5:7] != rows[i - 1]["week"][5:7]]
    ax.set_xticks(ticks, [_month_label(rows[i]["week"][:7], words) for i in ticks])
    ax.yaxis.get_major_locator().set_params(integer=True)
    if any(bottom):
        ax.set_ylim(0, max(bottom) * 1.45)  # room above the bars for the legend
        ax.legend(fontsize=7, frameon=False, ncols=len(CALL_OUTCOMES), loc="upper left")
    else:
        _empty(ax, words)
    _style(ax, words(CHART_WORDS["calls"]))


def draw_all(fig: Figure, figures: dict[str, Any], words: Words = _same) -> Figure:
    """The five charts on one figure: sources and shares, letters and notices, then the calls."""
    fig.clear()
    # A sub-figure per row: each row's axes line up on their own labels, not on the longest of the page.
    rows: Any = fig.subfigures(3, 1)
    top, middle, bottom = rows[0], rows[1], rows[2]
    sources, shares = top.subplots(1, 2)
    draw_sources(sources, figures, words)
    draw_shares(shares, figures, words)
    letters, notices = middle.subplots(1, 2)
    draw_letters(letters, figures, words)
    draw_notices(notices, figures, words)
    draw_calls(bottom.subplots(), figures, words)
    return fig


def png(figures: dict[str, Any], width_in: float, height_in: float, dpi: int = 150) -> bytes:
    """The charts as a PNG image (Agg), for the PDF page."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    draw_all(fig, figures)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
