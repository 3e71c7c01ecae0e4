"""Write N realistic synthetic news articles for scale tests (our own prose, from corpus.yaml).

    python scripts/generate_corpus.py 20000 corpus.jsonl               # JSON Lines (the default)
    python scripts/generate_corpus.py 20000 corpus.parquet --format parquet
    python scripts/generate_corpus.py 500 articles/ --format txt       # one .txt file per article

JSON Lines and Parquet carry id, title, outlet, url, published (missing for about one article in 25)
and text, which is what `readout extract`, `readout ingest` and `readout spark-extract` read. A folder
of .txt files carries the text alone (the file name is the id). The same N and --seed give the same
articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from corpus import generate_corpus  # scripts/corpus.py

FORMATS = ("jsonl", "parquet", "txt")
PARQUET_COLUMNS = ("id", "title", "outlet", "url", "published", "text")
PARQUET_ROWS_PER_GROUP = 5000


def write_jsonl(records: Iterable[dict], path: Path) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def write_parquet(records: Iterable[dict], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in PARQUET_COLUMNS])
    written, chunk = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for record in records:
            chunk.append(record)
            if len(chunk) == PARQUET_ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                written, chunk = written + len(chunk), []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            written += len(chunk)
    return written


def write_txt(records: Iterable[dict], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        written += 1
    return written


WRITERS = {"jsonl": write_jsonl, "parquet": write_parquet, "txt": write_txt}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="how many articles")
    parser.add_argument("output", type=Path, metavar="OUTPUT", help="file (jsonl, parquet) or folder")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="jsonl (default)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (1)")
    parser.add_argument("--prefix", default="art", help="article ids are PREFIX-000001... (art)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be 1 or more")
    records = generate_corpus(args.count, seed=args.seed, prefix=args.prefix)
    written = WRITERS[args.format](records, args.output)
    print(f"wrote {written} articles to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
