#!/usr/bin/env bash
# One command rebuilds the student: data -> tokenizer -> train -> export -> quantize -> verify -> evaluate.
#   npm run model:build                 the shipped model (about 80 minutes of training on 2 CPU cores)
#   SMOKE=1 npm run model:build         a tiny model through the whole chain in a minute or two
# Training uses CUDA when torch sees a GPU. Work files go to .work/ (or $WORK).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
MODEL_ID=${MODEL_ID:-think-small-3m}
if [[ "${SMOKE:-0}" == "1" ]]; then
  WORK=${WORK:-.work/smoke}
  DATA_ARGS=(--docs 1500 --vocab 400 --context 256)
  TRAIN_ARGS=(--steps 40 --seq 128 --batch 8 --hidden 32 --layers 2 --heads 2 --ffn 64 --warmup 5 --eval-every 20 --lr 3e-3)
  SHIP=""
else
  WORK=${WORK:-.work}
  DATA_ARGS=(--docs 150000 --vocab 1024 --context 1024)
  TRAIN_ARGS=(--budget-minutes "${BUDGET_MINUTES:-80}" --seq 512 --batch 8 --hidden 160 --layers 8 --heads 5 --ffn 432)
  SHIP="models/$MODEL_ID"
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
npx tsx models/recipe/build-data.ts --out "$WORK/data" --seed 1 "${DATA_ARGS[@]}"
npx tsx models/recipe/ref-prompts.ts "$WORK/data"
(cd models/recipe && "$PY" train.py --data "$WORK/data" --out "$WORK/run" --seed 1 "${TRAIN_ARGS[@]}")
(cd models/recipe && "$PY" export.py --ckpt "$WORK/run/ckpt.pt" --data "$WORK/data" --out "$WORK/export")
"$PY" models/recipe/quantize.py --model "$WORK/export/onnx/model.onnx" --kind q8
"$PY" models/recipe/quantize.py --model "$WORK/export/onnx/model.onnx" --kind q4 --block 16
npx tsx models/recipe/verify.ts "$WORK/export"
if [[ -n "$SHIP" ]]; then
  mkdir -p "$SHIP/onnx"
  cp "$WORK"/export/{config.json,generation_config.json,tokenizer.json,tokenizer_config.json,prompts.json,reference.json} "$SHIP/"
  cp "$WORK"/export/onnx/*.onnx "$SHIP/onnx/"
  # The app refuses model files whose sha256 differs from the manifest: write it for the new export.
  npx tsx scripts/model-manifest.ts "$SHIP"
  for dtype in fp32 q8 q4; do npx tsx models/recipe/eval.ts --model "$SHIP" --dtype "$dtype" --card; done
fi
