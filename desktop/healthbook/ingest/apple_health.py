"""Apple Health exports (export.zip or export.xml), parsed as a stream with expat.

Records, correlations (blood pressure), workouts, activity summaries and the Me element come
from export.xml; the zip's clinical-records/*.json (FHIR) and export_cda.xml are read too.
Real exports are gigabytes: nothing holds the whole document in memory. A large export.xml
is parsed in a second process (parse_worker) while this one writes to the vault.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from healthbook.i18n import _
from healthbook.ingest.apple_export_xml import read_export_xml
from healthbook.ingest.context import ParseContext
from healthbook.ingest.detect import check_zip_member, zip_members
from healthbook.ingest.errors import ImportFailed
from healthbook.ingest.healthkit import ClinicalRef, RecordConverter
from healthbook.ingest.items import Item, Skipped


def parse_apple_health(ctx: ParseContext) -> Iterator[Item]:
    """Items from an Apple Health export.zip or a bare export.xml."""
    if ctx.path.suffix.lower() != ".zip" and not zipfile.is_zipfile(ctx.path):
        refs: list[ClinicalRef] = []
        yield from _without_refs(export_xml_items(ctx, None, ctx.total_bytes), refs)
        for ref in refs:
            yield Skipped("ClinicalRecord", ref.ident or ref.path,
                          _("{path} is not in a bare export.xml; import the whole "
                            "export.zip").format(path=ref.path))
        return
    yield from _parse_zip(ctx)


def export_xml_items(ctx: ParseContext, member: str | None,
                     size: int) -> Iterator[Item | ClinicalRef]:
    """Items of export.xml (the zip `member`, or the bare file when None), `size` bytes.

    A large file is extracted by a second process while this one converts and writes, so
    the work runs on two cores.
    """
    from healthbook.ingest import parse_worker

    if parse_worker.worth_a_worker(size):
        extracted = parse_worker.items_in_worker(ctx, member)
    else:
        extracted = read_export_xml(ctx, member)
    yield from RecordConverter().items(extracted)

def _without_refs(items: Iterator[Item | ClinicalRef],
                  refs: list[ClinicalRef]) -> Iterator[Item]:
    """`items` with the ClinicalRefs taken out into `refs`."""
    for item in items:
        if type(item) is ClinicalRef:
            refs.append(item)
        else:
            yield item


def _parse_zip(ctx: ParseContext) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(ctx.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed(_("{name} is a damaged zip file.").format(name=ctx.path.name)) from exc
    with archive:
        members = {i.filename: i for i in zip_members(archive)}
        xml_name = next(n for n in members if n == "export.xml" or n.endswith("/export.xml"))
        root = PurePosixPath(xml_name).parent
        info = members[xml_name]
        check_zip_member(info, ctx.path.name)
        ctx.total_bytes = sum(i.file_size for i in members.values()) or 1
        refs: list[ClinicalRef] = []
        yield from _without_refs(export_xml_items(ctx, xml_name, info.file_size), refs)
        done = info.file_size
        prefix = _member(root, "clinical-records/")
        clinical = {n: i for n, i in members.items()
                    if n.startswith(prefix) and n.endswith(".json")}
        for ref in refs:
            if _member(root, ref.path.lstrip("/")) not in clinical:
                yield Skipped("ClinicalRecord", ref.ident or ref.path,
                              _("the export does not contain {path} (referenced file "
                                "missing)").format(path=ref.path))
        from healthbook.ingest.fhir import items_from_json_bytes

        for name, member_info in sorted(clinical.items()):
            check_zip_member(member_info, name)
            data = archive.read(member_info)
            yield from items_from_json_bytes(data, name, lenient=True)
            done += member_info.file_size
            ctx.done_bytes = done
        cda = members.get(_member(root, "export_cda.xml"))
        if cda is not None:
            check_zip_member(cda, cda.filename)
            from healthbook.ingest.ccda import items_from_ccda_bytes

            yield from items_from_ccda_bytes(archive.read(cda), "export_cda.xml")


def _member(root: PurePosixPath, relative: str) -> str:
    """The zip member name of `relative` inside the export folder `root`."""
    return relative if str(root) in {"", "."} else f"{root}/{relative}"
