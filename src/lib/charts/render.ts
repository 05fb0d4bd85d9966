import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin
} from 'chart.js';
import { EVAL_MODES, type EvalMode } from '../prompts/index.ts';
import { chartFontPx, type ChartPalette, type ChartStyle } from './specs.ts';

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- declaration merging repeats chart.js's parameter
  interface PluginOptionsByType<TType extends ChartType> {
    /** Fills the canvas, so an exported PNG is readable on any background. */
    canvasBackground?: { color: string };
  }
}

/** Chart.js's documented way to paint a canvas background: a tiny plugin, drawn before everything else. */
const canvasBackground: Plugin = {
  id: 'canvasBackground',
  beforeDraw(chart, _args, options: { color?: string }) {
    if (options.color === undefined) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  }
};

// Only what the three charts use is registered, which keeps chart.js's share of the bundle small.
Chart.register(
  BarController,
  BarElement,
  ScatterController,
  PointElement,
  CategoryScale,
  LinearScale,
  Title,
  Tooltip,
  Legend,
  canvasBackground
);

/** The mode colours are CSS custom properties (`--mode-<id>`), resolved through a probe so light-dark() applies. */
export function readPalette(host: HTMLElement): ChartPalette {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.appendChild(probe);
  const read = (name: string): string => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const modes = {} as Record<EvalMode, string>;
  for (const m of EVAL_MODES) modes[m] = read(`--mode-${m}`);
  const palette = {
    text: read('--text'),
    muted: read('--muted'),
    grid: read('--border'),
    surface: read('--surface'),
    modes
  };
  probe.remove();
  return palette;
}

export function chartStyle(host: HTMLElement, present: boolean): ChartStyle {
  return { palette: readPalette(host), fontPx: chartFontPx(present), pixelRatio: null };
}

/** One chart on one canvas: created once, then given new data and options as results stream in. */
export class ChartView<T extends ChartType> {
  readonly #chart: Chart<T>;

  constructor(canvas: HTMLCanvasElement, config: ChartConfiguration<T>) {
    this.#chart = new Chart(canvas, config);
  }

  update(config: ChartConfiguration<T>): void {
    this.#chart.data = config.data;
    if (config.options !== undefined) this.#chart.options = config.options;
    this.#chart.update('none');
  }

  /** The chart's size on the page, in CSS pixels. */
  get size(): { width: number; height: number } {
    return { width: this.#chart.width, height: this.#chart.height };
  }

  destroy(): void {
    this.#chart.destroy();
  }
}

/**
 * A chart drawn once off screen at `size` CSS pixels, background included, as a PNG data URL. Its
 * config carries the export's pixel ratio (ChartStyle.pixelRatio), whatever the screen's own.
 */
export function pngOf<T extends ChartType>(
  config: ChartConfiguration<T>,
  size: { width: number; height: number }
): string {
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${size.width}px;height:${size.height}px`;
  const canvas = document.createElement('canvas');
  host.appendChild(canvas);
  document.body.appendChild(host);
  const chart = new Chart(canvas, config);
  const url = chart.toBase64Image('image/png', 1);
  chart.destroy();
  host.remove();
  return url;
}
