"""Refresh the README's example output with what the command it names prints now.

    python scripts/update_readme_example.py

tests/test_docs.py fails when the README's example and the real output differ; run this after a
change to extraction, read the diff, and commit it with the change.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- example-output: readout (.+?) -->\n```json\n)(.*?)(\n```)", re.S)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    if match is None:
        print("README.md has no <!-- example-output: ... --> block", file=sys.stderr)
        return 1
    result = subprocess.run([sys.executable, "-m", "readout.cli", *match.group(2).split()],
                            capture_output=True, text=True, check=True, cwd=README.parent)
    updated = text[:match.start(3)] + result.stdout.rstrip("\n") + text[match.end(3):]
    README.write_text(updated, encoding="utf-8")
    print(f"README example refreshed ({len(result.stdout.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
