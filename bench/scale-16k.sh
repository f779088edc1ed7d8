#!/usr/bin/env bash
# The done-when benchmark of issue 14 (docs/SCALE.md): unweighted UniFrac on a 16,000-sample x
# 20,000-feature table (1% non-zero, random binary tree over the features; bench/scale-inputs.ts,
# seed 1) through workflow/Snakefile with --cores 2, against Striped UniFrac's `ssu` (Debian
# unifrac-tools, fp64, OMP_NUM_THREADS=2) on the same two files, alternating the tools ROUNDS times.
#
# Records in WORK/scale.log: per run wall s, user s, sys s, peak RSS KB (/usr/bin/time) and the load
# average before and after (the build machine is shared); in WORK/jobs.tsv the same per workflow job
# (the CLI runs under /usr/bin/time through the workflow's `gutresponse=` hook); and the largest
# absolute difference between the workflow's matrix and ssu's (bench/dm-diff.ts).
#
#   bench/scale-16k.sh [WORK=/tmp/scale16k] [STRIPES=16] [ROUNDS=1] [SAMPLES=16000]
#
# The workflow runs the built CLI (dist/, rebuilt here with tsc), as an installed gutresponse would.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/scale16k}
STRIPES=${2:-16}
ROUNDS=${3:-1}
SAMPLES=${4:-16000}
LOG=$WORK/scale.log
mkdir -p "$WORK"
cd "$REPO"
say() { echo "$*" | tee -a "$LOG"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

[ -f "$WORK/table.biom" ] || node --import tsx bench/scale-inputs.ts "$SAMPLES" 20000 0.01 "$WORK"
npm run build:cli
cat >"$WORK/gr-timed" <<EOF
#!/bin/sh
exec /usr/bin/time -a -o "$WORK/jobs.tsv" -f "%e	%U	%S	%M	%C" node "$REPO/bin/gutresponse.js" "\$@"
EOF
chmod +x "$WORK/gr-timed"

# label, command...: runs it under /usr/bin/time, logs "label wall user sys maxrssKB load before -> after"
timed() {
  local label=$1 before
  shift
  before=$(load)
  /usr/bin/time -o "$WORK/time.txt" -f "%e	%U	%S	%M" "$@" >>"$LOG" 2>&1
  say "$label	$(cat "$WORK/time.txt")	load $before -> $(load)	$(date -u +%H:%M)"
}

say "# $(date -u) $(nproc) cores; n=$SAMPLES stripes=$STRIPES; columns: wall s, user s, sys s, peak RSS KB"
for r in $(seq 1 "$ROUNDS"); do
  rm -f "$WORK/ssu.h5"
  timed "ssu round $r" env OMP_NUM_THREADS=2 ssu -i "$WORK/table.biom" -t "$WORK/tree.nwk" \
    -m unweighted_fp64 -o "$WORK/ssu.h5" -r hdf5_fp64 --pcoa 0
  rm -rf "$WORK/wf"
  echo "# round $r: wall s, user s, sys s, peak RSS KB, command" >>"$WORK/jobs.tsv"
  (cd "$WORK" && timed "workflow round $r" snakemake -s "$REPO/workflow/Snakefile" --cores 2 \
    --config table="$WORK/table.biom" tree="$WORK/tree.nwk" metrics=unweighted_unifrac \
    stripes="$STRIPES" samples="$SAMPLES" out="$WORK/wf" gutresponse="$WORK/gr-timed")
  node --import tsx bench/dm-diff.ts "$WORK/wf/unweighted_unifrac.h5" "$WORK/ssu.h5" | tee -a "$LOG"
done
