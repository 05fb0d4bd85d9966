#!/usr/bin/env bash
# One command rebuilds the student: data -> tokenizer -> train -> continue training (ten times) -> export -> quantize
# -> verify -> evaluate.
#   npm run model:build                 the shipped model (about 80 + 87 + 112 + 92 + 80 + 85 + 80 + 85 + 90 + 90
#                                       + 100 minutes of training on 2 CPU cores)
#   SMOKE=1 npm run model:build         a tiny model through the whole chain in well under a minute
# Training uses CUDA when torch sees a GPU. Work files go to .work/ (or $WORK).
# Stage 2 continues stage 1's weights and optimizer on a fresh corpus (another seed, the same tokenizer) and a fresh
# learning-rate schedule: that is how the shipped model was made, in sittings. Stage 3 does the same on the focus mix
# (models/recipe/corpus.ts): equation drills, more unseen words, more zero-shot reasoning; after 81 of its 112
# minutes it goes on, same schedule, on the focus-copy mix (blended words that can only be copied). Stage 4 continues
# on the focus-names mix: arithmetic with random names, random words built from the tokenizer's own pieces. Stage 5
# continues on the words mix: human-written problems (GSM8K's training part, its development split kept out, with
# re-instanced and renamed variants; --gsm8k FILE, default ../shared/data/gsm8k/train.jsonl) and the word-problem
# teacher (src/lib/tasks/stories). Stage 6 (the card's stage 10) shares one key/value head among the five query heads
# (resize.py) and trains on the words mix again. Stage 7 (the card's stage 12) continues on the worksheet mix: half of
# the teacher's one- and two-step stories in worksheet wordings (src/lib/tasks/stories/worksheet.ts). Stage 8 (the
# card's stage 13) continues on the sheets mix: a third of the stories in stage 13's wordings, three-step ones too
# (worksheetMore.ts, worksheetThree.ts). Stage 9 (the card's stage 14) continues on the wide mix: three in ten stories
# in stage 14's wordings (worksheetWide.ts: units stated first, prices together, how much more is needed). Stage 10
# (the card's stage 15) continues on the joined mix: a quarter of the stories in stage 15's wordings (worksheetJoin.ts:
# two changes joined in one sentence, groups pooled then changed, a rate towards a goal). Stage 11 (the card's stage
# 16) continues on the each mix: a quarter of the stories in stage 16's wordings (worksheetEach.ts: people at each
# table, vans needed, "and her 3 friends share"). The repository keeps the last checkpoint's weights alone, in fp16
# (slim.py); training on from it starts fresh optimizer moments. Training is bf16 autocast:
# on 2 cores it beats fp32 even with OpenBLAS
# (models/recipe/bench_train.py measures both).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
MODEL_ID=${MODEL_ID:-think-small-3m}
if [[ "${SMOKE:-0}" == "1" ]]; then
  WORK=${WORK:-.work/smoke}
  DATA_ARGS=(--docs 1500 --vocab 400 --context 256)
  DATA2_ARGS=(--docs 300)
  DATA3_ARGS=(--docs 300)
  DATA3B_ARGS=(--docs 300)
  DATA4_ARGS=(--docs 300)
  DATA5_ARGS=(--docs 300 --variants 1)
  SIZE=(--seq 128 --batch 8 --hidden 32 --layers 2 --heads 2 --ffn 64 --eval-every 20)
  STAGE1=(--steps 40 --warmup 5 --lr 3e-3)
  STAGE2=(--steps 20 --warmup 5 --lr 1e-3)
  STAGE3=(--steps 20 --warmup 5 --lr 1e-3)
  SWITCH3=(--stop-minutes 0.01)
  STAGE4=(--steps 20 --warmup 5 --lr 5e-4)
  STAGE5=(--steps 20 --warmup 5 --lr 5e-4)
  DATA6_ARGS=(--docs 300 --variants 1)
  RESIZE6=(--kv-heads 1 --ffn 80)
  STAGE6=(--steps 20 --warmup 5 --lr 5e-4)
  DATA7_ARGS=(--docs 300 --variants 1)
  STAGE7=(--steps 20 --warmup 5 --lr 5e-4)
  DATA8_ARGS=(--docs 300 --variants 1)
  STAGE8=(--steps 20 --warmup 5 --lr 5e-4)
  DATA9_ARGS=(--docs 300 --variants 1)
  STAGE9=(--steps 20 --warmup 5 --lr 5e-4)
  DATA10_ARGS=(--docs 300 --variants 1)
  STAGE10=(--steps 20 --warmup 5 --lr 5e-4)
  DATA11_ARGS=(--docs 300 --variants 1)
  STAGE11=(--steps 20 --warmup 5 --lr 5e-4)
  SHIP=""
