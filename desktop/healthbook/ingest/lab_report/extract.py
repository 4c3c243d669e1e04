"""Read a lab report into result rows: page by page, OCR on two cores, bounded memory."""

from __future__ import annotations

import re
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from healthbook.i18n import _
from healthbook.ingest.lab_report import ocr, straighten
from healthbook.ingest.lab_report.checks import (
    RANGE_FACTOR_OCR,
    RANGE_FACTOR_TEXT,
    expected_units,
    far_outside_range,
    plausible,
)
from healthbook.ingest.lab_report.errors import (
    DamagedFile,
    NoResults,
    NotADocument,
    ReportUnreadable,
    TooLarge,
)
from healthbook.ingest.lab_report.header import Header, parse_date, read_header
from healthbook.ingest.lab_report.lines import Line, box_of, group_lines
from healthbook.ingest.lab_report.model import (
    REVIEW_BELOW,
    Alternate,
    Box,
    Extraction,
    Previous,
    ResultRow,
    Word,
)
from healthbook.ingest.lab_report.names import NameMatch, loinc_for, match_name
from healthbook.ingest.lab_report.pages import (
    ImageReport,
    Page,
    PdfReport,
    open_report,
    read_source,
)
from healthbook.ingest.lab_report.reread import reread
from healthbook.ingest.lab_report.rows import (
    Candidate,
    Columns,
    detect_columns,
    is_previous_label,
    parse_continuation,
    parse_line,
    section_specimen,
)
from healthbook.ingest.lab_report.tokens import (
    TEXT_RESULTS,
    Token,
    comparator,
    parse_number,
    tokenize,
)
from healthbook.ingest.lab_report.units import closest_unit, micro_alternative
from healthbook.knowledge.normalize import fold, normalize
from healthbook.progress import Cancelled, Progress, ProgressCallback, no_progress

OCR_WORKERS = 2  # pages read at once (one Tesseract process each)
BAND = 0.12  # share of the page height at the top and bottom where headers and footers sit
TEXT_CONFIDENCE = 0.99
LOW_WORD_CONFIDENCE = 0.5
COUNT_UNITS = frozenset({"10*9/L", "10*3/uL", "/uL", "10*12/L", "10*6/uL"})
_DIGITS = re.compile(r"\d")
_NUMBER_TEXT = re.compile(r"(<=|>=|<|>)?([-+]?\d+(?:[.,]\d+)?)(?:[HL]{1,2}|\*{1,3})?")
AGREEING_REREAD = 0.7
_Read = tuple[Image.Image, list[Word], int]  # straightened page, its words, degrees turned
_DATE_WORD = re.compile(r"\(?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\)?")


def _reasons() -> tuple[frozenset[str], frozenset[str]]:
    """(reasons to read a value again, reasons about the second unit's line)."""
    return (frozenset({_("the value is hard to read"),
                       _("the value was hard to read and may be wrong"),
                       _("something unreadable stands before the value"),
                       _("the value may have lost its decimal point"),
                       _("this value is implausible for this test"),
                       _("the value is far outside its printed range")}),
            frozenset({_("the second unit's value is hard to read"),
                       _("the value in the second unit is implausible")}))


def _is_cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(getattr(cancel, "cancelled", False))


def _ocr_page(image: Image.Image, photo: bool, languages: str | None
              ) -> _Read:
    """Straighten a page image and read its words (runs on a worker thread)."""
    image = straighten.prepare_photo(image) if photo else straighten.prepare_scan(image)
    words = ocr.read_words(image, languages)
    sure = sum(w.conf >= 0.6 for w in words)
    # Few words read with confidence: the page may be upside down or sideways.
    if (sure < 15 or sure < 0.7 * len(words)) and not straighten.is_blank(image):
        turn = ocr.orientation(image)
        if turn:
            turned = image.rotate(-turn, expand=True, fillcolor=255)
            again = ocr.read_words(turned, languages)
            if sum(w.conf >= 0.6 for w in again) > sure:
                return turned, again, turn
    return image, words, 0


