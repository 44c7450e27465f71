import { parseArgs } from 'node:util';
import { fail, ok, type FieldError, type Result } from './core/errors.ts';
import { createFaqMatcher, getFaqEntry, type FaqMatch } from './core/faq/index.ts';
import { listingUrls, parseIsbn, parseIsbn10 } from './core/isbn.ts';
import { parseReleaseDate } from './core/release-date.ts';
import { planTimeline } from './core/timeline.ts';
import { resolveTimeZone } from './core/timezone.ts';
import { MARKETPLACES, PRINTERS, type Marketplace, type Printer } from './core/types.ts';

/**
 * The domain as a scriptable tool. The JSON shapes and exit codes are a contract other programs
 * rely on: 0 success, 2 invalid input (one line on stderr; with --json an error object on stdout).
 */
type Output = { json: unknown; text: string };

const USAGE = `Usage:
  cli timeline --release YYYY-MM-DD --timezone ZONE [--marketplace US|UK] [--printer kdp|createspace|ingramspark|lightningsource] [--now ISO] [--json]
  cli isbn VALUE [--json]
  cli isbn10 VALUE [--json]
  cli ask "QUESTION" [--json]`;

function pick<T extends string>(
  field: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): Result<T> {
  if (value === undefined) return ok(fallback);
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  return found ? ok(found) : fail(field, 'invalid', `${field} must be one of ${allowed.join(', ')} (got "${value}").`);
}

function timeline(values: Record<string, string | boolean | undefined>): Result<Output> {
  const str = (k: string) => {
    const value = values[k];
    return typeof value === 'string' ? value : undefined;
  };
  const releaseText = str('release');
  if (!releaseText)
    return fail('release', 'required', 'release is required: --release YYYY-MM-DD, e.g. --release 2027-03-15.');
  const release = parseReleaseDate(releaseText, 'release');
  if (!release.ok) return release;
  const zone = resolveTimeZone(str('timezone') ?? 'UTC', 'timezone');
  if (!zone.ok) return zone;
  const marketplace = pick<Marketplace>('marketplace', str('marketplace'), MARKETPLACES, 'US');
  if (!marketplace.ok) return marketplace;
  const printer = pick<Printer>('printer', str('printer'), PRINTERS, 'kdp');
  if (!printer.ok) return printer;
  const nowText = str('now');
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime()))
    return fail('now', 'invalid', `now must be an ISO 8601 instant such as 2027-01-10T09:00:00Z (got "${nowText}").`);
  const plan = planTimeline({
    releaseDate: release.value,
    timeZone: zone.value,
    marketplace: marketplace.value,
    printer: printer.value,
    now,
  });
  // For a step that waits on another, opensAt/closesAt are the times the plan assumes when nothing is marked.
  const milestones = plan.map((m) => ({
    id: m.id,
    title: m.title,
    opensAt: m.opensAt.toISOString(),
    closesAt: m.closesAt ? m.closesAt.toISOString() : null,
    after: m.after,
    ...(m.kind === 'daily' ? { daily: true } : {}),
  }));
  const text = milestones
    .map((m) => {
      const after = m.after.length > 0 ? `  after ${m.after.join(', ')}` : '';
      const daily = m.daily ? ' (daily)' : '';
      return `${m.id.padEnd(24)} ${m.opensAt}  ${m.closesAt ?? '(open-ended)'}  ${m.title}${daily}${after}`;
    })
    .join('\n');
  return ok({ json: { milestones }, text });
}

function isbn(value: string | undefined): Result<Output> {
  if (!value) return fail('isbn', 'required', 'isbn is required: cli isbn 978-0-306-40615-7.');
  const parsed = parseIsbn(value, 'isbn');
  if (!parsed.ok) return parsed;
  const urls = listingUrls(parsed.value);
  const json = { valid: true, isbn13: parsed.value.isbn13, isbn10: parsed.value.isbn10, listingUrls: urls };
  const text = [
    `ISBN-13: ${parsed.value.isbn13}`,
    `ISBN-10: ${parsed.value.isbn10 ?? 'none (979 ISBNs have no ISBN-10)'}`,
    `US listing: ${urls.US ?? '-'}`,
    `UK listing: ${urls.UK ?? '-'}`,
  ].join('\n');
  return ok({ json, text });
}

