"""Recognise a health file's format from its content, not its name."""

from __future__ import annotations

import json
import re
import zipfile
from enum import StrEnum
from pathlib import Path

from healthbook.i18n import _
from healthbook.ingest.errors import ImportFailed, UnsafeFile, UnsupportedFormat

SNIFF_BYTES = 64 * 1024
MAX_RATIO = 200  # real exports compress ~20:1; zip bombs far more
MAX_UNCOMPRESSED = 64 << 30


class Format(StrEnum):
    """The formats Healthbook imports."""

    APPLE_HEALTH_ZIP = "apple-health-zip"
    APPLE_HEALTH_XML = "apple-health-xml"
    FHIR_JSON = "fhir-json"
    FHIR_NDJSON = "fhir-ndjson"
    CCDA = "c-cda"
    CSV = "csv"
    HEALTH_CONNECT = "health-connect"


def _is_macos_junk(name: str) -> bool:
    return name.startswith("__MACOSX/") or "/._" in name or name.startswith("._")


def zip_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Real entries of a zip (macOS resource-fork junk left out)."""
    return [i for i in archive.infolist() if not _is_macos_junk(i.filename) and not i.is_dir()]


def check_zip_member(info: zipfile.ZipInfo, name: str) -> None:
    """Refuse an encrypted entry, or one that would expand implausibly (a zip bomb)."""
    if info.flag_bits & 0x1:
        raise ImportFailed(_("{name} is encrypted; export it again without a password.").format(
                               name=name))
    if info.file_size > MAX_UNCOMPRESSED or (
        info.compress_size and info.file_size > 100 << 20
        and info.file_size / info.compress_size > MAX_RATIO
    ):
        raise UnsafeFile(_("{name} expands to an implausible size (a zip bomb?); refused.").format(
                             name=name))


def _detect_zip(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in zip_members(archive)]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(_("{name} is a damaged or unreadable zip file.").format(
                               name=path.name)) from exc
    if any(n == "export.xml" or n.endswith("/export.xml") for n in names):
        return Format.APPLE_HEALTH_ZIP
    if any(n.endswith(".db") for n in names):
        return Format.HEALTH_CONNECT
    if not names:
        raise ImportFailed(_("{name} is an empty zip file.").format(name=path.name))
    raise UnsupportedFormat(
        _("{name} is a zip file but not an Apple Health or Health Connect export.").format(
            name=path.name)
    )


def _detect_xml(path: Path, head: str) -> Format:
    body = re.sub(r"<\?.*?\?>|<!--.*?-->", "", head, flags=re.S)
    body = re.sub(r"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", body, count=1, flags=re.S)
    m = re.search(r"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)", body)
    root = m.group(2) if m else ""
    if root == "HealthData":
        return Format.APPLE_HEALTH_XML
    if root in {"ClinicalDocument", "section", "component", "entry", "organizer"}:
        return Format.CCDA
    if "http://hl7.org/fhir" in head:
        raise UnsupportedFormat(
            _("{name} is FHIR XML; Healthbook imports FHIR JSON (ask for a JSON export).").format(
                name=path.name)
        )
    raise UnsupportedFormat(_("{name} is an XML file Healthbook does not recognise.").format(
                                name=path.name))


def _looks_like_ndjson(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    try:
        first = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(first, dict) and "resourceType" in first


def _binary(raw: bytes) -> bool:
    """True for bytes no text format starts with: NULs or mostly undecodable bytes (an
    encrypted vault, an image, a program)."""
    head = raw[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"<", b"{", b"["):
        return False  # markup or JSON, perhaps in another encoding: its reader says so
    decoded = head.decode("utf-8", errors="replace")
    return decoded.count("\ufffd") > max(8, len(decoded) // 4)


def detect(path: Path) -> Format:
    """The format of the file at `path` (raises ImportFailed/UnsupportedFormat)."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(SNIFF_BYTES)
    except IsADirectoryError as exc:
        raise ImportFailed(_("{name} is a folder; choose the export file inside it.").format(
                               name=path.name)) from exc
    except OSError as exc:
        raise ImportFailed(_("{name} cannot be read: {error}.").format(
                               name=path.name, error=exc.strerror)) from exc
    if not raw.strip():
        raise ImportFailed(_("{name} is empty.").format(name=path.name))
    if raw.startswith(b"PK"):
        return _detect_zip(path)
    if raw.startswith(b"SQLite format 3"):
        raise UnsupportedFormat(
            _("{name} is a database file; import the Health Connect export zip instead.").format(
                name=path.name)
        )
    if _binary(raw):
        raise UnsupportedFormat(_("{name} is not a health export Healthbook recognises (it "
                                  "is not text, a zip or a database).").format(name=path.name))
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return _detect_xml(path, text)
    if path.suffix.lower() == ".ndjson":
        return Format.FHIR_NDJSON
    if text.startswith(("{", "[")) or path.suffix.lower() == ".json":
        return Format.FHIR_NDJSON if _looks_like_ndjson(text) else Format.FHIR_JSON
    if "," in text.split("\n", 1)[0] or ";" in text.split("\n", 1)[0] or "\t" in text:
        return Format.CSV
    raise UnsupportedFormat(_("{name} is not a health export Healthbook recognises.").format(
                                name=path.name))
