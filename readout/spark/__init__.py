"""readout on Apache Spark: `readout spark-extract` (job.py), its tables (tables.py), its inputs
(inputs.py) and what runs on the executors (worker.py). pyspark is imported only when a job runs:
install it with `pip install 'readout[spark]'`. See docs/spark.md."""
