"""Build blocwatch/data/cameo.csv from the public CAMEO and PLOVER reference files.

Usage: python scripts/build_codebook.py REFERENCE_DIR

Sources: CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (GDELT lookup tables, free with
citation of GDELT); CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0).
The committed cameo.csv is what ships; this script is only rerun when the sources change.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SOURCE = "CAMEO 1.1b3 via GDELT lookup tables; PLOVER CAMEO2PLOVER-2021 (CC BY-SA 4.0)"


# The PLOVER manual's SANCTION definition covers embargoes and economic sanctions, which the
# 2021 conversion table files under COERCE; blocwatch follows the manual.
# Likewise its CONCEDE section: "expressions of regret or remorse … should be coded as CONCEDE".
OVERRIDES = {"163": ("SANCTION", "restrict"), "055": ("CONCEDE", "")}


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def read_labels(path: Path) -> dict[str, str]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, _, label = line.partition("\t")
        labels[code.strip()] = re.sub(r"[ÒÓ]", "'", label.strip()).replace("'hird'", "'third' ")
    labels.pop("1056", None)
    labels["106"] = "Demand withdrawal"
    labels["1056"] = "Demand de-escalation of military engagement"
    return labels


def read_goldstein(path: Path) -> dict[str, float]:
    scores = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, _, score = line.partition("\t")
        scores[code.strip()] = float(score)
    return scores


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    mapping = {}
    pattern = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?")
    for line in path.read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if match:
            code, plover, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
            mapping[code] = (plover, mode)
    return mapping


def main(ref: Path) -> None:
    labels = read_labels(ref / "CAMEO.eventcodes.txt")
    scores = read_goldstein(ref / "CAMEO.goldsteinscale.txt")
    plover = read_plover(ref / "CAMEO2PLOVER-2021.txt")
    out = Path(__file__).resolve().parent.parent / "blocwatch" / "data" / "cameo.csv"
    rows = []
    for code in sorted(labels, key=lambda c: (c[:2], c)):
        if len(code) < 3:
            continue
        ptype, mode = OVERRIDES.get(code) or plover.get(code) or plover.get(code[:3]) or \
            plover.get(code[:2], ("", ""))
        if not ptype:
            continue
        score = scores.get(code, scores.get(code[:3], scores.get(code[:2], 0.0)))
        rows.append([code, labels[code], ptype, mode, score, quad_class(code), SOURCE])
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["cameo", "label", "type", "mode", "goldstein", "quad_class", "source"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {out.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
