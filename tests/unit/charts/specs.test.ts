import { describe, expect, it } from 'vitest';
import { summarize } from '$lib/eval/aggregate.ts';
import {
  PNG_PIXEL_RATIO,
  accuracyChart,
  chartFontPx,
  costChart,
  speedChart,
  type ChartStyle
} from '$lib/charts/specs.ts';
import { record } from '../eval/records.ts';

const style: ChartStyle = {
  palette: {
    text: 'rgb(0, 0, 0)',
    muted: 'rgb(90, 90, 90)',
    grid: 'rgb(200, 200, 200)',
    surface: 'rgb(255, 255, 255)',
    modes: {
      'zero-shot-cot': 'rgb(0, 114, 178)',
      'few-shot-cot': 'rgb(230, 159, 0)',
      'answer-only': 'rgb(0, 158, 115)',
      'self-consistency': 'rgb(168, 70, 127)'
    }
  },
  fontPx: 15,
  pixelRatio: null
};

const summary = summarize(
  [
    record('zero-shot-cot', true, { generatedTokens: 40, totalMs: 400, decodeTokensPerSec: 210 }),
    record('zero-shot-cot', false, { generatedTokens: 60, totalMs: 600, decodeTokensPerSec: 190 }),
    record('answer-only', false, { generatedTokens: 3, totalMs: 40, decodeTokensPerSec: 250 })
  ],
  ['zero-shot-cot', 'few-shot-cot', 'answer-only']
);

describe('accuracyChart', () => {
  const c = accuracyChart(summary, style);
  it('has one bar per mode, in percent, coloured by mode', () => {
    expect(c.data.labels).toEqual([
      ['Zero-shot CoT', '1/2'],
      ['Few-shot CoT', '0/0'],
      ['Answer only', '0/1']
    ]);
    expect(c.data.datasets[0]?.data).toEqual([50, null, 0]);
    expect(c.data.datasets[0]?.backgroundColor).toEqual(['rgb(0, 114, 178)', 'rgb(230, 159, 0)', 'rgb(0, 158, 115)']);
  });
  it('draws the Wilson interval as floating bars over the accuracy bars', () => {
    const ci = c.data.datasets[1];
    expect(ci?.grouped).toBe(false);
    const first = ci?.data[0];
    expect(Array.isArray(first) && first[0]).toBeCloseTo(9.45, 1);
    expect(Array.isArray(first) && first[1]).toBeCloseTo(90.55, 1);
    expect(ci?.data[1]).toBeNull();
  });
  it('fixes the axis at 0–100 %', () => {
    expect(c.options?.scales?.y?.min).toBe(0);
    expect(c.options?.scales?.y?.max).toBe(100);
  });
});

describe('costChart', () => {
  it('plots one point per mode: accuracy against tokens per question', () => {
    const c = costChart(summary, 'tokens', style);
    expect(c.data.datasets.map((d) => d.label)).toEqual(['Zero-shot CoT', 'Few-shot CoT', 'Answer only']);
    expect(c.data.datasets[0]?.data).toEqual([{ x: 50, y: 50 }]);
    expect(c.data.datasets[1]?.data).toEqual([]);
    expect(c.data.datasets[2]?.data).toEqual([{ x: 3, y: 0 }]);
  });
  it('switches to seconds per question', () => {
    const c = costChart(summary, 'seconds', style);
    expect(c.data.datasets[0]?.data).toEqual([{ x: 0.5, y: 50 }]);
    const title = c.options?.scales?.x?.title;
    expect(title !== undefined && 'text' in title && title.text).toBe('Seconds per question');
  });
  it('does not clip points at 100 % (issue 14)', () => {
    const c = costChart(summary, 'tokens', style);
    for (const d of c.data.datasets) expect(d.clip).toBe(false);
    const largest = Math.max(...c.data.datasets.map((d) => Number(d.pointRadius)));
    const padding = c.options?.layout?.padding;
    expect(typeof padding === 'object' && padding !== null && 'top' in padding && padding.top).toBeGreaterThan(largest);
  });
  it('keeps points at the same place visible: each mode larger than the one drawn over it (issue 14)', () => {
    const c = costChart(summary, 'tokens', style);
    const radii = c.data.datasets.map((d) => Number(d.pointRadius));
    expect(radii).toEqual([...radii].sort((a, b) => a - b));
    expect(new Set(radii).size).toBe(radii.length);
    // The border in the background colour separates nested shapes.
    expect(c.data.datasets[0]?.borderColor).toBe(style.palette.surface);
  });
  it('gives each mode its own point shape', () => {
    const c = costChart(summary, 'tokens', style);
    expect(new Set(c.data.datasets.map((d) => d.pointStyle)).size).toBe(3);
  });
});

describe('speedChart', () => {
  it('shows the median decode rate per mode', () => {
    const c = speedChart(summary, style);
    expect(c.data.datasets[0]?.data).toEqual([200, null, 250]);
  });
});

describe('style', () => {
  it('uses larger type in presenter mode', () => expect(chartFontPx(true)).toBeGreaterThan(chartFontPx(false)));
  it('uses type readable at projector distance in presenter mode (issue 14)', () => {
    expect(chartFontPx(true)).toBeGreaterThanOrEqual(28);
    expect(chartFontPx(false)).toBeGreaterThanOrEqual(16);
  });
  it('draws an exported image at its own pixel ratio, the page at the screen ratio (issue 14)', () => {
    expect(accuracyChart(summary, style).options?.devicePixelRatio).toBeUndefined();
    expect(costChart(summary, 'tokens', { ...style, pixelRatio: PNG_PIXEL_RATIO }).options?.devicePixelRatio).toBe(3);
    expect(PNG_PIXEL_RATIO).toBeGreaterThanOrEqual(2);
  });
  it('paints the canvas background for PNG export', () => {
    const plugins = accuracyChart(summary, style).options?.plugins;
    expect(plugins?.canvasBackground?.color).toBe('rgb(255, 255, 255)');
  });
});
