#!/usr/bin/env bash
# Where a short `train` process spends its time (docs/performance.md, "Whole process against
# LIBLINEAR"): on the files exported by bench/sparse/whole-process.sh, REPS alternating runs of
#   - an empty Java main with the launcher's JVM flags and classpath (the JVM's own floor),
#   - bench/sparse/MinimalJvmSdca.java, compiled: a bare JVM program that only reads the file, runs
#     SDCA to the same relative duality gap and writes the d weights (the floor of a JVM process
#     that does the work, without stochopt's command line, checks, trace, summary and figure),
#   - `liblinear-train -s 0 -c 1 -e LL_EPS` (the peer),
#   - `scripts/stochopt train --method cocoa --partitions 1` to TARGET with -Dstochopt.phases=true,
# and prints each phase's wall and CPU seconds (differences of the PhaseTimes marks; "launcher" is
# the script before the JVM, counted in the process's wall time since it execs java), the medians
# over the runs, and `uptime` before and after.
#
# usage: bench/sparse/startup-breakdown.sh [SIZE...]   SIZE = n:d (default: 5000:262144 20000:524288)
# env:   REPS (5), LL_EPS (1e-3), TARGET (1e-6), OUT (out/whole-process), JAVA_HEAP (-Xmx3g),
#        EXTRA_JAVA_OPTS (added to the stochopt JVM, e.g. -XX:TieredStopAtLevel=1 to compare)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
REPS="${REPS:-5}"
LL_EPS="${LL_EPS:-1e-3}"
TARGET="${TARGET:-1e-6}"
OUT="${OUT:-out/whole-process}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000:262144 20000:524288)
command -v liblinear-train >/dev/null || { echo "liblinear-train not on PATH" >&2; exit 2; }
target="$root/spark-jobs/target"
scripts/stochopt --version >/dev/null # builds the jars when sources changed
jar="$(ls "$target"/stochopt-spark-jobs-*-SNAPSHOT.jar | grep -v cluster | head -n 1)"
empty="$(mktemp -d)"
trap 'rm -rf "$empty"' EXIT
printf 'public class Empty { public static void main(String[] a) {} }\n' >"$empty/Empty.java"
javac -d "$empty" "$empty/Empty.java"
javac -d "$empty" bench/sparse/MinimalJvmSdca.java
wallcpu() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -n 1; }
for size in "${sizes[@]}"; do
  n="${size%%:*}"; d="${size##*:}"
  data="$OUT/n$n-d$d/train.libsvm"
  [ -s "$data" ] || { echo "$data missing: run bench/sparse/whole-process.sh $size first" >&2; exit 2; }
  lambda="$(python3 -c "print(repr(1/$n))")"
  train=(scripts/stochopt train --master in-process --data "$data" --reg "l2:$lambda" --method cocoa --partitions 1
    --no-reference --target-suboptimality "$TARGET" --out "$OUT/n$n-d$d/breakdown" --overwrite)
  STOCHOPT_JAVA_OPTS="${JAVA_HEAP:--Xmx3g}" "${train[@]}" >/dev/null 2>&1 # warm-up (page cache, CDS archive)
  echo "== n=$n d=$d file=$data ($(du -h "$data" | cut -f1))"
  echo "uptime: $(uptime)"
  log="$(mktemp)"
  for rep in $(seq 1 "$REPS"); do
    read -r ew eu es <<<"$(wallcpu java $(cat "$target/jvm.options") ${JAVA_HEAP:--Xmx3g} -cp "$empty:$jar:$(cat "$target/launcher.classpath")" Empty)"
    read -r lw lu ls <<<"$(wallcpu liblinear-train -s 0 -c 1 -e "$LL_EPS" "$data" "$OUT/n$n-d$d/breakdown-liblinear.model")"
    read -r mw mu ms <<<"$(wallcpu java -cp "$empty" MinimalJvmSdca "$data" "$lambda" "$OUT/n$n-d$d/breakdown-minimal.weights" "$TARGET")"
    t0="$(date +%s.%N)"
    phases="$(STOCHOPT_JAVA_OPTS="${JAVA_HEAP:--Xmx3g} -Dstochopt.phases=true ${EXTRA_JAVA_OPTS:-}" "${train[@]}" 2>&1 >/dev/null | grep '^phase ' || true)"
    total="$(python3 -c "import time; print('%.3f' % (time.time() - $t0))")"
    echo "$phases" | awk -v rep="$rep" '{w=$(NF-4); c=$(NF-1); $1=""; name=$0; sub(/ wall.*/, "", name); sub(/^ /, "", name);
      printf "%s|%s|%.3f|%.3f\n", rep, name, w - pw, c - pc; pw = w; pc = c}' >>"$log"
    echo "$rep|process (wall, CPU: user+sys)|$total|$(echo "$phases" | tail -n 1 | awk '{print $(NF-1)}')" >>"$log"
    echo "$rep|empty Java main|$ew|$(python3 -c "print($eu + $es)")" >>"$log"
    echo "$rep|liblinear-train -s 0 -e $LL_EPS|$lw|$(python3 -c "print($lu + $ls)")" >>"$log"
    echo "$rep|bare JVM program (MinimalJvmSdca)|$mw|$(python3 -c "print($mu + $ms)")" >>"$log"
  done
  echo "uptime: $(uptime)"
  python3 - "$log" <<'EOF'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    rep, name, wall, cpu = line.rstrip("\n").split("|")
    name = "launcher, JVM start to main" if name == "main" else name
    rows.setdefault(name, []).append((float(wall), float(cpu)))
print("| phase (ends at) | wall s, median (min–max) | CPU s, median |")
print("|---|---|---|")
for name, v in rows.items():
    w = [a for a, _ in v]; c = [b for _, b in v]
    print("| %s | %.2f (%.2f–%.2f) | %.2f |" % (name, statistics.median(w), min(w), max(w), statistics.median(c)))
EOF
  rm -f "$log"
done