@dataclass(slots=True)
class _State:
    """What the reader carries from page to page."""

    header: Header | None = None
    header_lines: list[Line] = field(default_factory=list)
    columns: Columns | None = None
    rows: list[ResultRow] = field(default_factory=list)
    row_keys: list[str] = field(default_factory=list)  # the line each row came from
    band_pages: dict[str, set[int]] = field(default_factory=dict)  # band line key -> pages
    words_seen: int = 0
    any_ocr: bool = False
    sizes: list[tuple[float, float]] = field(default_factory=list)
    turns: dict[int, int] = field(default_factory=dict)  # page index -> degrees turned
    specimen: str | None = None  # "urine" inside a urinalysis section


def extract(source: Path | str | bytes, *, file_name: str | None = None,
            progress: ProgressCallback | None = None, cancel: Any = None) -> Extraction:
    """Read a lab report: a born-digital PDF, a scanned PDF, or a photo (JPEG, PNG, HEIC...).

    Args:
        source: the file's path, or its bytes.
        file_name: the name used in messages (defaults to the path's name).
        progress: called with a `Progress` after each page (unit "pages").
        cancel: a `threading.Event` (or `CancelToken`); when set, `Cancelled` is raised at the
            next page.

    Raises:
        ReportUnreadable (an `ImportFailed`, so a `HealthbookError`): one sentence for a
        password-protected, damaged, too large or hostile file, an image that is not a
        document, or a document without results. `Cancelled` when cancelled.
    """
    report_progress: ProgressCallback = progress or no_progress
    data, name = read_source(source, file_name)
    report = open_report(data, name)
    del data
    state = _State()
    try:
        photo = isinstance(report, ImageReport)
        report_progress(Progress(0, report.count, unit="pages",
                                 message=_("Reading {name}").format(name=name)))
        with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
            pending: deque[tuple[int, float, Future[_Read] | Page]] = \
                deque()
            for index in range(report.count):
                if _is_cancelled(cancel):
                    raise Cancelled("cancelled by the user")
                languages = (None if state.header is None or not state.any_ocr
                             else ocr.language_data(state.header.language))
                pending.append(_start_page(report, index, pool, photo, languages))
                while len(pending) >= OCR_WORKERS or (pending and index == report.count - 1):
                    page = _finish_page(pending.popleft(), state)
                    _read_page(page, state)
                    report_progress(Progress(page.number, report.count, unit="pages",
                                             records=len(state.rows)))
                    if _is_cancelled(cancel):
                        for item in pending:
                            if isinstance(item[2], Future):
                                item[2].cancel()
                        raise Cancelled("cancelled by the user")
        kind = "photo" if photo else ("scan" if state.any_ocr else "text")
        return _finish(state, report, kind, name)
    except (ReportUnreadable, Cancelled):
        raise
    except MemoryError as exc:
        raise TooLarge(_("{name} needs more memory than this computer has to be read.").format(
            name=name)) from exc
    except (RecursionError, ValueError, OSError, EOFError, SyntaxError, IndexError,
            RuntimeError) as exc:  # pdfium's errors are RuntimeErrors
        raise DamagedFile(_("{name} is damaged and cannot be read.").format(name=name)) from exc
    finally:
        report.close()


def _start_page(report: PdfReport | ImageReport, index: int, pool: ThreadPoolExecutor,
                photo: bool, languages: str | None = None
                ) -> tuple[int, float, Future[_Read] | Page]:
    """Read a text page now, or start OCR of a scanned page on a worker (English and French
    until the report's language is known, then that language alone: a third faster)."""
    if isinstance(report, PdfReport):
        words = report.text_words(index)
        if words is not None:
            width, height = report.page_size(index)
            return index, 1.0, Page(index + 1, width, height, words, ocr=False)
        image, scale = report.render(index)  # pdfium is not thread-safe: render here
        return index, scale, pool.submit(_ocr_page, image, False, languages)
    frame = report.frame(index)
    return index, 1.0, pool.submit(_ocr_page, frame, True, languages)


