import type { ChartConfiguration, ChartDataset, PointStyle } from 'chart.js';
import type { EvalSummary, ModeSummary } from '../eval/aggregate.ts';
import { MODE_LABELS, type EvalMode } from '../prompts/index.ts';

/** What the cost chart's x axis counts: generated tokens or seconds. */
export type CostAxis = 'tokens' | 'seconds';

/** Colours as resolved from the page's CSS, so charts follow the light, dark and presenter palettes. */
export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  modes: Record<EvalMode, string>;
}

export interface ChartStyle {
  palette: ChartPalette;
  /** Tick and legend size; the title is larger. Presenter mode raises it for the back of the room. */
  fontPx: number;
  /** Device pixels per CSS pixel for an exported image; null follows the screen. */
  pixelRatio: number | null;
}

/** Device pixels per CSS pixel of an exported PNG: sharp on a 4K projector and when scaled on a slide. */
export const PNG_PIXEL_RATIO = 3;

/** Type sizes in CSS pixels: 28 px reads from the back of a room on a projected 1280–1920 px wide screen. */
/** The charts' titles, shared by the canvas charts and their SVG export. */
export const CHART_TITLES = {
  accuracy: 'Accuracy per mode',
  cost: 'The cost of thinking',
  speed: 'Decode speed per mode (median)'
} as const;

export function chartFontPx(present: boolean): number {
  return present ? 28 : 16;
}

/**
 * Point radii per mode in the cost chart: each larger than the one before, and drawn under it (chart.js
 * draws the first dataset on top), so points at the same place stay visible as nested shapes.
 */
export function pointRadii(fontPx: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(fontPx * (0.45 + 0.3 * i)));
}

/** A shape per mode as well as a colour, for colour-blind viewers and black-and-white printouts. */
export const MODE_POINT_STYLES: Record<EvalMode, PointStyle> = {
  'zero-shot-cot': 'circle',
  'few-shot-cot': 'rectRot',
  'answer-only': 'triangle',
  'self-consistency': 'rect'
};

export const pct = (f: number | null): number | null => (f === null ? null : Math.round(f * 1000) / 10);

function font(style: ChartStyle, scale = 1): { size: number; weight?: number } {
  return { size: Math.round(style.fontPx * scale) };
}

function axis(style: ChartStyle, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { display: true, text: title, color: style.palette.text, font: font(style) },
    ticks: { color: style.palette.text, font: font(style) },
    grid: { color: style.palette.grid },
    border: { color: style.palette.muted },
    ...extra
  };
}

/** What every chart shares: no animation (results stream in), the canvas background for PNG export, big type. */
function common(style: ChartStyle, title: string, legend: boolean): Record<string, unknown> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...(style.pixelRatio === null ? {} : { devicePixelRatio: style.pixelRatio }),
    plugins: {
      canvasBackground: { color: style.palette.surface },
      title: { display: true, text: title, color: style.palette.text, font: { ...font(style, 1.2), weight: 700 } },
      legend: { display: legend, labels: { color: style.palette.text, font: font(style), usePointStyle: true } },
      tooltip: { titleFont: font(style), bodyFont: font(style) }
    }
  };
}

/** Accuracy per mode as bars, with the Wilson 95 % interval drawn as a thin floating bar over each. */
export function accuracyChart(summary: EvalSummary, style: ChartStyle): ChartConfiguration<'bar'> {
  const modes = summary.modes;
  const bars: ChartDataset<'bar'> = {
    label: 'Accuracy',
    data: modes.map((m) => pct(m.accuracy)),
    backgroundColor: modes.map((m) => style.palette.modes[m.mode]),
    order: 2
  };
  const intervals: ChartDataset<'bar'> = {
    label: '95 % interval (Wilson)',
    data: modes.map((m) => (m.ci === null ? null : [m.ci.low * 100, m.ci.high * 100])),
    backgroundColor: style.palette.text,
    borderColor: style.palette.text,
    borderWidth: 0,
    grouped: false,
    barPercentage: 0.04,
    categoryPercentage: 1,
    order: 1
  };
  const base = common(style, CHART_TITLES.accuracy, false);
  return {
    type: 'bar',
    data: {
      // Two-line labels stay horizontal and readable where one long line would be tilted.
      labels: modes.map((m) => [MODE_LABELS[m.mode], `${m.correct}/${m.n}`]),
      datasets: [bars, intervals]
    },
    options: {
      ...base,
      scales: {
        x: axis(style, 'Mode'),
        y: axis(style, 'Accuracy (%)', { min: 0, max: 100 })
      }
    }
  };
}

export function costOf(m: ModeSummary, axisKind: CostAxis): number | null {
  switch (axisKind) {
    case 'tokens':
      return m.meanGeneratedTokens;
    case 'seconds':
      return m.meanSeconds;
  }
}

export const COST_AXIS_TITLES: Record<CostAxis, string> = {
  tokens: 'Generated tokens per question',
  seconds: 'Seconds per question'
};

/** The cost of thinking: one point per mode, accuracy against what a question costs in tokens or time. */
export function costChart(summary: EvalSummary, axisKind: CostAxis, style: ChartStyle): ChartConfiguration<'scatter'> {
  const radii = pointRadii(style.fontPx, summary.modes.length);
  const datasets: ChartDataset<'scatter'>[] = summary.modes.map((m, i) => {
    const x = costOf(m, axisKind);
    const y = pct(m.accuracy);
    const radius = radii[i] ?? style.fontPx;
    return {
      label: MODE_LABELS[m.mode],
      data: x === null || y === null ? [] : [{ x, y }],
      backgroundColor: style.palette.modes[m.mode],
      borderColor: style.palette.surface,
      borderWidth: 2,
      pointStyle: MODE_POINT_STYLES[m.mode],
      pointRadius: radius,
      pointHoverRadius: radius + 2,
      // A point at 100 % (or at the axis' end) is drawn whole, over the axis edge, not cut in half.
      clip: false
    };
  });
  const base = common(style, CHART_TITLES.cost, true);
  const edge = Math.max(0, ...radii) + 2;
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...base,
      layout: { padding: { top: edge, right: edge } },
      scales: {
        x: axis(style, COST_AXIS_TITLES[axisKind], { min: 0, grace: '10%' }),
        y: axis(style, 'Accuracy (%)', { min: 0, max: 100 })
      }
    }
  };
}

/** Median decode speed per mode: the same model, so differences come from prompt length and cache size. */
export function speedChart(summary: EvalSummary, style: ChartStyle): ChartConfiguration<'bar'> {
  const modes = summary.modes;
  const base = common(style, CHART_TITLES.speed, false);
  return {
    type: 'bar',
    data: {
      labels: modes.map((m) => MODE_LABELS[m.mode]),
      datasets: [
        {
          label: 'Decode tokens/s',
          data: modes.map((m) => (m.medianDecodeTokensPerSec === null ? null : Math.round(m.medianDecodeTokensPerSec))),
          backgroundColor: modes.map((m) => style.palette.modes[m.mode])
        }
      ]
    },
    options: {
      ...base,
      scales: {
        x: axis(style, 'Mode'),
        y: axis(style, 'Decode tokens/s', { min: 0 })
      }
    }
  };
}