else
  WORK=${WORK:-.work}
  DATA_ARGS=(--docs 150000 --vocab 1024 --context 1024)
  DATA2_ARGS=(--docs 150000)
  DATA3_ARGS=(--docs 150000)
  DATA3B_ARGS=(--docs 80000)
  DATA4_ARGS=(--docs 150000)
  DATA5_ARGS=(--docs 160000 --variants 3)
  SIZE=(--seq 512 --batch 8 --hidden 160 --layers 8 --heads 5 --ffn 432)
  STAGE1=(--budget-minutes "${BUDGET_MINUTES:-80}")
  STAGE2=(--budget-minutes "${BUDGET2_MINUTES:-87}" --lr 1.2e-3 --warmup 100 --threads 1)
  STAGE3=(--budget-minutes "${BUDGET3_MINUTES:-112}" --lr 1e-3 --warmup 100)
  SWITCH3=(--stop-minutes "${SWITCH3_MINUTES:-81}")
  STAGE4=(--budget-minutes "${BUDGET4_MINUTES:-92}" --lr 6e-4 --warmup 100)
  STAGE5=(--budget-minutes "${BUDGET5_MINUTES:-80}" --lr 8e-4 --warmup 150)
  DATA6_ARGS=(--docs 200000 --variants 3)
  RESIZE6=(--kv-heads 1 --ffn 512)
  STAGE6=(--budget-minutes "${BUDGET6_MINUTES:-85}" --lr 6e-4 --warmup 150)
  DATA7_ARGS=(--docs 200000 --variants 3)
  STAGE7=(--budget-minutes "${BUDGET7_MINUTES:-80}" --lr 6e-4 --warmup 150)
  DATA8_ARGS=(--docs 200000 --variants 3)
  STAGE8=(--budget-minutes "${BUDGET8_MINUTES:-85}" --lr 6e-4 --warmup 150)
  DATA9_ARGS=(--docs 200000 --variants 3)
  STAGE9=(--budget-minutes "${BUDGET9_MINUTES:-90}" --lr 6e-4 --warmup 150)
  DATA10_ARGS=(--docs 200000 --variants 3)
  STAGE10=(--budget-minutes "${BUDGET10_MINUTES:-90}" --lr 6e-4 --warmup 150)
  DATA11_ARGS=(--docs 200000 --variants 3)
  STAGE11=(--budget-minutes "${BUDGET11_MINUTES:-100}" --lr 6e-4 --warmup 150)
  SHIP="models/$MODEL_ID"
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
npx tsx models/recipe/build-data.ts --out "$WORK/data" --seed 1 "${DATA_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data2" --seed 2 --tokenizer "$WORK/data" "${DATA2_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data3" --seed 3 --tokenizer "$WORK/data" --mix focus "${DATA3_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data3b" --seed 4 --tokenizer "$WORK/data" --mix focus-copy \
  "${DATA3B_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data4" --seed 5 --tokenizer "$WORK/data" --mix focus-names \
  "${DATA4_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data5" --seed 6 --tokenizer "$WORK/data" --mix words \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA5_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data6" --seed 9 --tokenizer "$WORK/data" --mix words \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA6_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data7" --seed 13 --tokenizer "$WORK/data" --mix worksheet \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA7_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data8" --seed 14 --tokenizer "$WORK/data" --mix sheets \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA8_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data9" --seed 15 --tokenizer "$WORK/data" --mix wide \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA9_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data10" --seed 16 --tokenizer "$WORK/data" --mix joined \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA10_ARGS[@]}"
npx tsx models/recipe/build-data.ts --out "$WORK/data11" --seed 17 --tokenizer "$WORK/data" --mix each \
  ${GSM8K:+--gsm8k "$GSM8K"} "${DATA11_ARGS[@]}"
npx tsx models/recipe/ref-prompts.ts "$WORK/data"
(cd models/recipe && "$PY" train.py --data "$WORK/data" --out "$WORK/run" --seed 1 "${SIZE[@]}" "${STAGE1[@]}")
(cd models/recipe && "$PY" train.py --data "$WORK/data2" --out "$WORK/run2" --seed 2 --init-from "$WORK/run/ckpt.pt" \
  "${SIZE[@]}" "${STAGE2[@]}")