def _finish_page(item: tuple[int, float, Future[_Read] | Page],
                 state: _State) -> Page:
    index, scale, job = item
    if isinstance(job, Page):
        return job
    image, words, turn = job.result()
    state.any_ocr = True
    state.turns[index] = turn
    if scale != 1.0:
        for w in words:
            w.x0, w.y0, w.x1, w.y1 = w.x0 / scale, w.y0 / scale, w.x1 / scale, w.y1 / scale
    return Page(index + 1, image.width / scale, image.height / scale, words, ocr=True,
                image=image, px_per_unit=scale)


def _band_key(line: Line) -> str:
    return _DIGITS.sub("#", normalize(line.text))


def _read_page(page: Page, state: _State) -> None:
    state.sizes.append((page.width, page.height))
    state.words_seen += len(page.words)
    lines = group_lines(page.words, page.number)
    if state.header is None:
        state.header_lines = lines
        state.header = read_header(lines)
    elif page.number == 2 and (state.header.date is None or state.header.patient_name is None):
        extra = read_header(lines)
        state.header.date = state.header.date or extra.date
        state.header.patient_name = state.header.patient_name or extra.patient_name
        state.header.birth_date = state.header.birth_date or extra.birth_date
    header = state.header
    lang = header.language
    keys = []
    for line in lines:
        key = _band_key(line)
        keys.append(key)
        top, bottom = line.box[1], line.box[3]
        if bottom < BAND * page.height or top > (1 - BAND) * page.height:
            state.band_pages.setdefault(key, set()).add(page.number)
    last: ResultRow | None = None
    last_line: Line | None = None
    made_here: list[tuple[int, Candidate]] = []  # (index in state.rows, candidate)
    for line, key in zip(lines, keys, strict=True):
        columns = detect_columns(line)
        if columns is not None:
            state.columns = columns
            last = None
            continue
        if state.columns is not None and _column_dates(line, state.columns):
            continue
        near = last is not None and last_line is not None and (
            line.box[1] - last_line.box[3] < 1.2 * line.height)
        if near and last is not None and is_previous_label(line):
            _attach_previous(last, line, lang, page.ocr, header)
            last_line = line
            continue
        cand = parse_line(line, lang, page.ocr, state.columns)
        if cand is None:
            if near and last is not None and last.alternate is None:
                cont = parse_continuation(line, lang, page.ocr)
                if cont is not None and _attach_alternate(last, cont, page.ocr):
                    last.box = _union(last.box, line.box)
                    last_line = line
                    continue
            title = section_specimen(line)
            if title is not None:
                state.specimen = title or None
            continue
        cand.specimen = state.specimen
        made = _rows_from(cand, page, header)
        if len(made) == 1:
            made_here.append((len(state.rows), cand))
        for row in made:
            state.rows.append(row)
            state.row_keys.append(key)
        last, last_line = (made[-1] if made else None), line
    if page.ocr and page.image is not None:
        _read_again(page, header, state, made_here)
    page.image = None


def _read_again(page: Page, header: Header, state: _State,
                made: list[tuple[int, Candidate]]) -> None:
    """Values OCR doubted, read again closer (see `reread.py`); a clearer reading replaces
    the first one, and the row stays marked unless both readings agree on the digits."""
    value_reasons, alternate_reasons = _reasons()
    doubtful = [(i, cand) for i, cand in made
                if state.rows[i].needs_review and cand.value.kind in ("num", "cmp")
                and cand.value.words and (state.rows[i].confidence < REVIEW_BELOW or any(
                    r in value_reasons for r in state.rows[i].reasons))]
    if not doubtful or page.image is None:
        return
    boxes = [box_of(cand.value.words) for _, cand in doubtful]
    readings = reread(page.image, page.px_per_unit, boxes)
    for (i, cand), reading, box in zip(doubtful, readings, boxes, strict=False):
        if reading is None:
            continue
        text, conf = reading
        m = _NUMBER_TEXT.fullmatch(text.strip().replace(" ", ""))
        if m is None:
            continue
        value = parse_number(m.group(2), header.language)
        agree = re.sub(r"\D", "", m.group(2)) == re.sub(r"\D", "", cand.value.text)
        # Two readings with the same digits need less certainty than a reading that differs.
        if value is None or conf < (AGREEING_REREAD if agree else REVIEW_BELOW):
            continue
        text = m.group(1) + m.group(2) if m.group(1) else m.group(2)
        old = state.rows[i]
        cand.value = Token("cmp" if m.group(1) else "num", text.strip(),
                           [Word(text.strip(), *box, conf=conf if agree else 0.6)],
                           value=value, comparator=comparator(m.group(1)) if m.group(1)
                           else None)
        cand.noise_before = 0 if agree else cand.noise_before
        row = _make_row(cand, page, header)
        if row is None:
            continue
        row.alternate, row.previous = old.alternate, old.previous or row.previous
        row.flag = old.flag
        kept = [r for r in old.reasons if r in alternate_reasons]
        row.reasons.extend(kept)
        if not agree:
            row.reasons.append(_("two readings of the value differ"))
        row.needs_review = bool(row.reasons) or row.confidence < REVIEW_BELOW
        state.rows[i] = row


