import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAQ_ENTRIES, getFaqEntry } from '../../../../src/core/faq/index.ts';

/**
 * Guards for the facts issue 12 found wrong or invented (checked against the practitioner
 * article): each check returns the offending sentences, so it is run on known-bad text too.
 */
const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

/** The article's latest update: Amazon reviews the application first, and gives no duration. */
function promisesQuickApproval(text: string): string[] {
  return sentences(text).filter(
    (s) =>
      /approv|eligib|enrol/i.test(s) &&
      /instant|immediate|right away|straight away|at once|same day|within (a|an|\d)|\d+\s*(hours?|days?|weeks?)/i.test(
        s,
      ),
  );
}

/** The article gives one fee ($99, formerly $29.95) and none for Advantage UK. */
function statesUkFee(text: string): string[] {
  return sentences(text).filter(
    (s) => /\bUK\b|co\.uk|Brit/i.test(s) && /[$£€]\s?\d|\d\s?(dollars?|pounds?|GBP|USD)\b/i.test(s),
  );
}

/** Claims the article never makes, and labels it does not use. */
const NOT_IN_ARTICLE: readonly RegExp[] = [
  /good sign/i, // a release-day sales-rank jump as proof that pre-orders transfer
  /follow up with/i, // an escalation after 7 days
  /switched back/i, // a published edition turned back into a pre-order
  /pre-?orders (are|get|will be) lost|los(e|ing) (the |your )?pre-?orders/i, // "miss one window"
  /currently unavailable/i, // the article's label is "Unavailable at this time"
  /usually (instant|immediate)/i,
];

const inventedClaims = (text: string): string[] =>
  sentences(text).filter((s) => NOT_IN_ARTICLE.some((pattern) => pattern.test(s)));

/** "Don't cancel POs" scoped to the US makes the UK look like the exception; it is not. */
function usOnlyNeverCancel(text: string): string[] {
  return sentences(text).filter(
    (s) =>
      (/\b(don'?t|do not|never|not)\s+cancel/i.test(s) && /\bUS\b|amazon\.com/i.test(s) && !/\bUK\b|co\.uk/i.test(s)) ||
      /Cancelled: Not yet available[^.]*exception|exception[^.]*Cancelled: Not yet available/i.test(s),
  );
}

const CHECKS = { promisesQuickApproval, statesUkFee, inventedClaims, usOnlyNeverCancel };

describe('FAQ answers keep to the article', () => {
  it.each(Object.entries(CHECKS))('%s flags nothing in any answer', (_name, check) => {
    const found = FAQ_ENTRIES.flatMap((entry) =>
      [entry.title, entry.answer].flatMap((text) => check(text).map((s) => `${entry.id}: ${s}`)),
    );
    expect(found, found.join('\n')).toEqual([]);
  });

  it('the checks do catch the wordings issue 12 removed', () => {
    expect(promisesQuickApproval('When it is filled in correctly, approval is usually instant.')).toHaveLength(1);
    expect(promisesQuickApproval('Amazon approves most applications within 2 days.')).toHaveLength(1);
    expect(statesUkFee('Advantage UK costs £25 a year.')).toHaveLength(1);
    expect(statesUkFee('On amazon.co.uk the fee is also $99.')).toHaveLength(1);
    expect(inventedClaims('A jump in sales rank is a good sign they are coming through.')).toHaveLength(1);
    expect(inventedClaims('If nothing appears after 7 days, follow up with AA support.')).toHaveLength(1);
    expect(inventedClaims("That edition can't be switched back into a pre-order.")).toHaveLength(1);
    expect(inventedClaims('Miss one window and pre-orders are lost.')).toHaveLength(1);
    expect(inventedClaims('It may show "Currently unavailable" first.')).toHaveLength(1);
    expect(usOnlyNeverCancel("On the US site, don't cancel purchase orders.")).toHaveLength(1);
    expect(usOnlyNeverCancel('Never cancel POs on the US site.')).toHaveLength(1);
    expect(usOnlyNeverCancel('On the US and the UK site, never cancel a PO.')).toEqual([]);
    expect(usOnlyNeverCancel('The UK\'s "Cancelled: Not yet available" option is the exception.')).toHaveLength(1);
  });

  it('says Amazon reviews an application and then tells you whether you are eligible', () => {
    const answer = getFaqEntry('aa-enrollment').answer;
    expect(answer).toMatch(/review/);
    expect(answer).toMatch(/eligible/);
  });

  it('confirms POs on both sites and explains the UK label', () => {
    const answer = getFaqEntry('dont-cancel-pos').answer;
    expect(answer).toMatch(/both the US and the UK/);
    expect(answer).toMatch(/confirmed, never cancelled/);
    expect(answer).toContain('"Cancelled: Not yet available"');
    for (const id of ['uk-differences', 'confirm-pos'] as const) {
      expect(getFaqEntry(id).answer, id).toMatch(/Cancelled: Not yet available"[^.]*confirms the PO/);
    }
  });

  it("uses the article's status labels on release day", () => {
    const answer = getFaqEntry('release-day-status').answer;
    const order = ['"Not Available"', '"Unavailable at this time"', '"In Stock"'].map((label) =>
      answer.lastIndexOf(label),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gives the $99 fee, and says there is no UK figure when the UK is asked about', () => {
    expect(getFaqEntry('aa-fee').answer).toContain('$99');
    expect(getFaqEntry('aa-fee').answer).toMatch(/no figure at all for Advantage UK/);
    expect(getFaqEntry('uk-differences').answer).toMatch(/no fee for Advantage UK/);
    expect(getFaqEntry('uk-differences').answer).not.toMatch(/[$£]/);
  });

  it('says the print-ready file must be in KDP before the publish step', () => {
    expect(getFaqEntry('kdp-publish-timing').answer).toMatch(/print-ready file has to be waiting in KDP before/);
    expect(getFaqEntry('requirements').answer).toMatch(/print-ready file has to be ready there before/);
  });

  it('reports a release-day rank rise only as extra sales that day', () => {
    expect(getFaqEntry('order-transfer').answer).toMatch(
      /sales rank on release day tells you the book sold extra copies/,
    );
  });
});

describe('README keeps to the article', () => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

  it('makes none of the removed claims', () => {
    for (const check of Object.values(CHECKS)) expect(check(readme)).toEqual([]);
  });
});
