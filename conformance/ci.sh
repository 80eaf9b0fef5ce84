#!/usr/bin/env bash
# Rebuild the k0s oracle for two served tags on either side of the pushgateway fix (k0s #5455)
# and check that it reproduces the committed verdicts exactly.
#   v1.30.9+k0s.0  last 1.30 release that leaves images.pushgateway on quay.io
#   v1.31.11+k0s.0 rewrites it (fixed from v1.31.6), still without the prefix guard (v1.31.12)
# Both use the same adapter (1.28-1.32) and the smallest dependency set of the served tags.
# Without go, or when the proxy does not serve them, prints one line and exits 0.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TAGS=(v1.30.9+k0s.0 v1.31.11+k0s.0)
PYTHON=${PYTHON:-python3}
if ! command -v go >/dev/null; then
	echo "ci.sh: skipped the k0s oracle check: go is not installed"
	exit 0
fi
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
export K0SLINT_ORACLE_CACHE=$CACHE
# CI has the machine to itself: compile with both cores (build.sh defaults to one, niced).
export ORACLE_GOFLAGS=${ORACLE_GOFLAGS:--p=2}
start=$(date +%s)
out=$("$HERE/build.sh" "${TAGS[@]}")
status=$?
refused=$(grep -m1 '^skipped' <<<"$out")
if [ -n "$refused" ]; then
	echo "ci.sh: skipped the k0s oracle check: the Go module proxy did not serve it (${refused#skipped })"
	exit 0
fi
echo "$out"
[ $status -eq 0 ] || { echo "ci.sh: oracle build failed"; exit 1; }
echo "ci.sh: built ${TAGS[*]} in $(($(date +%s) - start))s"
cd "$HERE/.." && "$PYTHON" -m conformance.record --check "${TAGS[@]}"
