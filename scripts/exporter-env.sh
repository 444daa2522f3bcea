#!/usr/bin/env bash
# Creates or updates the exporter's Python environment OUTSIDE the repository and prints its path.
#
#   VENV=$(scripts/exporter-env.sh)      # then: "$VENV/bin/python" exporter/attnscope_export.py ...
#
# Location: ${ATTNSCOPE_EXPORTER_VENV:-$HOME/.cache/attnscope-exporter-venv}. The pinned requirement
# list is written to a stamp file inside the venv after a successful install; when the stamp matches,
# pip is not run at all (a cached run takes well under a second).
#
# Why the pip environment is cleaned: some machines point PIP_FIND_LINKS at a CPU-only torch wheel
# that cannot load torchvision's compiled ops (deform_conv2d). The default PyPI torch build runs on
# the CPU and works with torchvision, so pip runs without find-links and without any pip config.
set -euo pipefail

venv="${ATTNSCOPE_EXPORTER_VENV:-$HOME/.cache/attnscope-exporter-venv}"
requirements="torch==2.13.0
torchvision==0.28.0
timm==1.0.31
transformers==5.25.0
natten==0.21.7
numpy
pillow
pytest"
stamp="$venv/attnscope-requirements.txt"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$requirements" ]; then
    echo "$venv"
    exit 0
fi

python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    echo "exporter-env: creating $venv" >&2
    "$python" -m venv "$venv" >&2
fi

echo "exporter-env: installing the pinned packages into $venv" >&2
# shellcheck disable=SC2086  # the requirement list is one name per word on purpose
env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null \
    "$venv/bin/python" -m pip install --quiet $requirements >&2

# The stamp is written only after pip succeeded, so a failed install is retried next time.
printf '%s' "$requirements" > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
echo "$venv"
