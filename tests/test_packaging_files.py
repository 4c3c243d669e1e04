"""Desktop integration files: well-formed, and naming what the app really is and does."""

from __future__ import annotations

import configparser
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def _entry(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / name, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entries_start_the_app() -> None:
    app = _entry("org.healthbook.Healthbook.desktop")
    assert app["Type"] == "Application"
    assert app["Exec"].split()[0] == "healthbook"
    assert "MedicalSoftware" in app["Categories"]
    kiosk = _entry("healthbook-kiosk-autostart.desktop")
    assert kiosk["Exec"] == "healthbook --kiosk"


def test_metainfo_matches_the_desktop_file_and_the_icon_exists() -> None:
    root = ElementTree.parse(LINUX / "org.healthbook.Healthbook.metainfo.xml").getroot()
    assert root.findtext("id") == "org.healthbook.Healthbook"
    assert root.find("launchable").text == "org.healthbook.Healthbook.desktop"
    icon = ElementTree.parse(ROOT / "resources" / "icons" / "healthbook.svg").getroot()
    assert icon.tag.endswith("svg")
    sizes = sorted(int(p.parts[-3].split("x")[0])
                   for p in (ROOT / "resources" / "icons" / "hicolor").glob("*/apps/*.png"))
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]


def test_the_app_starts_and_quits_cleanly_for_packagers() -> None:
    from tests.helpers import run_cli

    done = run_cli("--quit-after-start", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr


def test_the_kiosk_unit_restarts_the_app() -> None:
    unit = configparser.ConfigParser(interpolation=None)
    unit.read(LINUX / "healthbook-kiosk.service", encoding="utf-8")
    assert unit["Service"]["ExecStart"] == "healthbook --kiosk"
    assert unit["Service"]["Restart"] == "always"
