#!/usr/bin/env bash
# Regenerates samples/*/*.expected.jsonl from the current build, with the
# built-in config and the fixed clock the golden test uses. Read the diff
# before committing: golden files are checked by people, not trusted.
set -euo pipefail
cd "$(dirname "$0")/.."
for log in samples/*/*.log; do
  build/recproc --now 2026-06-01T00:00:00Z "$log" > "${log%.log}.expected.jsonl" || true
done
git --no-pager diff --stat -- samples