def _column_dates(line: Line, columns: Columns) -> bool:
    """A line of dates under a header ("Antériorité" / "12/09/2024"): the earlier results'
    date. True when the line was such a line."""
    if not all(_DATE_WORD.fullmatch(w.text) for w in line.words):
        return False
    for word in line.words:
        if columns.role_at((word.x0 + word.x1) / 2) == "previous":
            columns.previous_date = word.text
    return True


def _attach_previous(row: ResultRow, line: Line, lang: str, ocr_page: bool,
                     header: Header) -> None:
    tokens = tokenize(line.cells, lang, ocr_page)
    value = next((t for t in tokens if t.kind in ("num", "cmp")), None)
    when = next((t for t in tokens if t.kind == "date"), None)
    if value is not None and row.previous is None:
        row.previous = Previous(value.value, value.text,
                                parse_date(when.text, header.date_order) if when else None)


def _attach_alternate(row: ResultRow, cont: Candidate, ocr_page: bool) -> bool:
    unit = cont.unit
    if unit is None or unit.ucum == row.ucum or (unit.ucum is None and unit.text == row.unit):
        return False
    low = high = None
    if cont.range is not None:
        low, high = _bounds(cont.range)
    ucum = unit.ucum
    expected = expected_units(row.analyte)
    alt = micro_alternative(ucum)
    if ocr_page and expected and ucum not in expected and alt in expected:
        ucum = alt  # "pmol/L" read for "µmol/L"
    row.alternate = Alternate(cont.value.value, _clean(cont.value.text), unit.text, ucum,
                              low, high)
    doubts = []
    if ocr_page and (cont.value.conf < REVIEW_BELOW or cont.value.repaired or unit.repaired):
        doubts.append(_("the second unit's value is hard to read"))
    if plausible(row.analyte, cont.value.value, ucum) is False or far_outside_range(
            cont.value.value, low, high, RANGE_FACTOR_OCR if ocr_page else RANGE_FACTOR_TEXT):
        doubts.append(_("the value in the second unit is implausible"))
    if doubts:
        row.reasons.extend(doubts)
        row.needs_review = True
    return True


def _bounds(token: Token) -> tuple[float | None, float | None]:
    if token.kind == "cmp":
        sign = token.comparator or "<"
        return (None, token.value) if sign.startswith("<") else (token.value, None)
    return token.low, token.high


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _rows_from(cand: Candidate, page: Page, header: Header) -> list[ResultRow]:
    """One row, or two for "57,2 %  3,92 G/L" (a share and a count on one line)."""
    second = cand.second
    if second is not None:
        value2, unit2, range2 = second
        units = {cand.unit.ucum if cand.unit else None, unit2.ucum if unit2 else None}
        if "%" in units and units & COUNT_UNITS:
            first = _make_row(cand, page, header)
            split = Candidate(cand.line, cand.name, cand.name_words, value2, unit=unit2,
                              range=range2, range_text=range2.text if range2 else "",
                              flag=value2.flag, tokens=cand.tokens, specimen=cand.specimen)
            rows = [first, _make_row(split, page, header)]
            return [r for r in rows if r is not None]
        row = _make_row(cand, page, header)
        if row is not None and unit2 is not None:
            low, high = _bounds(range2) if range2 is not None else (None, None)
            row.alternate = Alternate(value2.value, _clean(value2.text), unit2.text, unit2.ucum,
                                      low, high)
        return [row] if row is not None else []
    row = _make_row(cand, page, header)
    return [row] if row is not None else []


