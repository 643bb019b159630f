import type { Theme } from '../contract.js';

/**
 * Azure DevOps hands extensions its theme as CSS variables and sends no "dark" flag, so dark is derived from the
 * luminance of --background-color: dark when white text would contrast better than black (WCAG relative
 * luminance below ~0.179). Unreadable or missing values count as light, the platform's default.
 */
export function themeFromBackground(color: string | null | undefined): Theme {
  const rgb = parseColor(color);
  if (!rgb) return 'light';
  return relativeLuminance(rgb) < 0.179 ? 'dark' : 'light';
}

type Rgb = [number, number, number];

/** #rgb, #rrggbb(aa), rgb()/rgba(), or the bare "r, g, b" triplets Azure DevOps uses in its palette variables. */
export function parseColor(color: string | null | undefined): Rgb | null {
  if (!color) return null;
  const c = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1].slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const fn = /^rgba?\(\s*([^)]*)\)$/.exec(c);
  const list = (fn ? fn[1] : c).split(/[\s,/]+/).filter((p) => p.length > 0);
  if (list.length < 3 || list.length > 4) return null;
  const nums = list.slice(0, 3).map(Number);
  if (nums.some((n) => !Number.isFinite(n) || n < 0 || n > 255)) return null;
  return nums as Rgb;
}

function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
