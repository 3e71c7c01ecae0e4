"""How fast the Spark job is, against plain multiprocessing (a measurement, not a test).

On N generated articles (scripts/corpus.py, JSON Lines) it times, each as a separate command and
start to finish (Python start, model loads, and for Spark the JVM):
  - `readout extract --workers W --format jsonl` (forked workers, one model each);
  - `readout spark-extract --master local[1]` and `--master local[2]`;
and prints articles/s, the speed-up of local[2] over local[1] (target >= 1.7) and the overhead of
local[2] over `extract --workers 2` (target < 20%). Beside: the in-job time the Spark job reports
(without the JVM's start), and the CPU time of each command with every process under it, which
other work on the machine does not inflate (the load average, printed before and after, says how
busy the machine was).

    python scripts/bench_spark.py                       # 20,000 articles (about 40 minutes on 2 cores)
    python scripts/bench_spark.py --articles 1000       # a quick look
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import generate_corpus  # scripts/corpus.py
from generate_corpus import write_jsonl

SPEEDUP_TARGET = 1.7
OVERHEAD_TARGET = 0.20
SAMPLE_S = 0.5


@dataclass
class Run:
    label: str
    command: list[str]
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system of the command and every process under it
    job_seconds: float | None = None  # what the Spark job reports, without the JVM's start
    articles: int = 0
    code: int = 0


def _readout(*args: str) -> list[str]:
    return [sys.executable, "-m", "readout.cli", *args]


def _time(run: Run, stdout_path: Path | None, stderr_path: Path) -> Run:
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    started = time.perf_counter()
    with open(stdout_path or os.devnull, "w") as out, stderr_path.open("w") as err:
        process = subprocess.Popen(run.command, stdout=out, stderr=err, env=env)
        cpu = TreeCpu(process.pid)
        while process.poll() is None:
            cpu.sample()
            time.sleep(SAMPLE_S)
    run.seconds, run.code = time.perf_counter() - started, process.returncode
    run.cpu_seconds = cpu.seconds()
    said = stderr_path.read_text(encoding="utf-8", errors="replace")
    summary = re.search(r"(\d+) article\(s\) extracted, \d+ failed, in ([\d.]+) s", said)
    if summary:
        run.articles, run.job_seconds = int(summary[1]), float(summary[2])
    elif stdout_path is not None:
        with stdout_path.open("rb") as lines:
            run.articles = sum(1 for _ in lines)
    if run.code not in (0, 1) or not run.articles:
        sys.exit(f"{shlex.join(run.command)} failed ({run.code}):\n{said[-3000:]}")
    return run


class TreeCpu:
    """CPU time of a process and all its descendants (the JVM, Spark's Python workers), sampled
    from /proc: a process that is never waited for (the JVM) is counted too. A process's last
    SAMPLE_S before it exits is missed."""

    def __init__(self, root: int):
        self.root = root
        self.seen: dict[tuple[int, str], float] = {}  # (pid, start time) -> cpu seconds
        self.tick = os.sysconf("SC_CLK_TCK")

    def sample(self) -> None:
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue  # exited meanwhile
                stats[int(entry.name)] = fields
        tree, grew = {self.root}, True
        while grew:
            found = {pid for pid, fields in stats.items() if int(fields[1]) in tree} - tree
            tree, grew = tree | found, bool(found)
        for pid in tree & stats.keys():
            fields = stats[pid]  # after the name: 0 state, 1 ppid, 11 utime, 12 stime, 19 start
            self.seen[(pid, fields[19])] = (int(fields[11]) + int(fields[12])) / self.tick

    def seconds(self) -> float:
        return sum(self.seen.values())


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000, help="articles (20000)")
    parser.add_argument("--workers", type=int, default=2, help="extract --workers (2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (1)")
    parser.add_argument("--work-dir", type=Path, help="keep the corpus and outputs here")
    args = parser.parse_args(argv)

    folder = args.work_dir or Path(tempfile.mkdtemp(prefix="bench-spark-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    write_jsonl(generate_corpus(args.articles, seed=args.seed), corpus)
    runs = [
        Run(f"readout extract --workers {args.workers}",
            _readout("extract", str(corpus), "--workers", str(args.workers), "--format", "jsonl",
                     "--no-progress")),
        *(Run(f"spark-extract local[{cores}]",
              _readout("spark-extract", str(corpus), str(folder / f"local{cores}"), "--master",
                       f"local[{cores}]", "--overwrite", "--no-progress"))
          for cores in (1, 2)),
    ]
    load_before = _load()
    for run in runs:
        stdout = folder / "extract.jsonl" if "extract --workers" in run.label else None
        _time(run, stdout, folder / "stderr.txt")
    _report(args, runs, load_before)
    return 0


def _report(args: argparse.Namespace, runs: list[Run], load_before: str) -> None:
    extract, one, two = runs
    print(f"command: {shlex.join(['python', *sys.argv])}")
    print(f"articles: {args.articles} generated (seed {args.seed}); {os.cpu_count()} cores; "
          f"load average before {load_before}, after {_load()}")
    print(f"{'run':<30} {'seconds':>8} {'articles/s':>11} {'in-job s':>9} {'cpu s':>8} "
          f"{'cpu ms/article':>15}")
    for run in runs:
        job = f"{run.job_seconds:>9.1f}" if run.job_seconds is not None else f"{'-':>9}"
        print(f"{run.label:<30} {run.seconds:>8.1f} {run.articles / run.seconds:>11.1f} {job} "
              f"{run.cpu_seconds:>8.1f} {run.cpu_seconds / run.articles * 1000:>15.1f}")
    speedup = one.seconds / two.seconds
    overhead = two.seconds / extract.seconds - 1
    print(f"spark local[2] / local[1] speed-up: {speedup:.2f}x (target >= {SPEEDUP_TARGET}x)")
    cpu_overhead = two.cpu_seconds / extract.cpu_seconds - 1
    print(f"spark local[2] overhead over extract --workers {args.workers}: {overhead:+.1%} wall, "
          f"{cpu_overhead:+.1%} cpu (target < {OVERHEAD_TARGET:.0%})")
    for run in runs:
        print(f"  {run.label}: {shlex.join(run.command)}")


if __name__ == "__main__":
    sys.exit(main())
