"""Pages rendered in memory, then degraded into office scans and phone photos.

Everything stays in memory (io.BytesIO); nothing is written to disk.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

PHOTO_SIZE = (1800, 2400)  # a messaging-app sized phone photo, portrait


def render_pages(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    """Every page of a PDF as an RGB image at `dpi`."""
    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            bitmap = page.render(scale=dpi / 72)
            images.append(bitmap.to_pil().convert("RGB"))
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return images


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    """A JPEG round trip, as a scanner or a phone would store the picture."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    out = Image.open(buffer)
    out.load()
    return out


def to_scan(image: Image.Image, seed: int, *, color: bool | None = None) -> Image.Image:
    """An office scan of a page image (render it at 200 dpi first): a slight rotation
    (±1.5°), greyer paper and ink, noise and specks, JPEG quality 75. Same size as the input.
    `color` None lets the seed choose between grey-scale (70 %) and colour."""
    rng = random.Random(f"scan:{seed}")
    if color is None:
        color = rng.random() < 0.3
    page = image.convert("RGB" if color else "L")
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False,
                       fillcolor=(255, 255, 255) if color else 255)
    arr = np.asarray(page, dtype=np.float32)
    paper, ink = rng.uniform(232, 248), rng.uniform(18, 45)
    arr = ink + arr * ((paper - ink) / 255.0)
    noise = np.random.default_rng(seed).normal(0.0, rng.uniform(4.0, 8.0), arr.shape[:2])
    arr += noise[..., None] if color else noise
    specks = np.random.default_rng(seed + 1).random(arr.shape[:2]) < 0.0004
    arr[specks] = ink + 30
    # A faint darker band along one edge, where the lid did not press the sheet flat.
    width = arr.shape[1]
    ramp = np.clip(1.0 - np.linspace(0, 1, width) / 0.06, 0, 1) * rng.uniform(0, 25)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    arr -= ramp[None, :, None] if color else ramp[None, :]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB" if color else "L")
    return _jpeg(out, 75)


def _perspective_coefficients(out_pts: Sequence[tuple[float, float]],
                              in_pts: Sequence[tuple[float, float]]) -> list[float]:
    """PIL PERSPECTIVE data mapping output points to input points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(out_pts, in_pts, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend((u, v))
    return [float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs))]


def photo_corners(page_size: tuple[int, int], seed: int, size: tuple[int, int] = PHOTO_SIZE
                  ) -> list[tuple[float, float]]:
    """Where a page's corners (top-left, top-right, bottom-right, bottom-left) land in the
    photo: the page fills most of the frame, seen from a tilted phone."""
    rng = random.Random(f"photo-corners:{seed}")
    w, h = size
    pw, ph = page_size
    scale = min(w / pw, h / ph) * rng.uniform(0.80, 0.90)
    cw, chh = pw * scale, ph * scale
    x0, y0 = (w - cw) / 2 + rng.uniform(-0.03, 0.03) * w, (h - chh) / 2 + rng.uniform(
        -0.02, 0.02) * h
    keystone = rng.uniform(0.02, 0.07) * cw  # the top edge is further away: narrower
    tilt = rng.uniform(-0.012, 0.012) * chh  # about ±1.5° of rotation, plus the jitter
    jitter = [(rng.uniform(-0.01, 0.01) * w, rng.uniform(-0.006, 0.006) * h) for _ in range(4)]
    corners = [(x0 + keystone, y0 + tilt), (x0 + cw - keystone, y0 - tilt),
               (x0 + cw, y0 + chh), (x0, y0 + chh)]
    return [(x + dx, y + dy) for (x, y), (dx, dy) in zip(corners, jitter, strict=True)]


def _lighting(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A smooth light field (about 0.45 to 1.0): a bright spot somewhere, a linear fall-off and,
    often, the phone's shadow across one side. Computed on a coarse grid, then upsampled."""
    w, h = size
    gw, gh = max(2, w // 8), max(2, h // 8)
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
    xx, yy = xx * (w / gw), yy * (h / gh)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.15, 0.6) * h
    spot = np.exp(-(((xx - cx) / (0.8 * w)) ** 2 + ((yy - cy) / (0.8 * h)) ** 2))
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * xx / w + np.sin(angle) * yy / h
    light = 0.62 + 0.38 * spot - rng.uniform(0.05, 0.18) * (ramp - ramp.min()) / np.ptp(ramp)
    if rng.random() < 0.6:
        shadow = Image.new("L", (gw, gh), 0)
        sx = rng.uniform(0.55, 0.85) * gw
        ImageDraw.Draw(shadow).polygon([(sx, 0), (gw, 0), (gw, gh), (sx - 0.25 * gw, gh)],
                                       fill=255)
        soft = np.asarray(shadow.filter(ImageFilter.GaussianBlur(8)), np.float32) / 255.0
        light *= 1.0 - rng.uniform(0.15, 0.3) * soft
    coarse = Image.fromarray(light.astype(np.float32), "F")
    return np.asarray(coarse.resize(size, Image.Resampling.BILINEAR), dtype=np.float32)


def to_photo(image: Image.Image, seed: int, size: tuple[int, int] = PHOTO_SIZE) -> Image.Image:
    """A phone photo of a page image: the sheet on a table seen in perspective, uneven light
    (a bright spot and a shadow), a warm cast, slight blur, noise, JPEG quality 85.
    Returns an RGB image of `size` (default 1800 x 2400)."""
    rng = random.Random(f"photo:{seed}")
    page = image.convert("RGB")
    w, h = size
    corners = photo_corners(page.size, seed, size)
    pw, ph = page.size
    coeffs = _perspective_coefficients(corners, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = page.transform(size, Image.Transform.PERSPECTIVE, coeffs,
                            Image.Resampling.BILINEAR, fillcolor=(0, 0, 0))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(corners, fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(1.2))
    table = tuple(int(c) for c in rng.choice(((96, 70, 48), (150, 150, 146), (60, 62, 70),
                                              (178, 160, 130))))
    background = Image.new("RGB", size, table)
    photo = Image.composite(warped, background, mask)

    light = _lighting(size, rng)
    cast = np.array([1.0, rng.uniform(0.95, 0.99), rng.uniform(0.85, 0.93)], np.float32)
    arr = np.asarray(photo, dtype=np.float32) * light[..., None] * cast
    arr += np.random.default_rng(seed).normal(0.0, rng.uniform(2.5, 5.0), (h, w))[..., None]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.2)))
    return _jpeg(out, 85)


def scanned_pdf(images: Sequence[Image.Image], dpi: int = 200) -> bytes:
    """An image-only PDF (no text layer) of page images, as a scanner writes one."""
    if not images:
        raise ValueError("no pages")
    first, *rest = [img if img.mode in ("L", "RGB") else img.convert("RGB") for img in images]
    buffer = io.BytesIO()
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi),
               quality=75)
    return buffer.getvalue()