def _make_row(cand: Candidate, page: Page, header: Header) -> ResultRow | None:
    """The row a candidate line makes, matched, checked and scored; None when not a result."""
    lang = header.language
    unit_token = cand.unit
    ucum = unit_token.ucum if unit_token else None
    match = match_name(cand.name, lang, ucum)
    if cand.specimen == "urine":  # "Glucose" under "Urinalysis" is the urine glucose
        in_urine = match_name(f"{cand.name}, urine", lang, ucum)
        match = in_urine if in_urine is not None else match
    value_token = cand.value
    reasons: list[str] = []
    if value_token.kind == "text":
        if match is None:
            return None  # a word after a label is not a result unless the label is a test
        value, comp = None, None
        shown = TEXT_RESULTS.get(fold(value_token.text).lower().strip("()[]. "),
                                 value_token.text)
        value_text = _clean(value_token.text) or shown
    else:
        value, comp = value_token.value, value_token.comparator
        value_text = _clean(value_token.text)
        if value is None:
            return None
    if match is None and unit_token is None and cand.range is None:
        return None  # "Dossier 12345", "Âge 56": not results
    if match is None and ucum is None and cand.range is None:
        return None
    low, high = _bounds(cand.range) if cand.range is not None else (None, None)
    known = expected_units(match.entry_id) if match is not None else None  # its test's units
    if unit_token is not None and unit_token.repaired and ucum and (not known or ucum not in known):
        reasons.append(_("the unit was hard to read"))
    if ucum and known and page.ocr and ucum not in known and micro_alternative(ucum) in known:
        ucum = micro_alternative(ucum)  # "pmol/L" read for "µmol/L"
        reasons.append(_("the unit was hard to read"))
    if page.ocr and known and ucum not in known:
        misread = unit_token or _word_after_value(cand)
        near = closest_unit(misread.text, known) if misread is not None else None
        if near is not None:
            unit_token, ucum = misread, near  # "g/E" read for "g/L", "UI" for "UI/L"
            reasons.append(_("the unit was hard to read"))
    words = [*cand.name_words, *value_token.words]
    for token in (unit_token, cand.range):
        if token is not None:
            words.extend(token.words)
    box = box_of(words)
    previous = None
    if cand.previous is not None:
        prev = cand.previous
        previous = Previous(prev.value, _clean(prev.text),
                            parse_date(cand.previous_date, header.date_order)
                            if cand.previous_date else None)
    flag = cand.flag
    confidence = _confidence(cand, match, ucum, value, low, high, page.ocr, reasons)
    if confidence < REVIEW_BELOW and not reasons:
        reasons.append(_("the print is faint or blurred on this line"))
    row = ResultRow(
        name=_clean(cand.name), loinc=loinc_for(match.entry, ucum) if match else None,
        value=value, value_text=value_text, unit=unit_token.text if unit_token else "",
        ucum=ucum, low=low, high=high, flag=flag, confidence=confidence,
        needs_review=False, page=page.number, box=box, previous=previous, comparator=comp,
        range_text=_clean(cand.range_text or (cand.range.text if cand.range else "")),
        analyte=match.entry_id if match else None, reasons=reasons)
    row.needs_review = bool(reasons) or confidence < REVIEW_BELOW
    row.bold = bool(value_token.words) and all(w.bold for w in value_token.words)
    return row


def _word_after_value(cand: Candidate) -> Token | None:
    """The unreadable word right after the value, where OCR may have mangled the unit."""
    tokens = cand.tokens
    for i, token in enumerate(tokens[:-1]):
        if token is cand.value:
            after = tokens[i + 1]
            return after if after.kind == "other" and after.cell >= token.cell else None
    return None


def _decimals(text: str) -> int:
    m = re.search(r"[.,](\d+)\s*$", text.strip().rstrip(")]"))
    return len(m.group(1)) if m else 0


