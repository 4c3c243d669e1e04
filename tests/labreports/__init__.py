"""Synthetic lab reports with ground truth, and their degradation into scans and phone photos.

`generator.make_report(layout, seed)` writes a born-digital PDF (real text layer, embedded
Unicode font) and the truth of every result row on it; `degrade` turns its pages into scans and
photos. Used by tests/labreports and bench/extract_bench.py. No real person's data.
"""
