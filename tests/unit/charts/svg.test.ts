import { describe, expect, it } from 'vitest';
import { summarize } from '$lib/eval/aggregate.ts';
import { accuracyFigure, costFigure, speedFigure } from '$lib/charts/figures.ts';
import { figureSvg, niceTicks, type SvgStyle } from '$lib/charts/svg.ts';
import type { ChartStyle } from '$lib/charts/specs.ts';
import { record } from '../eval/records.ts';

const chartStyle: ChartStyle = {
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
  fontPx: 16,
  pixelRatio: null
};
const svgStyle: SvgStyle = { text: 'rgb(0, 0, 0)', grid: '#ccc', surface: '#fff', fontPx: 16, width: 800, height: 500 };

// Every mode right on every question, at the same cost: three points at exactly the same place, at 100 %.
const perfect = summarize(
  [
    record('zero-shot-cot', true, { generatedTokens: 40 }),
    record('few-shot-cot', true, { generatedTokens: 40 }),
    record('answer-only', true, { generatedTokens: 40 })
  ],
  ['zero-shot-cot', 'few-shot-cot', 'answer-only']
);

/** Numbers of an attribute across the document. */
const attrs = (svg: string, name: string): number[] =>
  [...svg.matchAll(new RegExp(` ${name}="(-?[\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('niceTicks', () => {
  it('steps by round numbers from 0 past the maximum', () => {
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(44)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('figureSvg', () => {
  it('is a standalone SVG document of the given size, with the title and escaped text', () => {
    const fig = { ...accuracyFigure(perfect, chartStyle), title: 'A & B <1>' };
    const svg = figureSvg(fig, svgStyle);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"')).toBe(true);
    expect(svg).toContain('A &amp; B &lt;1&gt;');
    expect(svg.endsWith('</svg>')).toBe(true);
  });
  it('draws one bar per answered mode, as tall as its accuracy, in its colour', () => {
    const half = summarize(
      [record('zero-shot-cot', true), record('zero-shot-cot', false), record('answer-only', true)],
      ['zero-shot-cot', 'answer-only']
    );
    const svg = figureSvg(accuracyFigure(half, chartStyle), svgStyle);
    const bars = [
      ...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(rgb\([^"]+\))"/g)
    ];
    const colored = bars.filter((b) => b[4] !== 'rgb(0, 0, 0)');
    expect(colored.map((b) => b[4])).toEqual(['rgb(0, 114, 178)', 'rgb(0, 158, 115)']);
    const heights = colored.map((b) => Number(b[3]));
    expect(heights[0] ?? 0).toBeCloseTo((heights[1] ?? 0) / 2, 0);
    expect(svg).toContain('>1/2<');
  });
  it('draws points at 100 % whole, inside the picture (issue 14)', () => {
    const svg = figureSvg(costFigure(perfect, 'tokens', chartStyle), svgStyle);
    expect(svg).not.toContain('clip');
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)];
    for (const c of circles) expect(Number(c[2]) - Number(c[3])).toBeGreaterThan(0);
    for (const y of attrs(svg, 'y')) expect(y).toBeGreaterThanOrEqual(0);
  });
  it('keeps points at the same place visible: the largest is drawn first, under the others (issue 14)', () => {
    const fig = costFigure(perfect, 'tokens', chartStyle);
    if (fig.kind !== 'scatter') throw new Error('a scatter figure');
    const radii = fig.points.map((p) => p.radius);
    expect(new Set(radii).size).toBe(3);
    const svg = figureSvg(fig, svgStyle);
    const plotted = svg.slice(0, svg.indexOf('Zero-shot CoT'));
    // Shapes in drawing order: answer-only's triangle (largest) first, zero-shot's circle (smallest) last.
    const first = plotted.indexOf('<polygon');
    const circle = plotted.lastIndexOf('<circle');
    expect(first).toBeGreaterThan(-1);
    expect(circle).toBeGreaterThan(first);
  });
  it('fits the y axis of a speed chart to its data', () => {
    const svg = figureSvg(speedFigure(perfect, chartStyle), svgStyle);
    expect(svg).toContain('>250<');
    expect(svg).toContain('Decode tokens/s');
  });
});
