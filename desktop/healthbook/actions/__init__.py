"""The one front door for every change a person makes: Qt-free operations that own their
transaction and audit entry and return what they changed.

The CLI and the Qt views gather input, call one of these, and show the result; neither writes
to the vault by itself. Each operation writes exactly one audit entry with one payload shape.
"""

from healthbook.actions.changes import Changes, Result
from healthbook.actions.imports import delete_import, import_files
from healthbook.actions.people import add_person, remove_person, rename_person

__all__ = ["Changes", "Result", "add_person", "delete_import", "import_files", "remove_person",
           "rename_person"]
