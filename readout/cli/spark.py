"""`readout spark-extract INPUT OUTPUT`: the extraction as a Spark job (readout/spark/job.py).

pyspark is an optional extra (`pip install 'readout[spark]'`) and needs a Java runtime; both are
checked before anything starts, with what to install when one is missing. Exit code: 0 when every
input was extracted, 1 when some failed (they are rows of the `failures` table), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path

from readout.cli import EXIT_OK, EXIT_SOME_FAILED
from readout.errors import ReadoutError
from readout.settings import Settings, help_for
from readout.spark.inputs import (  # light: pyspark is imported on use
    INPUT_FORMATS,
    SCHEMES,
    check_input,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "spark-extract", help="extract articles with Apache Spark into Parquet tables",
        description="Read articles from INPUT (any path Spark reads: a JSON Lines file, Parquet "
                    "with id/text/published columns, a folder of .txt/.html/.jsonl files; local, "
                    "hdfs://, s3a://) and write their readouts under OUTPUT as Parquet tables "
                    "(articles, actors, events, quotes, topics, failures) partitioned by "
                    "published_month. Load them into a database with `readout ingest "
                    "--from-parquet OUTPUT`. Needs pip install 'readout[spark]' and Java 17+. "
                    "Exit code 1 when some inputs failed.",
    )
    parser.add_argument("input", metavar="INPUT", help="articles: a file, a folder or a pattern")
    parser.add_argument("output", metavar="OUTPUT", help="folder to write the six tables in")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                        help="how to read INPUT (default auto: by its name; a folder is read "
                             "like `readout extract FOLDER`)")
    parser.add_argument("--master", metavar="URL",
                        help="Spark master, like 'local[2]' (default: spark-submit's, else "
                             "local[*])")
    parser.add_argument("--partitions", type=_positive_int, metavar="N",
                        help="partitions the articles are spread over (default: 4 per core)")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting, like spark.executor.memory=4g (repeatable)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the tables of an existing OUTPUT")
    parser.add_argument("--batch-size", type=_positive_int, metavar="N",
                        help=help_for("batch_size"))
    parser.add_argument("--model", metavar="NAME", help=help_for("model"))
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="Spark's progress bar on stderr (default: when stderr is a terminal)")
    parser.set_defaults(handler=run)


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _conf(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise ReadoutError(f"--conf {pair!r} is not KEY=VALUE; write it like "
                               f"--conf spark.executor.memory=4g.")
        found[key.strip()] = value.strip()
    return found


def check_spark() -> None:
    """Raise with what to install when pyspark or a Java runtime is missing."""
    if importlib.util.find_spec("pyspark") is None:
        raise ReadoutError("spark-extract needs pyspark, an optional extra: install "
                           "readout[spark] (pip install 'readout[spark]').")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        raise ReadoutError("spark-extract needs a Java runtime (17 or newer) and found none: "
                           "install one (on Debian or Ubuntu: apt-get install -y "
                           "openjdk-17-jre-headless) or set JAVA_HOME.")


def run(args: argparse.Namespace) -> int:
    check_spark()
    conf = _conf(args.conf)
    from readout.spark.job import JobOptions, spark_session
    from readout.spark.job import run as run_job

    settings = Settings.from_env(model=args.model, batch_size=args.batch_size)
    check_input(args.input)
    if not args.overwrite and not SCHEMES.match(args.output) and Path(args.output).exists():
        raise ReadoutError(f"{args.output} exists already; give a new OUTPUT folder, or "
                           f"--overwrite to replace its tables.")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    spark = spark_session(args.master, conf, progress)
    options = JobOptions(args.input_format, args.partitions, args.overwrite)
    report = run_job(spark, args.input, args.output, settings, options)
    print(f"readout: {report.summary()}", file=sys.stderr)
    if report.extracted + report.failed == 0:
        print(f"readout: {args.input} holds no articles (no .jsonl, .txt or .html files, or no "
              f"lines); check the path and --input-format.", file=sys.stderr)
        return EXIT_SOME_FAILED
    if report.failed:
        print(f"readout: see why in the failures table ({args.output}/failures), or with "
              f"`readout ingest --from-parquet {args.output} --db FILE` then `readout failures`.",
              file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK
