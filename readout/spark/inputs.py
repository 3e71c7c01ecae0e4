"""Where a Spark extraction reads its articles: one DataFrame of raw inputs, whatever the format.

Each row is one input, still unchecked: `kind` "line" (a JSON Lines line, or a Parquet row written as
one), "file" (a whole .txt or .html file, as bytes) or "large" (a file over the size limit, whose
content is never read), with `path` (the file it came from). The checks are the one-machine reader's
(readout/read/sources.py), run on the executors by readout/spark/worker.py.

Formats (`--input-format`):
  - jsonl: every file under the path is JSON Lines (id, text or html, title, url, outlet, published);
  - parquet: Parquet with those columns (`id` and `text` at least), each row read as that JSON line;
  - text: .txt, .html and .htm files under the path, one article each (the id is the file name);
  - auto: by the path's name (.parquet, .jsonl/.json, .txt/.html), or for a folder on this machine
    holding .parquet files, parquet; otherwise a folder of articles: its .jsonl files as JSON Lines
    and its .txt/.html files, as `readout extract FOLDER` reads it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from readout.errors import ReadoutError
from readout.read.text import max_bytes

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

INPUT_FORMATS = ("auto", "jsonl", "parquet", "text")
JSONL_NAMES = re.compile(r"\.(jsonl|json|ndjson)(\.gz|\.bz2)?$", re.IGNORECASE)
TEXT_NAMES = re.compile(r"\.(txt|html|htm)$", re.IGNORECASE)
TEXT_GLOB = "*.{txt,html,htm,TXT,HTML,HTM}"
JSONL_GLOB = "*.{jsonl,JSONL}"
PARQUET_FIELDS = ("id", "text", "html", "title", "url", "outlet", "published")
TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss"
SCHEMES = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # hdfs:, s3a:, gs:, file:


def check_input(path: str) -> Path | None:
    """`path` as a local Path (None for a URL like hdfs://...); raises if a local one is missing."""
    local = None if SCHEMES.match(path) else Path(path)
    if local is not None and not local.exists() and not any(c in path for c in "*?["):
        raise ReadoutError(f"{path}: no such file or folder; check the path.")
    return local


def read_inputs(spark: SparkSession, path: str, input_format: str, max_chars: int) -> DataFrame:
    """The raw inputs under `path`; raises ReadoutError for a path that is not there."""
    local = check_input(path)
    chosen = choose_format(path, input_format, local)
    if chosen == "parquet":
        return _parquet_lines(spark, path)
    if chosen == "jsonl":
        return _jsonl_lines(spark, path, glob=None)
    if chosen == "text":
        return _text_files(spark, path, max_chars, glob=_glob(path, TEXT_GLOB))
    return _jsonl_lines(spark, path, JSONL_GLOB).unionByName(
        _text_files(spark, path, max_chars, TEXT_GLOB))


def choose_format(path: str, input_format: str, local: Path | None) -> str:
    """The format to read `path` in: one of INPUT_FORMATS but auto, or "folder" (jsonl + text)."""
    if input_format != "auto":
        return input_format
    name = path.rstrip("/")
    if name.lower().endswith(".parquet"):
        return "parquet"
    if JSONL_NAMES.search(name):
        return "jsonl"
    if TEXT_NAMES.search(name):
        return "text"
    if local is not None and local.is_dir() and next(local.rglob("*.parquet"), None) is not None:
        return "parquet"
    return "folder"


def _glob(path: str, glob: str) -> str | None:
    """A file filter for a folder; none for a file or a pattern the user wrote."""
    return None if TEXT_NAMES.search(path) or any(c in path for c in "*?[") else glob


def _reader(spark: SparkSession, glob: str | None):
    """Files read recursively (no partition folders to infer), only those matching `glob`."""
    reader = spark.read.option("recursiveFileLookup", "true")
    return reader if glob is None else reader.option("pathGlobFilter", glob)


def _jsonl_lines(spark: SparkSession, path: str, glob: str | None) -> DataFrame:
    from pyspark.sql import functions as F

    lines = _reader(spark, glob).text(path)
    return lines.where(F.trim("value") != "").select(
        F.lit("line").alias("kind"), F.col("_metadata.file_path").alias("path"),
        F.col("value").alias("line"), F.lit(None).cast("binary").alias("content"),
        F.lit(None).cast("bigint").alias("length"))


def _parquet_lines(spark: SparkSession, path: str) -> DataFrame:
    """Parquet rows as JSON lines of the fields readout reads, so that they are checked alike."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampType

    frame = spark.read.parquet(path)
    columns = {field.name: field for field in frame.schema.fields}
    if "id" not in columns or not {"text", "html"} & set(columns):
        raise ReadoutError(f"{path}: Parquet input needs an `id` and a `text` column (or `html`); "
                           f"it has {', '.join(sorted(columns)) or 'none'}. Rename the columns, "
                           f"or give JSON Lines.")
    fields = []
    for name in PARQUET_FIELDS:
        if name not in columns:
            continue
        value = F.col(name)
        if name == "published" and isinstance(columns[name].dataType, TimestampType):
            value = F.date_format(value, TIMESTAMP_FORMAT)
        elif name != "id":
            value = value.cast("string")
        fields.append(value.alias(name))
    return frame.select(
        F.lit("line").alias("kind"), F.col("_metadata.file_path").alias("path"),
        F.to_json(F.struct(*fields)).alias("line"), F.lit(None).cast("binary").alias("content"),
        F.lit(None).cast("bigint").alias("length"))


def _text_files(spark: SparkSession, path: str, max_chars: int, glob: str | None) -> DataFrame:
    """Whole files; those over the size limit are listed without being read (a pushed filter)."""
    from pyspark.sql import functions as F

    files = _reader(spark, glob).format("binaryFile").load(path)
    limit = max_bytes(max_chars)
    small = files.where(F.col("length") <= limit).select(
        F.lit("file").alias("kind"), "path", F.lit(None).cast("string").alias("line"), "content",
        "length")
    large = files.where(F.col("length") > limit).select(
        F.lit("large").alias("kind"), "path", F.lit(None).cast("string").alias("line"),
        F.lit(None).cast("binary").alias("content"), "length")
    return small.unionByName(large)
