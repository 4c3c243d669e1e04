"""The appointment-prep sheet and the PDF health summary: one or two printable A4 pages.

Identity, critical values, medicines, allergies, conditions, results out of range or changed
since a date (each with its date and source file, and small grey trend charts), wellness
summaries and the questions to ask. Built in memory; the caller decides where the bytes go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from healthbook.assistant.grounding import short_name
from healthbook.assistant.verify import without_citations
from healthbook.clinical import PersonFacts
from healthbook.clinical.allergy_check import allergy_notes
from healthbook.clinical.display import plain_name, quantity
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import display_unit
from healthbook.knowledge import Entry, for_stored
from healthbook.reports.layout import GREY, INK, LIGHT, Document
from healthbook.vault import Source, StoredRecord

MAX_RESULTS = 14
MAX_CHARTS = 4
MAX_EXPLAINED = 5  # one-line explanations under the results table (the sheet stays 2 pages)
FOOTER = ("From {name}'s own records, prepared with Healthbook on {today}. Healthbook explains "
          "and organises; it does not diagnose.")


@dataclass
class SheetInput:
    """What a sheet shows: the facts, the records behind them and where they came from."""

    facts: PersonFacts
    records: list[StoredRecord]
    sources: list[Source]
    since: str | None = None  # results changed or out of range since this date
    visit: str | None = None  # the appointment date
    kinds: set[str] | None = None  # summary export: only these categories


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def _range(a: AnalyteFact) -> str:
    if a.range is None:
        return ""
    low, high = a.range.low, a.range.high
    if low is not None and high is not None:
        return f"{_num(low)}–{_num(high)}"
    return f"< {_num(high)}" if high is not None else f"> {_num(low)}"


def _entry(stored: StoredRecord | None) -> Entry | None:
    """The knowledge library's entry for a result record."""
    if stored is None:
        return None
    return for_stored(stored.record, "observation")


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + ("." if dot else "")


def _chosen_results(data: SheetInput) -> list[AnalyteFact]:
    """Results out of range, critical, or with a trend worth saying; newest first."""
    since = data.since or "0000"
    chosen = [a for a in data.facts.analytes if a.latest.when[:10] >= since and (
        a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL) or (a.trend and a.trend.significant))]
    chosen.sort(key=lambda a: a.latest.when, reverse=True)
    chosen.sort(key=lambda a: a.flag is not Flag.CRITICAL)  # stable: newest first within
    return chosen[:MAX_RESULTS]


def _chart(a: AnalyteFact) -> Any:
    def draw(ax: Any) -> None:
        from datetime import datetime

        points = [(datetime.fromisoformat(p.when[:10]), p.value) for p in a.points]
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color=INK, linewidth=1, marker="o", markersize=3)
        low = a.range.low if a.range else None
        high = a.range.high if a.range else None
        if low is not None or high is not None:
            # Shade the range inside the data's own scale: an open-ended range ("below 119")
            # must not stretch the axis to zero and flatten the line.
            y0, y1 = ax.get_ylim()
            band_lo = low if low is not None else min(y0, high * 0.9)
            band_hi = high if high is not None else max(y1, low * 1.1)
            ax.axhspan(band_lo, band_hi, color=LIGHT, alpha=0.6, linewidth=0, zorder=0)
            ax.set_ylim(min(y0, band_lo), max(y1, band_hi))
        out = [(x, y) for (x, y), p in zip(points, a.points, strict=True)
               if p.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)]
        if out:
            ax.scatter(*zip(*out, strict=True), marker="s", s=14, color="black", zorder=3)
        ax.set_title(f"{short_name(a.name)[:48]} ({display_unit(a.unit)})", fontsize=7,
                     loc="left", color=INK)
        ax.tick_params(labelsize=6, colors=GREY)
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)  # 125, not 1.25 ×10²
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        import matplotlib.dates as mdates

        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))

    return draw


def _wanted(data: SheetInput, kind: str) -> bool:
    return data.kinds is None or kind in data.kinds


def _record_section(doc: Document, heading: str, records: list[StoredRecord], word: str,
                    empty: str, source_of: dict[int, str]) -> None:
    """A heading and one bullet per record: name, '<word> <date>' and its source label."""
    doc.heading(heading)
    for stored in records:
        r = stored.record
        when = f", {word} {r.effective[:10]}" if r.effective else ""
        doc.paragraph(f"{plain_name(r.display) or r.code}{when} "
                      f"({source_of.get(stored.id, '')})", bullet="•")
    if not records:
        doc.paragraph(empty, color=GREY)