(cd models/recipe && "$PY" train.py --data "$WORK/data3" --out "$WORK/run3" --seed 3 --init-from "$WORK/run2/ckpt.pt" \
  "${SIZE[@]}" "${STAGE3[@]}" "${SWITCH3[@]}")
# The rest of stage 3's schedule, resumed from its checkpoint on the focus-copy corpus.
mkdir -p "$WORK/run3b"
cp "$WORK/run3/ckpt.pt" "$WORK/run3b/ckpt.pt"
(cd models/recipe && "$PY" train.py --data "$WORK/data3b" --out "$WORK/run3b" --seed 3 "${SIZE[@]}" "${STAGE3[@]}")
(cd models/recipe && "$PY" train.py --data "$WORK/data4" --out "$WORK/run4" --seed 5 --init-from "$WORK/run3b/ckpt.pt" \
  "${SIZE[@]}" "${STAGE4[@]}")
(cd models/recipe && "$PY" train.py --data "$WORK/data5" --out "$WORK/run5" --seed 6 --init-from "$WORK/run4/ckpt.pt" \
  "${SIZE[@]}" "${STAGE5[@]}")
# Stage 6 of this chain (stage 10 in the model card, which counts four continuations that were not shipped): one
# key/value head shared by all query heads (a 5x smaller KV cache, which onnxruntime-web copies at every
# decode step), its parameters moved to a wider MLP, then trained on stage 5's mix with a fresh seed.
(cd models/recipe && "$PY" resize.py --ckpt "$WORK/run5/ckpt.pt" --out "$WORK/run6-init.pt" "${RESIZE6[@]}")
(cd models/recipe && "$PY" train.py --data "$WORK/data6" --out "$WORK/run6" --seed 10 --init-from "$WORK/run6-init.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE6[@]}")
# Stage 7 (the card's stage 12): the worksheet mix, on from stage 6's weights and optimizer state.
(cd models/recipe && "$PY" train.py --data "$WORK/data7" --out "$WORK/run7" --seed 13 --init-from "$WORK/run6/ckpt.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE7[@]}")
# Stage 8 (the card's stage 13): the sheets mix, on from stage 7's weights and optimizer state.
(cd models/recipe && "$PY" train.py --data "$WORK/data8" --out "$WORK/run8" --seed 14 --init-from "$WORK/run7/ckpt.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE8[@]}")
# Stage 9 (the card's stage 14): the wide mix, on from stage 8's weights and optimizer state.
(cd models/recipe && "$PY" train.py --data "$WORK/data9" --out "$WORK/run9" --seed 15 --init-from "$WORK/run8/ckpt.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE9[@]}")
# Stage 10 (the card's stage 15): the joined mix, on from stage 9's weights and optimizer state.
(cd models/recipe && "$PY" train.py --data "$WORK/data10" --out "$WORK/run10" --seed 16 --init-from "$WORK/run9/ckpt.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE10[@]}")
# Stage 11 (the card's stage 16): the each mix, on from stage 10's weights and optimizer state.
(cd models/recipe && "$PY" train.py --data "$WORK/data11" --out "$WORK/run11" --seed 17 --init-from "$WORK/run10/ckpt.pt" \
  "${SIZE[@]}" "${RESIZE6[@]}" "${STAGE11[@]}")
"$PY" models/recipe/slim.py --ckpt "$WORK/run11/ckpt.pt" --out "$WORK/slim.pt"
(cd models/recipe && "$PY" export.py --ckpt "$WORK/run11/ckpt.pt" --data "$WORK/data" --out "$WORK/export")
"$PY" models/recipe/quantize.py --model "$WORK/export/onnx/model.onnx" --kind q8
"$PY" models/recipe/quantize.py --model "$WORK/export/onnx/model.onnx" --kind q4 --block 16
npx tsx models/recipe/verify.ts "$WORK/export"
npx tsx models/recipe/agreement.ts "$WORK/export" --docs 100
if [[ -n "$SHIP" ]]; then
  mkdir -p "$SHIP/onnx"
  cp "$WORK"/export/{config.json,generation_config.json,tokenizer.json,tokenizer_config.json,prompts.json,reference.json} "$SHIP/"
  cp "$WORK"/export/onnx/*.onnx "$SHIP/onnx/"
  # The app refuses model files whose sha256 differs from the manifest: write it for the new export.
  npx tsx scripts/model-manifest.ts "$SHIP"
  cp "$WORK/slim.pt" "models/recipe/checkpoint/$MODEL_ID.pt"
  for dtype in fp32 q8 q4; do npx tsx models/recipe/eval.ts --model "$SHIP" --dtype "$dtype" --n 300 --card; done
fi
