"""Benchmark: one upload of a 24-megapixel phone photo, stage by stage.

    make bench-media        (or: .venv/bin/python -m bench.media_upload)

Prints wall time (median of several runs) and peak memory for validation, processing
(upright, sRGB, metadata stripped, re-encoded) and renditions, each with its ratio to
a baseline measured in the same process: Pillow decoding the same JPEG and encoding it
again, the least any re-encoding pipeline must do.
"""

import io
import json
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402

from events.images import clean_image, inspect_image, make_renditions  # noqa: E402

WIDTH, HEIGHT = 6000, 4000
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def phone_photo() -> bytes:
    """A 24 MP JPEG that compresses like a photo, with orientation and GPS tags."""
    sky = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).convert("RGB")
    grain = Image.effect_noise((WIDTH, HEIGHT), 18).convert("RGB")
    photo = Image.blend(sky, grain, 0.35)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 3.0, 36.0), 3: "E", 4: (118.0, 47.0, 0.0)})
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def baseline(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        image.save(io.BytesIO(), "JPEG", quality=88)


def reset_peak_memory() -> None:
    # Writing 5 to clear_refs resets the process's peak resident set size (Linux 4.0+).
    Path("/proc/self/clear_refs").write_text("5")


def memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_stage(name: str, data: bytes) -> bytes | None:
    if name == "baseline":
        baseline(data)
    elif name == "validation":
        inspect_image(data, "photo.jpg")
    elif name == "processing":
        return clean_image(data, "photo.jpg").content
    else:
        make_renditions(data)
    return None


def peak_in_child(name: str, data: bytes) -> float:
    """The memory (MB) one run of the stage adds, measured in a fresh process.

    A fresh process, because memory a stage frees stays with this one and would hide
    the next stage's peak.
    """
    reset_peak_memory()
    before = memory_kb("VmRSS")
    run_stage(name, data)
    return (memory_kb("VmHWM") - before) / 1024


def measure(name: str, data: bytes) -> tuple[float, float]:
    """Median seconds over RUNS, and the peak memory (MB) the stage adds."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run_stage(name, data)
        times.append(time.perf_counter() - started)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        peak = pool.apply(peak_in_child, (name, data))
    return statistics.median(times), peak


def main() -> int:
    data = phone_photo()
    clean = clean_image(data, "photo.jpg").content
    stages = {
        "baseline: Pillow decode + encode": ("baseline", data),
        "validation": ("validation", data),
        "processing (incl. validation)": ("processing", data),
        "renditions": ("renditions", clean),
    }
    results = {label: measure(*stage) for label, stage in stages.items()}
    base = results["baseline: Pillow decode + encode"][0]
    upload_total = results["processing (incl. validation)"][0] + results["renditions"][0]

    print(f"One upload of a {WIDTH}×{HEIGHT} JPEG ({len(data) / 1e6:.1f} MB), median of {RUNS}")
    print(f"{'stage':36} {'seconds':>8} {'× baseline':>11} {'peak MB':>8}")
    for name, (seconds, peak) in results.items():
        print(f"{name:36} {seconds:8.2f} {seconds / base:11.2f} {peak:8.0f}")
    print(f"{'whole upload':36} {upload_total:8.2f} {upload_total / base:11.2f}")
    report = {
        "image": {"width": WIDTH, "height": HEIGHT, "bytes": len(data)},
        "runs": RUNS,
        "stages": {
            name: {"seconds": round(s, 3), "ratio": round(s / base, 2), "peak_mb": round(p)}
            for name, (s, p) in results.items()
        },
        "upload_seconds": round(upload_total, 3),
        "upload_ratio": round(upload_total / base, 2),
    }
    output = Path(os.environ.get("BENCH_OUTPUT", "bench/results/media_upload.json"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
