#!/usr/bin/env bash
# ntk-spectrum with the default BLAS/LAPACK (the system's reference libblas via JNI, netlib's Java LAPACK)
# against a private native OpenBLAS (scripts/native-blas), same command, one after the other; prints
# both times (Gram and eigenvalues separately), the slopes (they must agree) and uptime.
#   bench/ntk/spectrum-blas.sh [n]        (default n = 2000, d = 5, M = 2·10⁴)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-2000}"
native="$("$root/scripts/native-blas" 2>/dev/null)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "uptime before: $(uptime)"
for mode in default native; do
  if [ "$mode" = native ]; then export STOCHOPT_NATIVE_BLAS="$native"; else unset STOCHOPT_NATIVE_BLAS; fi
  STOCHOPT_JAVA_OPTS=-Xmx3g "$root/scripts/stochopt" ntk-spectrum --d 5 --n "$n" --width 20000 --out "$out/$mode" 2>&1 \
    | grep -E "^(BLAS|d=5 finite)" | sed "s/^/$mode: /"
done
echo "uptime after:  $(uptime)"
