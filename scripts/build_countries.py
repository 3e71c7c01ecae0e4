"""Derive readout/data/countries.json from mledoze/countries plus readout's own additions.

Run from the repository root with the shared data beside it:

    python scripts/build_countries.py ../shared/data/countries-mledoze.json

The output is a derived database of mledoze/countries (ODbL 1.0): keep the attribution in
readout/data/README.md when you change it. Re-run after editing readout/data/country_additions.yaml.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "readout" / "data"


def build(source: Path) -> list[dict]:
    extra = yaml.safe_load((DATA / "country_additions.yaml").read_text(encoding="utf-8"))
    dropped = set(extra["drop_aliases"])
    additions = extra["additions"]
    table = []
    for entry in json.loads(source.read_text(encoding="utf-8")):
        code = entry["cca3"]
        add = additions.get(code, {})
        name = entry["name"]["common"]
        aliases = [entry["name"]["official"], *entry.get("altSpellings", []), *add.get("aliases", [])]
        aliases = [a for a in aliases if a not in dropped and a != name and len(a) > 2 or a in add.get("aliases", [])]
        demonym = entry.get("demonyms", {}).get("eng", {})
        demonyms = [d for d in {demonym.get("m"), demonym.get("f")} if d] + add.get("demonyms", [])
        lat, lon = (entry.get("latlng") or [None, None])[:2]
        table.append({
            "code": code,
            "iso2": entry["cca2"],
            "name": name,
            "aliases": _unique(aliases),
            "demonyms": _unique(demonyms),
            "capitals": _unique(entry.get("capital", []) + add.get("capitals", [])),
            "region": entry.get("region"),
            "subregion": entry.get("subregion"),
            "un_member": bool(entry.get("unMember")),
            "independent": bool(entry.get("independent")),
            "lat": lat,
            "lon": lon,
        })
    return sorted(table, key=lambda row: row["code"])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item.strip() for item in items if item and item.strip()))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/build_countries.py PATH/TO/countries-mledoze.json")
    rows = build(Path(sys.argv[1]))
    out = DATA / "countries.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {out}")
