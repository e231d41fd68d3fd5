"""The least a Python build of a site can take: start-up, sitegen's imports and the writes.

    python bench/write_floor.py BUILD_DIR OUT_DIR

Run in a fresh process, this imports what ``sitegen build`` imports, reads every
file of an existing build into memory, then writes the same bytes under
``OUT_DIR`` with the same folders, one file at a time as a build does.  It does
no parsing, grouping or rendering.  It prints the seconds spent reading (which
a real build does not spend, so a caller subtracts it from the process's wall
time) and the seconds spent writing.  ``build_bench.py`` reports the result as
the floor under any Python build of that site on this machine.
"""

from __future__ import annotations

import os
import sys
import time


def main(build: str, out: str) -> None:
    # what a build imports, and their start-up cost
    import sitegen.build
    import sitegen.cli  # noqa: F401

    start = time.perf_counter()
    files: list[tuple[str, bytes]] = []
    for folder, _dirs, names in os.walk(build):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                files.append((os.path.relpath(path, build), fh.read()))
    read = time.perf_counter() - start
    start = time.perf_counter()
    made: set[str] = set()
    for rel, data in files:
        path = os.path.join(out, rel)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "wb") as fh:
            fh.write(data)
    print(f"{read:.6f} {time.perf_counter() - start:.6f} {len(files)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
