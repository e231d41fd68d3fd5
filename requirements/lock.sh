#!/bin/sh
# Writes OUT/test.txt, OUT/demo.txt and OUT/pip.txt: the exact versions, with the hashes of every
# file PyPI has for them, of everything sitegen installs, for any platform with Python 3.11 or newer.
#   test.txt  run-time dependencies, the s3 and test extras, and the build backend
#   demo.txt  run-time dependencies and the build backend only, at test.txt's versions
#             (so the demo runs on exactly the versions the suite passed with)
#   pip.txt   pip itself, installed before either (requirements/pip.in says why)
# Without --upgrade, pins already in requirements/ are kept wherever they still fit.
# Usage: sh requirements/lock.sh OUT [--upgrade]   (make lock / make upgrade)
set -eu
out=$1
shift
tools=.venv-lock
if [ ! -x "$tools/bin/uv" ]; then
    "${PYTHON:-python3}" -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet "uv>=0.9"
fi
uv="$tools/bin/uv"
common="--universal --python-version 3.11 --generate-hashes --no-header --quiet"
if [ "$out" != requirements ]; then
    cp requirements/test.txt requirements/demo.txt requirements/pip.txt "$out/"  # the pins to keep, or to upgrade
fi
# shellcheck disable=SC2086
"$uv" pip compile pyproject.toml requirements/build.in --extra test --extra s3 \
    $common "$@" -o "$out/test.txt"
pins=$(mktemp)
trap 'rm -f "$pins"' EXIT
sed -n 's/^\([A-Za-z0-9._-]*==[^ ;\\]*\).*/\1/p' "$out/test.txt" > "$pins"
# shellcheck disable=SC2086
"$uv" pip compile pyproject.toml requirements/build.in -c "$pins" $common --no-annotate "$@" -o "$out/demo.txt"
# shellcheck disable=SC2086
"$uv" pip compile requirements/pip.in $common "$@" -o "$out/pip.txt"
echo "locked: $out/test.txt ($(grep -c '^[A-Za-z]' "$out/test.txt") packages)," \
    "$out/demo.txt ($(grep -c '^[A-Za-z]' "$out/demo.txt") packages)"
