#!/usr/bin/env bash
# One run on a lent GPU machine (the device tool), prepared so that a session lent one spends its 15 device minutes
# training, not debugging. That machine has PyTorch but no Node, and takes the working tree plus at most 64 MiB, so
# the corpora travel packed (travel.py, about 11 MB each) in the ignored folder .travel, named in the run's `carry`:
#
#   /usr/bin/python3 models/recipe/travel.py pack --out .travel .work/data16 .work/data17 .work/data18
#   device run, carry [".travel"], timeout_s 600:   OUT="$OUT" bash models/recipe/gpu-stage.sh
#
# It trains a larger student from scratch on all the carried corpora for MINUTES of wall time (the schedule follows
# time), then leaves its fp16 weights (slim.py, under the 16 MiB a returned file may have) and the log in $OUT. The
# export, quantization and evaluation run back here (post steps as for any stage: export.py --ckpt on that file).
# The default size is what the 20 MB budget for the shipped files allows once fp32 leaves the folder: 7,902,464
# parameters; an untrained export of it gives q8 9.1 MB, q4 7.0 MB and fp16 weights 15.8 MB. Run here with a tiny
# SIZE and MINUTES, the same script trains on CPU.
set -euo pipefail
: "${OUT:?set OUT to the folder the weights and log go to}"
PY=${PY:-python3}
MINUTES=${MINUTES:-7.5}
SRC=${SRC:-.travel}
TMP=${TMP_DIR:-/tmp/think-small-gpu}
read -r -a SIZE <<<"${SIZE:---seq 512 --batch 64 --hidden 256 --layers 10 --heads 8 --kv-heads 1 --ffn 768}"
read -r -a SCHEDULE <<<"${SCHEDULE:---lr 1.5e-3 --warmup 300 --eval-every 2000}"

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
rm -rf "$TMP" && mkdir -p "$TMP"
"$PY" models/recipe/travel.py unpack --src "$SRC" --out "$TMP/corpora"
DATA=$(find "$TMP/corpora" -mindepth 1 -maxdepth 1 -type d | sort | paste -sd, -)
[[ -n "$DATA" ]] || { echo "no packed corpora under $SRC" >&2; exit 1; }
(cd models/recipe && "$PY" train.py --data "$DATA" --out "$TMP/run" --seed "${SEED:-21}" --threads "${THREADS:-8}" \
  --budget-minutes "$MINUTES" "${SIZE[@]}" "${SCHEDULE[@]}")
"$PY" models/recipe/slim.py --ckpt "$TMP/run/ckpt.pt" --out "$OUT/ckpt.pt"
# A returned file may not pass 16 MiB: a larger model's weights come back in parts (cat ckpt.pt.part* > ckpt.pt).
if (($(stat -c %s "$OUT/ckpt.pt") > 16 * 1024 * 1024)); then
  split -b 15M -d "$OUT/ckpt.pt" "$OUT/ckpt.pt.part" && rm "$OUT/ckpt.pt"
fi
cp "$TMP/run/log.jsonl" "$OUT/log.jsonl"
ls -l "$OUT"
