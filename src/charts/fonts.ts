import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * Our own family name: a slim container has no system fonts, and a name like "DejaVu Sans" could
 * silently match whatever the host happens to have. Charts use this family and nothing else.
 */
export const CHART_FONT = 'PreorderPalSans';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;
const SHIPPED_FONTS = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

let registered = false;

/** Registers the fonts in `dir` under CHART_FONT; a missing or unreadable file is a packaging bug, so it throws. */
export function registerChartFonts(dir: string): void {
  for (const file of FONT_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`Chart font missing: ${path} (it ships in assets/fonts).`);
    if (!GlobalFonts.registerFromPath(path, CHART_FONT)) throw new Error(`Chart font could not be loaded: ${path}.`);
  }
  if (!GlobalFonts.has(CHART_FONT))
    throw new Error(`Chart font family ${CHART_FONT} is not available after registering.`);
}

/** The chart family, registered from the shipped files on first use. */
export function ensureChartFonts(): string {
  if (!registered) {
    registerChartFonts(SHIPPED_FONTS);
    registered = true;
  }
  return CHART_FONT;
}

/** A CSS font string in the chart family. */
export function chartFont(sizePx: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${sizePx}px ${ensureChartFonts()}`;
}
