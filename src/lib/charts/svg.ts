import type { PointStyle } from 'chart.js';

/**
 * Charts as SVG: vector figures for slides and papers, in the page's colours, without an SVG canvas
 * shim. Bars (with an interval drawn as a thin bar over each) and scatter points are all the three
 * evaluation charts use; figures.ts builds them from the same results the canvas charts show.
 */

export interface Bar {
  /** One line each, under the bar. */
  label: string[];
  value: number | null;
  color: string;
  interval: [number, number] | null;
}

export interface Point {
  label: string;
  x: number;
  y: number;
  color: string;
  shape: PointStyle;
  radius: number;
}

interface FigureBase {
  title: string;
  xTitle: string;
  yTitle: string;
  /** A fixed top of the y axis (100 for accuracy); null fits the data. */
  yMax: number | null;
}
export type Figure = (FigureBase & { kind: 'bar'; bars: Bar[] }) | (FigureBase & { kind: 'scatter'; points: Point[] });

export interface SvgStyle {
  text: string;
  grid: string;
  surface: string;
  fontPx: number;
  width: number;
  height: number;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f1 = (n: number): string => String(Math.round(n * 10) / 10);

/** Round tick values (steps of 1, 2, 2.5 or 5 × 10^k) from 0 to at least `max`, about five intervals. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw - 1e-12) ?? 10) * mag;
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

function label(x: number, y: number, s: string, style: SvgStyle, extra = ''): string {
  return `<text x="${f1(x)}" y="${f1(y)}" font-size="${style.fontPx}" fill="${style.text}"${extra}>${esc(s)}</text>`;
}

/** A point's shape, centred on (x, y): circle, diamond (chart.js rectRot) or triangle. */
export function pointShape(shape: PointStyle, x: number, y: number, r: number, attrs: string): string {
  switch (shape) {
    case 'rectRot':
      return `<polygon points="${f1(x)},${f1(y - r)} ${f1(x + r)},${f1(y)} ${f1(x)},${f1(y + r)} ${f1(x - r)},${f1(y)}"${attrs}/>`;
    case 'triangle':
      return `<polygon points="${f1(x)},${f1(y - r)} ${f1(x + r * 0.87)},${f1(y + r / 2)} ${f1(x - r * 0.87)},${f1(y + r / 2)}"${attrs}/>`;
    default:
      return `<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(r)}"${attrs}/>`;
  }
}

/** The figure as a standalone SVG document. Nothing is clipped: points at an axis' end are drawn whole. */
export function figureSvg(fig: Figure, style: SvgStyle): string {
  const fs = style.fontPx;
  const { width, height } = style;
  const yValues =
    fig.kind === 'bar' ? fig.bars.flatMap((b) => [b.value ?? 0, b.interval?.[1] ?? 0]) : fig.points.map((p) => p.y);
  const yTicks = niceTicks(fig.yMax ?? Math.max(...yValues, 0) * 1.1);
  const yTop = fig.yMax ?? yTicks.at(-1) ?? 1;
  const maxRadius = fig.kind === 'scatter' ? Math.max(0, ...fig.points.map((p) => p.radius)) : 0;
  const legendRows = fig.kind === 'scatter' ? 1 : 0;
  const left = fs * 4.5;
  const right = fs + maxRadius;
  const top = fs * 2.6 + legendRows * fs * 1.6 + maxRadius;
  const bottom = fs * (fig.kind === 'bar' ? 5 : 3.8);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const yPos = (v: number): number => top + plotH * (1 - v / yTop);
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="${style.surface}"/>`,
    label(width / 2, fs * 1.6, fig.title, style, ' text-anchor="middle" font-weight="700"')
  ];
  for (const t of yTicks) {
    const y = yPos(t);
    parts.push(`<line x1="${f1(left)}" x2="${f1(left + plotW)}" y1="${f1(y)}" y2="${f1(y)}" stroke="${style.grid}"/>`);
    parts.push(label(left - fs * 0.4, y + fs * 0.35, String(t), style, ' text-anchor="end"'));
  }
  parts.push(
    label(
      fs,
      top + plotH / 2,
      fig.yTitle,
      style,
      ` text-anchor="middle" transform="rotate(-90 ${f1(fs)} ${f1(top + plotH / 2)})"`
    ),
    label(left + plotW / 2, height - fs * 0.6, fig.xTitle, style, ' text-anchor="middle"')
  );
  if (fig.kind === 'bar') {
    const band = plotW / Math.max(1, fig.bars.length);
    fig.bars.forEach((b, i) => {
      const cx = left + band * (i + 0.5);
      if (b.value !== null) {
        const y = yPos(b.value);
        parts.push(
          `<rect x="${f1(cx - band * 0.35)}" y="${f1(y)}" width="${f1(band * 0.7)}" height="${f1(top + plotH - y)}" fill="${b.color}"/>`
        );
      }
      if (b.interval !== null) {
        const [lo, hi] = b.interval;
        parts.push(
          `<rect x="${f1(cx - 2)}" y="${f1(yPos(hi))}" width="4" height="${f1(yPos(lo) - yPos(hi))}" fill="${style.text}"/>`
        );
      }
      b.label.forEach((line, j) =>
        parts.push(label(cx, top + plotH + fs * (1.3 + 1.2 * j), line, style, ' text-anchor="middle"'))
      );
    });
  } else {
    const xTicks = niceTicks(Math.max(0, ...fig.points.map((p) => p.x)) * 1.1);
    const xRight = xTicks.at(-1) ?? 1;
    const xPos = (v: number): number => left + plotW * (v / xRight);
    for (const t of xTicks)
      parts.push(label(xPos(t), top + plotH + fs * 1.3, String(t), style, ' text-anchor="middle"'));
    // The largest point first, so smaller ones at the same place are drawn over it and stay visible.
    const order = [...fig.points].sort((a, b) => b.radius - a.radius);
    for (const p of order)
      parts.push(
        pointShape(
          p.shape,
          xPos(p.x),
          yPos(p.y),
          p.radius,
          ` fill="${p.color}" stroke="${style.surface}" stroke-width="2"`
        )
      );
    let lx = left;
    for (const p of fig.points) {
      const ly = fs * 3.3;
      parts.push(pointShape(p.shape, lx + fs * 0.5, ly - fs * 0.35, fs * 0.45, ` fill="${p.color}"`));
      parts.push(label(lx + fs * 1.2, ly, p.label, style));
      lx += fs * (1.8 + p.label.length * 0.6);
    }
  }
  parts.push(
    `<line x1="${f1(left)}" x2="${f1(left)}" y1="${f1(top)}" y2="${f1(top + plotH)}" stroke="${style.text}"/>`
  );
  parts.push(
    `<line x1="${f1(left)}" x2="${f1(left + plotW)}" y1="${f1(top + plotH)}" y2="${f1(top + plotH)}" stroke="${style.text}"/>`
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">${parts.join('')}</svg>`;
}
