"""Hardened XML parsers: no entity declarations, no external entities, no network.

Health exports carry inline DTDs (Apple's does), but never entity declarations: any
<!ENTITY ...> is refused, which stops billion-laughs, quadratic blow-up and XXE attacks in
bounded time and memory (the same rules as defusedxml).
"""

from __future__ import annotations

import re
from typing import Any, NoReturn
from xml.parsers import expat

from lxml import etree

from healthbook.i18n import _
from healthbook.ingest.errors import ImportFailed, UnsafeFile

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_entities(*_args: Any) -> NoReturn:
    raise UnsafeFile(_("The file declares XML entities, which health exports never do; it was "
                       "refused as unsafe."))


def expat_parser() -> Any:
    """An expat parser that refuses entity declarations and external references."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_entities
    return parser


def parse_lxml(data: bytes, name: str) -> Any:
    """Parse a whole (small) XML document with lxml, refusing DTDs with entities."""
    head = data[:4096].lower()
    if _ENTITY_DECL.search(data) or (b"<!doctype" in head and b"system" in head):
        raise UnsafeFile(_("{name} declares XML entities or an external DTD; it was refused as "
                           "unsafe.").format(name=name))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(_("{name} is not well-formed XML ({error}).").format(
                               name=name, error=exc)) from exc


def strip_internal_dtd(prefix: bytes) -> bytes:
    """Remove the DOCTYPE (with its internal subset) from the start of a document.

    Apple's exports carry a DTD that some iOS versions write malformed; it declares nothing
    the parser needs. Entity declarations in it are refused, not skipped.
    """
    start = prefix.find(b"<!DOCTYPE")
    if start < 0:
        return prefix
    root = re.search(rb"\]\s*>\s*<(?!!)", prefix[start:])
    if root is None:
        root = re.search(rb">\s*<(?![!?])", prefix[start:])
    if root is None:
        raise ImportFailed(_("The document's DOCTYPE is not closed."))
    dtd = prefix[start:start + root.end() - 1]
    if b"<!ENTITY" in dtd.upper():
        _refuse_entities()
    return prefix[:start] + prefix[start + root.end() - 1:]
