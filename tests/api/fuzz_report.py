"""Adds up the counts a measuring fuzz run wrote (``EHRENSACHE_FUZZ_REPORT=path``, one file
per xdist worker): ``.venv/bin/python tests/api/fuzz_report.py path``."""

import json
import sys
from collections import Counter
from pathlib import Path


def main(prefix: str) -> None:
    cases = 0
    by_kind: Counter = Counter()
    distinct: Counter = Counter()
    for part in sorted(Path(prefix).parent.glob(Path(prefix).name + ".*")):
        for item in json.loads(part.read_text()).values():
            cases += item["cases"]
            by_kind.update(item["by_kind"])
            for finding in item["distinct"]:
                distinct[finding.split(" | ")[1]] += 1
    print(f"cases: {cases}")
    for kind, count in sorted(by_kind.items()):
        print(f"{kind}: {count} failing checks, {distinct[kind]} distinct (operation, cause)")


if __name__ == "__main__":
    main(sys.argv[1])