def build_sheet(data: SheetInput, title: str, questions: list[str] | None = None,
                today: date | None = None) -> bytes:
    """The sheet as PDF bytes."""
    today = today or date.today()
    person = data.facts.person
    used = sorted({r.source_id for r in data.records} |
                  {sid for m in data.facts.metrics for sid in m.source_ids})
    labels = {sid: f"S{i}" for i, sid in enumerate(used, 1)}
    source_of = {r.id: labels.get(r.source_id, "") for r in data.records}
    doc = Document(title, FOOTER.format(name=person.name, today=today.isoformat()))
    doc.paragraph(title, 16, fontweight="bold")
    who = [person.name]
    if person.birth_date:
        who.append(f"born {person.birth_date[:10]}")
    if person.sex:
        who.append(person.sex)
    if data.visit:
        who.append(f"appointment {data.visit}")
    if data.since:
        who.append(f"changes since {data.since}")
    doc.paragraph(" · ".join(who), 10, color=GREY)
    for c in data.facts.criticals:
        doc.paragraph(f"CRITICAL: {c.message} ({source_of.get(c.record_ids[0], '')})",
                      9, fontweight="bold")
    facts = data.facts
    if _wanted(data, "medication"):
        current = [m for m in facts.medications if m.current]
        clashes = allergy_notes(facts)
        doc.heading("Medicines taken now")
        for m in current:
            dose = f" — {m.dosage}" if m.dosage else ""
            since = f", since {m.started[:10]}" if m.started else ""
            doc.paragraph(f"{plain_name(m.name)}{dose}{since} "
                          f"({source_of.get(m.record_ids[-1], '')})", bullet="•")
            if m.name in clashes:
                doc.paragraph(f"Warning: {clashes[m.name]}.", 8.5, fontweight="bold")
        if not current:
            doc.paragraph("None recorded.", color=GREY)
    if _wanted(data, "allergy"):
        _record_section(doc, "Allergies", facts.allergies, "recorded", "None recorded.",
                        source_of)
    if _wanted(data, "condition"):
        _record_section(doc, "Conditions", facts.active_conditions, "since",
                        "No active conditions recorded.", source_of)
    if _wanted(data, "observation"):
        results = _chosen_results(data)
        label = f" since {data.since}" if data.since else ""
        doc.heading(f"Results out of range or changed{label}")
        if results:
            records = {r.id: r for r in data.records}
            entries = {a.key: e for a in results
                       if (e := _entry(records.get(a.latest.record_id))) is not None}
            rows = [[entries[a.key].name("en") if a.key in entries else a.name,
                     quantity(a.latest.value, a.unit, a.key),
                     a.latest.when[:10], _range(a),
                     "no range" if a.flag is Flag.UNKNOWN else a.flag.value,
                     (f"{quantity(a.previous.value, a.unit, a.key)} on "
                      f"{a.previous.when[:10]}" if a.previous else ""),
                     source_of.get(a.latest.record_id, "")]
                    for a in results]
            doc.table(["Test", "Latest", "Date", "Range", "Flag", "Before", "Source"], rows,
                      [0.33, 0.13, 0.11, 0.11, 0.09, 0.16, 0.07])
            # What each out-of-range test is, in one plain line (the knowledge library).
            flagged = [a for a in results if a.key in entries and
                       a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)][:MAX_EXPLAINED]
            for a in flagged:
                entry = entries[a.key]
                doc.paragraph(f"{entry.name('en')}: "
                              f"{_first_sentence(entry.text('en').summary)}", 7.5,
                              color=GREY, bullet="–")
            charted = [a for a in results if len(a.points) >= 2][:MAX_CHARTS]
            if charted:
                doc.paragraph("Trends: grey band = reference range, squares = out of range.",
                              7.5, color=GREY)
                doc.charts([_chart(a) for a in charted])
        else:
            doc.paragraph("Nothing out of range or changed in this period.", color=GREY)
    if _wanted(data, "wellness") and facts.metrics:
        doc.heading("Wellness (from devices)")
        for m in facts.metrics:
            where = ", ".join(labels[sid] for sid in m.source_ids if sid in labels)
            doc.paragraph(f"{m.statement} Latest day {m.latest.day.isoformat()} ({where}).",
                          bullet="•")
    if questions:
        doc.heading("Questions to ask")
        for q in questions:
            doc.paragraph(without_citations(q), 9.5, bullet="☐")
    files = {src.id: src for src in data.sources}
    if used:
        doc.heading("Sources", 10)
        for sid in used:
            src = files.get(sid)
            name = src.file_name if src else "an import"
            when = f", imported {src.imported_at[:10]}" if src and src.imported_at else ""
            doc.paragraph(f"{labels[sid]}: {name}{when}", 7.5, color=GREY)
    return doc.save()
