export {
  runStats,
  ratePerSec,
  ttftMs,
  prefillTokensPerSec,
  decodeTokensPerSec,
  decodeMeasurable,
  MIN_DECODE_TOKENS,
  totalMs,
  type RunStats
} from './run.ts';
export { totalLoadMs, mergeProgress, type ProgressSummary } from './load.ts';
export { formatMs, formatRate, formatBytes, median } from './formatUnits.ts';
export { wilson, Z_95, type Interval } from './wilson.ts';
export { chainsStats, type ChainsStats } from './chains.ts';
