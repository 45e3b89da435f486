"""``make bench``: run every benchmark script in this folder, one after the other.

Each script prints its own figures; this prints a short verdict per script at the end and
fails if any script failed (a missed budget counts as failure).
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name not in {"run.py", "common.py", "__init__.py"}
    )
    outcomes = []
    for script in scripts:
        print(f"\n#### {script.name}", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        outcomes.append((script.name, code, time.monotonic() - started))
    print("\n#### Summary")
    for name, code, seconds in outcomes:
        print(f"{name:24} {'ok' if code == 0 else f'FAILED ({code})':12} {seconds:6.0f} s")
    sys.exit(1 if any(code for _name, code, _s in outcomes) else 0)


if __name__ == "__main__":
    main()
