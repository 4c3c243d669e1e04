"""The one front door for every change a person makes: Qt-free operations that own their
transaction and audit entry and return what they changed.

The CLI and the Qt views gather input, call one of these, and show the result; neither writes
to the vault by itself. Each operation writes exactly one audit entry with one payload shape.
"""

from healthbook.actions.changes import Changes, Result
from healthbook.actions.documents import ConfirmedRow, Document, confirm_document
from healthbook.actions.imports import delete_import, import_files, removal_sentence
from healthbook.actions.people import add_person, remove_person, rename_person
from healthbook.actions.records import (
    Entry,
    add_record,
    build_record,
    edit_record,
    hide_record,
    provenance,
    undo_last,
)
from healthbook.actions.sharing import export_summary, save_sheet, sheet_for_printing
from healthbook.actions.vault_ops import back_up, change_passphrase, restore
from healthbook.errors import InvalidInput

__all__ = [
    "Changes", "ConfirmedRow", "Document", "Entry", "InvalidInput", "Result", "add_person",
    "add_record", "back_up", "build_record", "change_passphrase", "confirm_document",
    "delete_import", "edit_record", "export_summary", "hide_record", "import_files",
    "provenance", "removal_sentence", "remove_person", "rename_person", "restore",
    "save_sheet", "sheet_for_printing", "undo_last",
]