def _lost_decimals(cand: Candidate) -> bool:
    """A whole number where the range or the earlier result has decimals ("19" for "1.9"):
    OCR drops small decimal points."""
    if cand.value.kind != "num" or _decimals(cand.value.text):
        return False
    others = []
    if cand.range is not None:
        others.extend(re.findall(r"\d+(?:[.,]\d+)?", cand.range.text))
    if cand.previous is not None:
        others.append(cand.previous.text)
    return any(_decimals(text) for text in others)


def _confidence(cand: Candidate, match: NameMatch | None, ucum: str | None,
                value: float | None, low: float | None, high: float | None, ocr_page: bool,
                reasons: list[str]) -> float:
    """0..1: how sure the reader is of this row; adds the reasons to doubt it."""
    conf = TEXT_CONFIDENCE
    if ocr_page:
        conf = cand.value.conf
        if cand.unit is not None:
            unit_conf = cand.unit.conf
            conf = min(conf, max(unit_conf, 0.9) if ucum else unit_conf)
        if cand.range is not None:
            conf = min(conf, max(cand.range.conf, 0.75))
        if cand.value.conf < LOW_WORD_CONFIDENCE:
            reasons.append(_("the value is hard to read"))
        if cand.value.repaired:
            reasons.append(_("the value was hard to read and may be wrong"))
            conf = min(conf, 0.5)
        if cand.noise_before:
            reasons.append(_("something unreadable stands before the value"))
            conf = min(conf, 0.6)
        if _lost_decimals(cand):
            reasons.append(_("the value may have lost its decimal point"))
            conf = min(conf, 0.6)
    if match is None:
        reasons.append(_("the test name is not one Healthbook knows"))
        conf *= 0.7
    else:
        conf *= match.score if match.score < 1.0 else 1.0
        if match.score < 0.9:
            reasons.append(_("the test name was matched loosely"))
    if value is not None and match is not None:
        expected = expected_units(match.entry_id)
        ok = plausible(match.entry_id, value, ucum)
        if expected is not None and (ucum or "") not in expected:
            reasons.append(_("this unit is unusual for this test"))
            conf *= 0.8
        elif ok is False:
            reasons.append(_("this value is implausible for this test"))
            conf *= 0.4
    if value is not None and far_outside_range(
            value, low, high, RANGE_FACTOR_OCR if ocr_page else RANGE_FACTOR_TEXT):
        reasons.append(_("the value is far outside its printed range"))
        conf *= 0.5
    if value is not None and ucum is None and cand.unit is not None:
        reasons.append(_("the unit is not one Healthbook knows"))
        conf *= 0.85
    if cand.noise > 2:
        conf *= 0.9
    return round(max(0.0, min(1.0, conf)), 3)


def _finish(state: _State, report: PdfReport | ImageReport, kind: str, name: str
            ) -> Extraction:
    header = state.header or Header()
    repeated = {key for key, pages in state.band_pages.items() if len(pages) >= 2}
    rows: list[ResultRow] = []
    seen: set[tuple[str, str, str, int]] = set()
    for row, key in zip(state.rows, state.row_keys, strict=True):
        if key in repeated:
            continue  # a header or footer printed on every page
        ident = (normalize(row.name), row.value_text, row.unit, 0)
        if ident in seen:
            continue
        seen.add(ident)
        rows.append(row)
    _bold_flags(rows)
    if not rows:
        if kind == "photo" and state.words_seen < 8:
            raise NotADocument(_("{name} does not look like a document: no text could be read "
                                 "in it.").format(name=name))
        raise NoResults(_("No lab results were found in {name}.").format(name=name))
    return Extraction(rows=rows, date=header.date, lab=header.lab,
                      patient_name=header.patient_name, birth_date=header.birth_date,
                      language=header.language, pages=report.count, kind=kind,
                      box_unit=report.box_unit, page_sizes=state.sizes,
                      page_turns=[state.turns.get(i, 0) for i in range(report.count)])


def _bold_flags(rows: list[ResultRow]) -> None:
    """Bold values flag abnormal results unless the report prints every value in bold."""
    by_page: dict[int, list[ResultRow]] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row)
    for page_rows in by_page.values():
        bold = [r for r in page_rows if r.bold]
        if bold and len(bold) <= 0.6 * len(page_rows):
            for row in bold:
                if row.flag is None:
                    row.flag = "bold"
