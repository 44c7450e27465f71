import { describe, expect, it } from 'vitest';
import { simulationNotice } from '../../../../src/adapters/console/simulation.ts';

describe("the first /clock's notice", () => {
  it('promises a folder database stays as it was', () => {
    const notice = simulationNotice('PGlite at ./data/pglite');
    expect(notice).toContain('works on a copy of PGlite at ./data/pglite in memory.');
    expect(notice).toContain('your real data in PGlite at ./data/pglite stays as it was');
  });

  it('does not say "in memory in memory" or promise real data for a database that was never kept', () => {
    const notice = simulationNotice('PGlite in memory');
    expect(notice).not.toMatch(/in memory in memory|real data/);
    expect(notice).toContain('keeps nothing after you quit');
  });
});
