"""The Spark job: articles from any path Spark can read in, six Parquet tables of readouts out.

    readout spark-extract news.jsonl out/                         # local mode, all cores
    spark-submit --master yarn readout/spark/job.py hdfs:///news/ hdfs:///readouts/ --partitions 400
    python -m readout.spark.job news.jsonl out/ --master 'local[2]'

This file is also the spark-submit entry point: run as a script it is `readout spark-extract`. The
extractor is the same pure function as on one machine (`extract_readout`, through
`Pipeline.extract_many`); see readout/spark/worker.py for what runs on the executors and
readout/spark/tables.py for the tables. docs/spark.md says how to run and size it.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readout.errors import ReadoutError
from readout.settings import Settings
from readout.spark.inputs import read_inputs
from readout.spark.tables import CHILD_TABLES, MONTH_COLUMN, TABLES, extraction_ddl
from readout.spark.worker import extract_partition

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

PARTITIONS_PER_CORE = 4
# Set on every session the job makes. Python workers, and so their loaded model, outlive a task;
# --overwrite replaces a whole table, never only the months this run wrote.
SESSION_CONF = {
    "spark.python.worker.reuse": "true",
    "spark.sql.sources.partitionOverwriteMode": "static",
}


@dataclass(frozen=True)
class JobOptions:
    input_format: str = "auto"  # see readout/spark/inputs.py
    partitions: int | None = None  # None: PARTITIONS_PER_CORE per core of the cluster
    overwrite: bool = False


@dataclass
class JobReport:
    """What a run did: articles extracted, inputs failed, model loads, partitions, time."""

    output: str
    extracted: int = 0
    failed: int = 0
    model_loads: int = 0
    partitions: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.extracted / self.seconds if self.seconds else 0.0
        return (f"{self.extracted} article(s) extracted, {self.failed} failed, in "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s, {self.partitions} partitions, model "
                f"loaded {self.model_loads} time(s)); tables in {self.output}: "
                f"{', '.join(TABLES)}.")


def run(spark: SparkSession, source: str, output: str, settings: Settings,
        options: JobOptions = JobOptions()) -> JobReport:
    """Extract every article under `source` and write the six tables under `output`."""
    from pyspark import StorageLevel

    started = time.perf_counter()
    inputs = _inputs(spark, source, options.input_format, settings.max_chars)
    partitions = options.partitions or PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
    loads = spark.sparkContext.accumulator(0)
    extract = functools.partial(extract_partition, settings, loads)
    rows = inputs.repartition(partitions).rdd.mapPartitions(extract)
    results = spark.createDataFrame(rows, extraction_ddl(), verifySchema=False)
    results = results.persist(StorageLevel.MEMORY_AND_DISK)  # extract once, write six tables
    try:
        for name, table in _tables(results).items():
            _write(table, f"{output.rstrip('/')}/{name}", options.overwrite)
        counts = results.selectExpr("count(articles) AS extracted",
                                    "count(failures) AS failed").first()
    finally:
        results.unpersist()
    return JobReport(output, counts["extracted"], counts["failed"], loads.value, partitions,
                     time.perf_counter() - started)


def _inputs(spark: SparkSession, source: str, input_format: str, max_chars: int) -> DataFrame:
    from pyspark.errors import AnalysisException

    try:
        return read_inputs(spark, source, input_format, max_chars)
    except AnalysisException as error:
        detail = " ".join(str(error).split("\n")[0].split())
        raise ReadoutError(f"{source}: Spark cannot read it ({detail}); check the path and "
                           f"--input-format.") from None


def _tables(results: DataFrame) -> dict[str, DataFrame]:
    from pyspark.sql import functions as F

    tables = {"articles": results.where(F.col("articles").isNotNull())
              .select(MONTH_COLUMN, "articles.*")}
    for name in CHILD_TABLES:
        tables[name] = results.select(MONTH_COLUMN, F.explode(name).alias("row")) \
            .select(MONTH_COLUMN, "row.*")
    tables["failures"] = results.where(F.col("failures").isNotNull()) \
        .select(MONTH_COLUMN, "failures.*")
    return tables


def _write(table: DataFrame, path: str, overwrite: bool) -> None:
    from pyspark.errors import AnalysisException

    try:
        table.write.mode("overwrite" if overwrite else "errorifexists") \
            .partitionBy(MONTH_COLUMN).parquet(path)
    except AnalysisException as error:
        if "PATH_ALREADY_EXISTS" in str(error) or "already exists" in str(error):
            raise ReadoutError(f"{path} exists already; give a new OUTPUT folder, or --overwrite "
                               f"to replace its tables.") from None
        raise


# --- the session -----------------------------------------------------------------------------

def spark_session(master: str | None = None, conf: dict[str, str] | None = None,
                  progress: bool = False) -> SparkSession:
    """A Spark session for the job (the one spark-submit made, when run under spark-submit).

    In local mode the Python workers run this interpreter, so that they import this readout.
    """
    from pyspark.sql import SparkSession

    launched_here = "PYSPARK_GATEWAY_PORT" not in os.environ  # spark-submit sets it
    if launched_here and (master is None or master.startswith("local")):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("readout")
    if master:
        builder = builder.master(master)
    settings = {**SESSION_CONF, "spark.ui.showConsoleProgress": str(progress).lower(),
                **(conf or {})}
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: list[str] | None = None) -> int:
    """spark-submit's entry point: the same options as `readout spark-extract`."""
    from readout.cli import main as cli_main

    return cli_main(["spark-extract", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
