"""Run every benchmark module in bench/ (b<N>_*.py); one JSON line per benchmark on stdout.

Each module exposes run(database_url) -> {"bench", "figures", "goal", "met"}; progress goes to stderr.
"""

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui")
    failed = 0
    for path in sorted(HERE.glob("b[0-9]*_*.py")):
        started = time.monotonic()
        print(f"== {path.stem}", file=sys.stderr, flush=True)
        module = importlib.import_module(path.stem)
        try:
            result = module.run(database_url)
        except Exception as error:  # one broken benchmark still reports, and the others still run
            traceback.print_exc()
            failed += 1
            name, goal = getattr(module, "NAME", path.stem), getattr(module, "GOAL", "")
            result = {"bench": name, "figures": {"error": repr(error)}, "goal": goal, "met": False}
        print(json.dumps(result, ensure_ascii=False), flush=True)
        print(f"== {path.stem} done in {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
