// Draws the extension's PNG images (sizes from the manifest docs) with pngjs, so no binary sits in git:
// extension icon 128x128, hub icons (light/dark theme), and per widget a 98x98 catalog icon and a 330x160 preview.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const BLUE = [0, 120, 212, 255];
const WHITE = [255, 255, 255, 255];
const INK = [50, 49, 48, 255];
const PALE = [243, 242, 241, 255];
const ACCENTS = [[0, 120, 212, 255], [16, 124, 16, 255], [202, 80, 16, 255], [135, 100, 184, 255]];

class Canvas {
  constructor(w, h, background) {
    this.png = new PNG({ width: w, height: h });
    this.w = w;
    this.h = h;
    this.rect(0, 0, w, h, background ?? [0, 0, 0, 0]);
  }
  set(x, y, c) {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (this.w * y + x) << 2;
    this.png.data.set(c, i);
  }
  rect(x, y, w, h, c) {
    for (let j = Math.round(y); j < Math.round(y + h); j++) for (let i = Math.round(x); i < Math.round(x + w); i++) this.set(i, j, c);
  }
  circle(cx, cy, r, c) {
    for (let j = Math.floor(cy - r); j <= cy + r; j++) for (let i = Math.floor(cx - r); i <= cx + r; i++) {
      if ((i - cx) ** 2 + (j - cy) ** 2 <= r * r) this.set(i, j, c);
    }
  }
  roundedBackground(c, radius) {
    for (let j = 0; j < this.h; j++) for (let i = 0; i < this.w; i++) {
      const dx = Math.max(radius - i, i - (this.w - 1 - radius), 0);
      const dy = Math.max(radius - j, j - (this.h - 1 - radius), 0);
      if (dx * dx + dy * dy <= radius * radius) this.set(i, j, c);
    }
  }
  bytes() {
    return PNG.sync.write(this.png);
  }
}

/** A chart glyph in the box (x, y, w, h), in colour c (or the accents for multi-series glyphs). */
const GLYPHS = {
  bars(cv, x, y, w, h, c) {
    const heights = [0.35, 0.55, 0.45, 0.8, 0.65, 1];
    const bw = w / (heights.length * 1.5);
    heights.forEach((f, i) => cv.rect(x + i * bw * 1.5, y + h * (1 - f), bw, h * f, c));
  },
  scatter(cv, x, y, w, h, c) {
    const pts = [[0.08, 0.8], [0.2, 0.55], [0.3, 0.85], [0.42, 0.62], [0.5, 0.3], [0.62, 0.72], [0.72, 0.5], [0.85, 0.78], [0.92, 0.4]];
    const r = Math.max(1.5, Math.min(w, h) / 16);
    pts.forEach(([px, py]) => cv.circle(x + px * w, y + py * h, r, c));
    cv.rect(x, y + h * 0.2, w, Math.max(1, h / 40), c);
  },
  aging(cv, x, y, w, h, c) {
    const cols = 4;
    const cw = w / (cols * 1.4);
    for (let i = 0; i < cols; i++) {
      const cx = x + i * cw * 1.4;
      cv.rect(cx, y, cw, h, [...ACCENTS[i % ACCENTS.length].slice(0, 3), 60]);
      [0.3, 0.55, 0.8].slice(0, 1 + (i % 3)).forEach((f) => cv.circle(cx + cw / 2, y + h * f, Math.max(1.5, cw / 4), c));
    }
  },
  cfd(cv, x, y, w, h) {
    for (let i = 0; i < w; i++) {
      const t = i / w;
      const bands = [0.15 + 0.6 * t, 0.12 + 0.1 * Math.sin(t * 6) ** 2, 0.1, 0.08];
      let top = y + h;
      bands.forEach((b, k) => {
        const bh = b * h * 0.9;
        cv.rect(x + i, top - bh, 1, bh, ACCENTS[k]);
        top -= bh;
      });
    }
  },
  // Where the time goes: one horizontal bar per stage, the largest share in the accent colour.
  stages(cv, x, y, w, h, c) {
    const widths = [0.35, 0.9, 0.55, 0.25];
    const bh = h / (widths.length * 1.6);
    widths.forEach((f, i) => cv.rect(x, y + i * bh * 1.6 + bh * 0.3, w * f, bh, f === 0.9 ? ACCENTS[2] : c));
  },
  // Weekly throughput: a bar per week, the last (partial) one pale, and a run line over them.
  weekly(cv, x, y, w, h, c) {
    const heights = [0.5, 0.7, 0.6, 0.85, 0.75, 0.3];
    const bw = w / (heights.length * 1.4);
    heights.forEach((f, i) => cv.rect(x + i * bw * 1.4, y + h * (1 - f), bw, h * f,
      i === heights.length - 1 ? [...c.slice(0, 3), 90] : c));
    cv.rect(x, y + h * 0.32, w, Math.max(1, h / 40), ACCENTS[1]);
  },
  // Throughput histogram: how many days delivered 0, 1, 2, … items.
  histogram(cv, x, y, w, h, c) {
    const heights = [0.55, 1, 0.8, 0.45, 0.25, 0.1];
    const bw = w / heights.length;
    heights.forEach((f, i) => cv.rect(x + i * bw, y + h * (1 - f), bw - Math.max(1, bw / 8), h * f, c));
  },
  forecast(cv, x, y, w, h, c) {
    const n = 9;
    const bw = w / n;
    for (let i = 0; i < n; i++) {
      const f = Math.exp(-(((i - 4) / 2.2) ** 2));
      cv.rect(x + i * bw + 1, y + h * (1 - f), bw - 2, h * f, c);
    }
    cv.rect(x + bw * 6.5, y, Math.max(1, w / 50), h, ACCENTS[2]);
  },
};

const WIDGET_GLYPHS = { 'cycle-time': 'scatter', aging: 'aging', cfd: 'cfd', throughput: 'bars', forecast: 'forecast',
  'stage-breakdown': 'stages', 'weekly-throughput': 'weekly', 'throughput-histogram': 'histogram' };

export function drawIcons(dir) {
  mkdirSync(dir, { recursive: true });
  const out = (name, canvas) => writeFileSync(join(dir, name), canvas.bytes());

  const icon = new Canvas(128, 128);
  icon.roundedBackground(BLUE, 20);
  GLYPHS.bars(icon, 24, 28, 84, 72, WHITE);
  out('extension-icon-128.png', icon);

  for (const [theme, colour] of [['light', INK], ['dark', WHITE]]) {
    const hub = new Canvas(32, 32);
    GLYPHS.bars(hub, 3, 4, 28, 24, colour);
    out(`hub-${theme}.png`, hub);
  }

  for (const [key, glyph] of Object.entries(WIDGET_GLYPHS)) {
    const catalog = new Canvas(98, 98);
    catalog.roundedBackground(BLUE, 12);
    catalog.rect(12, 12, 74, 74, WHITE);
    GLYPHS[glyph](catalog, 18, 20, 62, 58, BLUE);
    out(`widget-${key}-98.png`, catalog);

    const preview = new Canvas(330, 160, PALE);
    preview.rect(10, 10, 310, 140, WHITE);
    GLYPHS[glyph](preview, 30, 28, 270, 106, BLUE);
    out(`widget-${key}-330x160.png`, preview);
  }
  return Object.keys(WIDGET_GLYPHS);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  drawIcons(process.argv[2] ?? 'target/stage/static');
}
