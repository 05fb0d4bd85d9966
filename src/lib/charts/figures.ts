import type { EvalSummary } from '../eval/aggregate.ts';
import { MODE_LABELS } from '../prompts/index.ts';
import {
  CHART_TITLES,
  COST_AXIS_TITLES,
  MODE_POINT_STYLES,
  costOf,
  pct,
  pointRadii,
  type ChartStyle,
  type CostAxis
} from './specs.ts';
import type { Figure, Point, SvgStyle } from './svg.ts';

/** The three evaluation charts as figures for SVG export: the same numbers, titles and colours as on the page. */

export function accuracyFigure(summary: EvalSummary, style: ChartStyle): Figure {
  return {
    kind: 'bar',
    title: CHART_TITLES.accuracy,
    xTitle: 'Mode',
    yTitle: 'Accuracy (%)',
    yMax: 100,
    bars: summary.modes.map((m) => ({
      label: [MODE_LABELS[m.mode], `${m.correct}/${m.n}`],
      value: pct(m.accuracy),
      color: style.palette.modes[m.mode],
      interval: m.ci === null ? null : [m.ci.low * 100, m.ci.high * 100]
    }))
  };
}

export function costFigure(summary: EvalSummary, axis: CostAxis, style: ChartStyle): Figure {
  const radii = pointRadii(style.fontPx, summary.modes.length);
  const points = summary.modes.flatMap((m, i): Point[] => {
    const x = costOf(m, axis);
    const y = pct(m.accuracy);
    if (x === null || y === null) return [];
    const shape = MODE_POINT_STYLES[m.mode];
    return [{ label: MODE_LABELS[m.mode], x, y, color: style.palette.modes[m.mode], shape, radius: radii[i] ?? 8 }];
  });
  return {
    kind: 'scatter',
    title: CHART_TITLES.cost,
    xTitle: COST_AXIS_TITLES[axis],
    yTitle: 'Accuracy (%)',
    yMax: 100,
    points
  };
}

export function speedFigure(summary: EvalSummary, style: ChartStyle): Figure {
  return {
    kind: 'bar',
    title: CHART_TITLES.speed,
    xTitle: 'Mode',
    yTitle: 'Decode tokens/s',
    yMax: null,
    bars: summary.modes.map((m) => ({
      label: [MODE_LABELS[m.mode]],
      value: m.medianDecodeTokensPerSec === null ? null : Math.round(m.medianDecodeTokensPerSec),
      color: style.palette.modes[m.mode],
      interval: null
    }))
  };
}

/** The page's chart style at a size in CSS pixels, as the SVG renderer takes it. */
export function svgStyle(style: ChartStyle, size: { width: number; height: number }): SvgStyle {
  const { text, grid, surface } = style.palette;
  return { text, grid, surface, fontPx: style.fontPx, width: Math.round(size.width), height: Math.round(size.height) };
}
