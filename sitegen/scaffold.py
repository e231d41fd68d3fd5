"""``init_site``: a new, working site skeleton, and a scheduled workflow to keep it current."""

from __future__ import annotations

from pathlib import Path

from sitegen import __version__
from sitegen.config import CONFIG_FILE

CONFIG_TEMPLATE = """\
# sitegen site configuration. Every key is optional: `sitegen config` lists them all,
# with this site's values and what each means.
title: {title}
description: A digest of the news, grouped by event.
base_url: http://localhost:8000/   # set to the public address before deploying
language: en                       # the pages' language: `fr` for the theme in French
theme: default
# timezone: Europe/Lisbon      # times on pages (UTC by default)
# languages: [en]              # build only articles in these languages (all by default)
# sections: standard           # Politics, World, Business...; `none`, or your own words
# images: link                 # the publisher's lead images; `none` for none
# grouping:            # thresholds of event grouping; the defaults suit most news
#   event_threshold: 0.14
#   window_days: 3
"""

GITIGNORE = "/build/\n/.build.*/\n/.sitegen-cache/\n/content/**/.*.tmp\n"

GITHUB_WORKFLOW = """\
# sitegen: every hour, fetch the feeds listed under `feeds:` in sitegen.yaml, build the site,
# deploy it, and commit the new articles (content/, with content/events/registry.json) back.
# The repository is the site: sitegen.yaml is at its top.
#
# `site` in `sitegen update --build --deploy site` is a deploy target named under `deploy:`
# in sitegen.yaml (see "Deploying" in sitegen's README), for example:
#
#   deploy:
#     site: {target: "git+https://github.com/OWNER/REPO.git", branch: gh-pages}
#
# Give yours that name, or change the name below. A git target on github.com is pushed to with
# this workflow's token (the update step's `env:`); an s3:// target needs AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY there, from the repository's secrets.
#
# Runs never overlap: one that starts while another is going waits for it (GitHub keeps one
# waiting run at most). The installed sitegen is the version that wrote this file; raise it
# here when you upgrade.
name: sitegen update

on:
  schedule:
    - cron: "17 * * * *"  # hourly, at minute 17 (runs queued on the hour start late)
  workflow_dispatch:  # and by hand, from the Actions tab

concurrency:
  group: sitegen-update
  cancel-in-progress: false

permissions:
  contents: write  # to push content/ back (and a git deploy target in this repository)

jobs:
  update:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - name: Check out the site
        uses: actions/checkout@v4

      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Install sitegen
        run: pip install "sitegen=={version}"

      - name: Restore sitegen's cache
        # A new key every run, so each run saves the cache it leaves; the newest one whose
        # key starts with the prefix is restored.
        uses: actions/cache@v4
        with:
          path: .sitegen-cache
          key: sitegen-cache-${{ github.run_id }}
          restore-keys: |
            sitegen-cache-

      - name: Fetch the feeds, build and deploy
        run: sitegen update --build --deploy site
        env:  # lets the git a deploy runs push to github.com with this workflow's token
          GIT_CONFIG_COUNT: "1"
          GIT_CONFIG_KEY_0: url.https://x-access-token:${{ secrets.GITHUB_TOKEN }}@github.com/.insteadOf
          GIT_CONFIG_VALUE_0: https://github.com/

      - name: Commit the new content
        run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          git add content && git diff --cached --quiet || git commit -m "New articles from the feeds" && git push
"""  # noqa: E501 (a workflow's lines are as long as they are)
"""``.github/workflows/sitegen.yml`` for ``sitegen init --ci github`` (``{version}``: the
sitegen that writes it)."""

CI_FILES = {"github": (".github/workflows/sitegen.yml", GITHUB_WORKFLOW)}
"""What ``--ci NAME`` adds to a site: a file and its text, by CI service."""


def init_site(folder: Path, title: str = "News digest", ci: str | None = None) -> list[Path]:
    """Create the skeleton in ``folder``, with the scheduled workflow of the CI service ``ci``
    (a key of :data:`CI_FILES`) when one is named; existing files are left alone. Returns the
    created paths."""
    created: list[Path] = []
    for sub in ("content/articles", "content/events", "templates"):
        path = folder / sub
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    files = {CONFIG_FILE: CONFIG_TEMPLATE.format(title=title), ".gitignore": GITIGNORE}
    if ci is not None:
        name, template = CI_FILES[ci]
        files[name] = template.replace("{version}", __version__)
    for name, text in files.items():
        path = folder / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            created.append(path)
    return created
