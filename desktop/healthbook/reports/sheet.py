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
from healthbook.clinical.display import day, flag_text, plain_name, quantity, sex_text
from healthbook.clinical.labs import AnalyteFact
from healthbook.clinical.ranges import Flag
from healthbook.clinical.units import display_unit
from healthbook.i18n import _, current_language, format_date, localise_number
from healthbook.knowledge import Entry, for_stored
from healthbook.reports.layout import GREY, Document
from healthbook.reports.plot import PRINT, analyte_series, plot_series
from healthbook.vault import Source, StoredRecord

MAX_RESULTS = 14
MAX_CHARTS = 4
MAX_EXPLAINED = 5  # one-line explanations under the results table (the sheet stays 2 pages)


def footer() -> str:
    """The line at the foot of every page, in the current language."""
    return _("From {name}'s own records, prepared with Healthbook on {today}. Healthbook "
             "explains and organises; it does not diagnose.")


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
    return "" if value is None else localise_number(f"{value:.4g}")


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
    """The analyte's trend as the screen draws it (healthbook.reports.plot), in print colours."""
    def draw(ax: Any) -> None:
        series = analyte_series(a)
        plot_series(ax, series, PRINT, legend=False,
                    title=f"{short_name(a.name)[:48]} ({display_unit(a.unit)})")
        ax.set_ylabel("")  # the unit is in the title: small charts keep their width for data

    return draw


def _wanted(data: SheetInput, kind: str) -> bool:
    return data.kinds is None or kind in data.kinds


def _record_section(doc: Document, heading: str, records: list[StoredRecord], word: str,
                    empty: str, source_of: dict[int, str]) -> None:
    """A heading and one bullet per record: name, '<word> <date>' and its source label."""
    doc.heading(heading)
    for stored in records:
        r = stored.record
        when = f", {word} {day(r.effective)}" if r.effective else ""
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
    # The clinical facts carry ids as plain ints (a RecordId is one).
    source_of: dict[int, str] = {r.id: labels.get(r.source_id, "") for r in data.records}
    doc = Document(title, footer().format(name=person.name, today=format_date(today)))
    doc.paragraph(title, 16, fontweight="bold")
    who = [person.name]
    if person.birth_date:
        who.append(_("born {date}").format(date=day(person.birth_date)))
    if person.sex:
        who.append(sex_text(person.sex))
    if data.visit:
        who.append(_("appointment {date}").format(date=day(data.visit)))
    if data.since:
        who.append(_("changes since {date}").format(date=day(data.since)))
    doc.paragraph(" · ".join(who), 10, color=GREY)
    for c in data.facts.criticals:
        doc.paragraph(_("CRITICAL: {message} ({source})").format(
            message=c.message, source=source_of.get(c.record_ids[0], "")),
                      9, fontweight="bold")
    facts = data.facts
    if _wanted(data, "medication"):
        current = [m for m in facts.medications if m.current]
        clashes = allergy_notes(facts)
        doc.heading(_("Medicines taken now"))
        for m in current:
            dose = f" — {m.dosage}" if m.dosage else ""
            since = _(", since {date}").format(date=day(m.started)) if m.started else ""
            doc.paragraph(f"{plain_name(m.name)}{dose}{since} "
                          f"({source_of.get(m.record_ids[-1], '')})", bullet="•")
            if m.name in clashes:
                doc.paragraph(_("Warning: {note}.").format(note=clashes[m.name]), 8.5,
                              fontweight="bold")
        if not current:
            doc.paragraph(_("None recorded."), color=GREY)
    if _wanted(data, "allergy"):
        _record_section(doc, _("Allergies"), facts.allergies, _("recorded"),
                        _("None recorded."), source_of)
    if _wanted(data, "condition"):
        _record_section(doc, _("Conditions"), facts.active_conditions, _("since"),
                        _("No active conditions recorded."), source_of)
    if _wanted(data, "observation"):
        results = _chosen_results(data)
        doc.heading(_("Results out of range or changed since {date}").format(
            date=day(data.since)) if data.since else _("Results out of range or changed"))
        if results:
            records: dict[int, StoredRecord] = {r.id: r for r in data.records}
            entries = {a.key: e for a in results
                       if (e := _entry(records.get(a.latest.record_id))) is not None}
            lang = current_language()
            rows = [[entries[a.key].name(lang) if a.key in entries else a.name,
                     quantity(a.latest.value, a.unit, a.key),
                     day(a.latest.when), _range(a), flag_text(a.flag),
                     (_("{value} on {date}").format(
                         value=quantity(a.previous.value, a.unit, a.key),
                         date=day(a.previous.when)) if a.previous else ""),
                     source_of.get(a.latest.record_id, "")]
                    for a in results]
            doc.table([_("Test"), _("Latest"), _("Date"), _("Range"), _("Flag"), _("Before"),
                       _("Source")], rows, [0.33, 0.13, 0.11, 0.11, 0.09, 0.16, 0.07])
            # What each out-of-range test is, in one plain line (the knowledge library).
            flagged = [a for a in results if a.key in entries and
                       a.flag in (Flag.HIGH, Flag.LOW, Flag.CRITICAL)][:MAX_EXPLAINED]
            for a in flagged:
                entry = entries[a.key]
                doc.paragraph(f"{entry.name(lang)}: "
                              f"{_first_sentence(entry.text(lang).summary)}", 7.5,
                              color=GREY, bullet="–")
            charted = [a for a in results if len(a.points) >= 2][:MAX_CHARTS]
            if charted:
                doc.paragraph(_("Trends: grey band = reference range, diamonds = out of "
                                "range."), 7.5, color=GREY)
                doc.charts([_chart(a) for a in charted])
        else:
            doc.paragraph(_("Nothing out of range or changed in this period."), color=GREY)
    if _wanted(data, "wellness") and facts.metrics:
        doc.heading(_("Wellness (from devices)"))
        for metric in facts.metrics:
            where = ", ".join(labels[sid] for sid in metric.source_ids if sid in labels)
            doc.paragraph(_("{statement} Latest day {date} ({sources}).").format(
                statement=metric.statement, date=format_date(metric.latest.day), sources=where),
                          bullet="•")
    if questions:
        doc.heading(_("Questions to ask"))
        for q in questions:
            doc.paragraph(without_citations(q), 9.5, bullet="☐")
    files: dict[int, Source] = {src.id: src for src in data.sources}
    if used:
        doc.heading(_("Sources"), 10)
        for sid in used:
            src = files.get(sid)
            name = src.file_name if src else _("an import")
            when = _(", imported {date}").format(date=day(src.imported_at)) \
                if src and src.imported_at else ""
            doc.paragraph(f"{labels[sid]}: {name}{when}", 7.5, color=GREY)
    return doc.save()
