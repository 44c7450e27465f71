import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, ensureChartFonts, registerChartFonts } from '../../../src/charts/fonts.ts';

describe('chart fonts', () => {
  it('registers the shipped regular and bold faces under our own family', () => {
    expect(ensureChartFonts()).toBe(CHART_FONT);
    const family = GlobalFonts.families.find((f) => f.family === CHART_FONT);
    expect(family?.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
  });

  it('fails loudly, naming the file, when a font is missing', () => {
    expect(() => registerChartFonts('/nonexistent/fonts')).toThrow(
      'Chart font missing: /nonexistent/fonts/DejaVuSans.ttf',
    );
  });
});