/** For scripts that need the ISBN-10 itself (dp links); a 979 ISBN is refused, it has none. */
function isbn10(value: string | undefined): Result<Output> {
  if (!value) return fail('isbn10', 'required', 'isbn10 needs an ISBN: cli isbn10 978-0-306-40615-7.');
  const parsed = parseIsbn10(value, 'isbn10');
  if (!parsed.ok) return parsed;
  return ok({ json: { isbn10: parsed.value }, text: parsed.value });
}

function ask(question: string | undefined): Result<Output> {
  if (!question || question.trim() === '')
    return fail('question', 'required', 'question is required: cli ask "how much does Advantage cost?".');
  if (question.length > 500)
    return fail('question', 'invalid', `question is ${question.length} characters long; keep it under 500.`);
  const match = createFaqMatcher().match(question);
  const answer = cliAnswer(match);
  const text = `${match.topic ?? '(no confident match)'}\n${answer}\nSee also: ${match.suggestions.join(', ')}`;
  return ok({
    json: { topic: match.topic, answer, suggestions: match.suggestions, confidence: match.confidence },
    text,
  });
}

/** The console's one-shot answer; a "Did you mean…" names its choices, best first. */
function cliAnswer(match: FaqMatch): string {
  if (match.topic) return getFaqEntry(match.topic).answer;
  if (match.kind === 'did-you-mean') {
    const [first, second] = match.suggestions.map((id) => `${getFaqEntry(id).title} (${id})`);
    return `Did you mean ${first} or ${second}?`;
  }
  if (match.kind === 'noise') {
    return 'I answer questions about print pre-orders through Amazon Advantage, for example: how much does Advantage cost?';
  }
  return "I'm not sure which part of the pre-order process you mean; these topics are the closest.";
}

export function runCli(argv: string[]): { code: number; stdout: string; stderr: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        release: { type: 'string' },
        timezone: { type: 'string' },
        marketplace: { type: 'string' },
        printer: { type: 'string' },
        now: { type: 'string' },
      },
    });
  } catch (error) {
    const option = /'(--?[\w-]+)/.exec((error as Error).message)?.[1]?.replace(/^-+/, '') ?? 'arguments';
    return invalid(
      {
        field: option,
        code: 'invalid',
        message: `${(error as Error).message.split('\n')[0]}. ${USAGE.split('\n')[0]}`,
      },
      argv.includes('--json'),
    );
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const json = values.json === true;
  let result: Result<Output>;
  if (command === 'timeline') result = timeline(values);
  else if (command === 'isbn') result = isbn(rest.join(' ') || undefined);
  else if (command === 'isbn10') result = isbn10(rest.join(' ') || undefined);
  else if (command === 'ask') result = ask(rest.join(' ') || undefined);
  else
    return invalid(
      {
        field: 'command',
        code: 'invalid',
        message: `command must be timeline, isbn, isbn10 or ask (got "${command ?? ''}"). ${USAGE.replace(/\s*\n\s*/g, ' | ')}`,
      },
      json,
    );
  if (!result.ok) return invalid(result.error, json);
  return { code: 0, stdout: `${json ? JSON.stringify(result.value.json) : result.value.text}\n`, stderr: '' };
}

function invalid(error: FieldError, json: boolean) {
  const line = `${error.field}: ${error.message.replace(/\s*\n\s*/g, ' ')}`;
  return {
    code: 2,
    stdout: json ? `${JSON.stringify({ error: { field: error.field, message: error.message } })}\n` : '',
    stderr: `${line}\n`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
