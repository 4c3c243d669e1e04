"""Desktop-app speed (offscreen Qt): cold start, unlock to overview with 1M samples, charts.

Targets (issue 6): cold start to the unlock screen <= 1.5 s with llama_cpp, fhir.resources
and matplotlib.pyplot not imported; unlock to overview with 1M samples <= 1 s; trend chart of
an analyte and of a 1M-sample metric <= 0.3 s each. The reference for the cold start is a bare
PySide6 window in a fresh process, measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]

COLD = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
{body}
app.processEvents()
print(time.perf_counter() - t0)
print(",".join(m for m in ("llama_cpp", "fhir.resources", "matplotlib.pyplot")
               if m in sys.modules))
"""
HEALTHBOOK = """
from healthbook.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow()
window.show()
"""
BARE = """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
"""


def cold(body: str) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    best, loaded = 1e9, ""
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", COLD.format(body=body)], env=env,
                             capture_output=True, text=True, check=True).stdout.split("\n")
        best, loaded = min(best, float(out[0])), out[1]
    return best, loaded


def warm() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from facts_bench import fill
    from healthbook.ui.main_window import MainWindow
    from healthbook.vault import Vault

    app = QApplication.instance() or QApplication([])
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ui.vault"
        with Vault.create(path, "bench passphrase") as vault:
            fill(vault)
        window = MainWindow(vault_path=path)
        window.resize(1280, 800)
        window.show()
        # A person takes a moment to type; meanwhile the session warms up the facts engine
        # (the unit registry) on its worker thread. Time from the click on Unlock.
        while window.session.lane.busy:
            app.processEvents()
            time.sleep(0.01)
        start = time.perf_counter()
        window.unlock_view.passphrase.setText("bench passphrase")
        window.unlock_view.submit.click()
        while window.session.data is None:
            app.processEvents()
            time.sleep(0.002)
        window.views["Overview"].repaint()
        results["unlock"] = time.perf_counter() - start
        labs = window.views["Labs"]
        window.show_page("Labs")
        app.processEvents()
        start = time.perf_counter()
        labs.table.selectRow(1)
        labs.canvas.canvas.draw()
        results["analyte"] = time.perf_counter() - start
        wellness = window.views["Wellness"]
        window.show_page("Wellness")
        app.processEvents()
        for period in range(3):
            start = time.perf_counter()
            wellness.period.setCurrentIndex(period)
            wellness.canvas.canvas.draw()
            results[f"metric_{period}"] = time.perf_counter() - start
        results["days"] = len(window.session.data.facts.metrics[0].days)
        window.close()
    return results


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    ours, loaded = cold(HEALTHBOOK)
    bare, _ = cold(BARE)
    w = warm()
    rows = [("measure", "value", "target")]
    rows.append(("cold start to unlock screen (s)", f"{ours:.2f}", "<= 1.5 s"))
    rows.append(("bare PySide6 window, same run (s)", f"{bare:.2f}", "reference"))
    rows.append(("llama_cpp / fhir.resources / pyplot at start-up", loaded or "none", "none"))
    rows.append(("unlock to overview, 1M samples + 5,000 labs (s)", f"{w['unlock']:.2f}",
                 "<= 1 s"))
    rows.append(("analyte trend chart (s)", f"{w['analyte']:.3f}", "<= 0.3 s"))
    for i, period in enumerate(("day", "week", "month")):
        rows.append((f"1M-sample metric chart by {period}, {w['days']} days (s)",
                     f"{w[f'metric_{i}']:.3f}", "<= 0.3 s"))
    print(table(rows))


if __name__ == "__main__":
    main()
