import { describe, expect, it } from 'vitest';
import { createMetrics, MAX_VALUES_PER_LABEL } from '../../../src/infra/metrics.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition into samples (comments skipped). */
function parse(body: string): Sample[] {
  return body
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with exactly these labels, or undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length, `${name}${JSON.stringify(labels)} appears at most once`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<Sample[]> {
  return parse((await metrics.render()).body);
}

describe('metrics', () => {
  it('renders Prometheus text with default process metrics on its own registry', async () => {
    const metrics = createMetrics();
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = new Set(parse(body).map((s) => s.name));
    expect(names).toContain('process_cpu_user_seconds_total');
    expect(names).toContain('nodejs_heap_size_used_bytes');
    // Unlabelled counters start at zero so dashboards see them before the first event.
    expect(valueOf(parse(body), 'preorder_pal_reminders_missed_total')).toBe(0);
    expect(valueOf(parse(body), 'preorder_pal_reminder_sweeper_ticks_total')).toBe(0);
  });

  it('counts commands by command and outcome and times them by command', async () => {
    const metrics = createMetrics();
    metrics.commandObserved({ command: 'preorder start', outcome: 'ok', ms: 12 });
    metrics.commandObserved({ command: 'preorder start', outcome: 'ok', ms: 30 });
    metrics.commandObserved({ command: 'preorder start', outcome: 'invalid', ms: 2 });
    metrics.commandObserved({ command: 'preorder ask', outcome: 'crash', ms: 0.4 });
    const s = await scrape(metrics);

    expect(valueOf(s, 'preorder_pal_commands_total', { command: 'preorder start', outcome: 'ok' })).toBe(2);
    expect(valueOf(s, 'preorder_pal_commands_total', { command: 'preorder start', outcome: 'invalid' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_commands_total', { command: 'preorder ask', outcome: 'crash' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_command_duration_seconds_count', { command: 'preorder start' })).toBe(3);
    expect(valueOf(s, 'preorder_pal_command_duration_seconds_sum', { command: 'preorder start' })).toBeCloseTo(0.044);
    // Buckets are cumulative: 2 ms and 12 ms fall at or under 25 ms, 30 ms does not; 0.4 ms is under 1 ms.
    const bucket = (command: string, le: string) =>
      valueOf(s, 'preorder_pal_command_duration_seconds_bucket', { command, le });
    expect(bucket('preorder start', '0.001')).toBe(0);
    expect(bucket('preorder start', '0.025')).toBe(2);
    expect(bucket('preorder start', '0.05')).toBe(3);
    expect(bucket('preorder start', '5')).toBe(3);
    expect(bucket('preorder ask', '0.001')).toBe(1);
  });

  it('counts reminders sent, late, failed, retried and missed, and observes delivery lag in seconds', async () => {
    const metrics = createMetrics();
    metrics.reminderSent({ kind: 'now', target: 'dm', late: false, lagMs: 40 });
    metrics.reminderSent({ kind: 'now', target: 'dm', late: false, lagMs: 200 });
    metrics.reminderSent({ kind: 'closing', target: 'channel', late: true, lagMs: 2 * 60 * 60 * 1000 });
    metrics.reminderFailed({ kind: 'now', target: 'dm', reason: 'dm-closed' });
    metrics.reminderFailed({ kind: 'now', target: 'dm', reason: 'dm-closed' });
    metrics.reminderFailed({ kind: 'closing', target: 'moderators', reason: 'poison' });
    metrics.reminderRetried({ kind: 'now' });
    metrics.remindersMissed(3);
    metrics.remindersMissed(2);
    const s = await scrape(metrics);

    expect(valueOf(s, 'preorder_pal_reminders_sent_total', { kind: 'now', target: 'dm', late: 'false' })).toBe(2);
    expect(valueOf(s, 'preorder_pal_reminders_sent_total', { kind: 'closing', target: 'channel', late: 'true' })).toBe(
      1,
    );
    expect(valueOf(s, 'preorder_pal_reminders_late_total', { kind: 'closing' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminders_late_total', { kind: 'now' })).toBeUndefined();

    const lag = (target: string, le: string) =>
      valueOf(s, 'preorder_pal_reminder_delivery_lag_seconds_bucket', { target, le });
    expect(valueOf(s, 'preorder_pal_reminder_delivery_lag_seconds_count', { target: 'dm' })).toBe(2);
    expect(valueOf(s, 'preorder_pal_reminder_delivery_lag_seconds_sum', { target: 'dm' })).toBeCloseTo(0.24);
    expect(lag('dm', '0.05')).toBe(1);
    expect(lag('dm', '0.25')).toBe(2);
    // Two hours late is past the last finite bucket (one hour).
    expect(lag('channel', '3600')).toBe(0);
    expect(lag('channel', '+Inf')).toBe(1);

    expect(valueOf(s, 'preorder_pal_reminders_failed_total', { kind: 'now', target: 'dm', reason: 'dm-closed' })).toBe(
      2,
    );
    expect(
      valueOf(s, 'preorder_pal_reminders_failed_total', { kind: 'closing', target: 'moderators', reason: 'poison' }),
    ).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminders_retried_total', { kind: 'now' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminders_missed_total')).toBe(5);
  });

  it('counts rate-limited sends by platform', async () => {
    const metrics = createMetrics();
    metrics.reminderRateLimited({ platform: 'discord' });
    metrics.reminderRateLimited({ platform: 'discord' });
    metrics.reminderRateLimited({ platform: 'slack' });
    const s = await scrape(metrics);
    expect(valueOf(s, 'preorder_pal_reminder_rate_limits_total', { platform: 'discord' })).toBe(2);
    expect(valueOf(s, 'preorder_pal_reminder_rate_limits_total', { platform: 'slack' })).toBe(1);
  });

  it('counts sweeper ticks and claimed reminders and times each tick', async () => {
    const metrics = createMetrics();
    metrics.sweeperTick({ claimed: 0, ms: 1.5 });
    metrics.sweeperTick({ claimed: 4, ms: 20 });
    metrics.sweeperTick({ claimed: 1, ms: 3 });
    const s = await scrape(metrics);

    expect(valueOf(s, 'preorder_pal_reminder_sweeper_ticks_total')).toBe(3);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_claimed_total')).toBe(5);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_tick_seconds_count')).toBe(3);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_tick_seconds_bucket', { le: '0.005' })).toBe(2);
  });

  it('keeps instances apart: each has its own registry and counts', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.remindersMissed(7);
    a.commandObserved({ command: 'preorder help', outcome: 'ok', ms: 1 });
    b.commandObserved({ command: 'preorder help', outcome: 'ok', ms: 1 });
    b.commandObserved({ command: 'preorder help', outcome: 'ok', ms: 1 });
    const [sa, sb] = await Promise.all([scrape(a), scrape(b)]);

    expect(valueOf(sa, 'preorder_pal_reminders_missed_total')).toBe(7);
    expect(valueOf(sb, 'preorder_pal_reminders_missed_total')).toBe(0);
    expect(valueOf(sa, 'preorder_pal_commands_total', { command: 'preorder help', outcome: 'ok' })).toBe(1);
    expect(valueOf(sb, 'preorder_pal_commands_total', { command: 'preorder help', outcome: 'ok' })).toBe(2);
  });

  it('never throws on bad numbers: negatives and NaN are ignored, a negative lag counts as zero', async () => {
    const metrics = createMetrics();
    expect(() => {
      metrics.remindersMissed(-2);
      metrics.remindersMissed(Number.NaN);
      metrics.remindersMissed(0);
      metrics.sweeperTick({ claimed: -1, ms: Number.POSITIVE_INFINITY });
      metrics.commandObserved({ command: 'preorder status', outcome: 'ok', ms: Number.NaN });
      metrics.reminderSent({ kind: 'now', target: 'dm', late: false, lagMs: -500 });
    }).not.toThrow();
    const s = await scrape(metrics);

    expect(valueOf(s, 'preorder_pal_reminders_missed_total')).toBe(0);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_ticks_total')).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_claimed_total')).toBe(0);
    expect(valueOf(s, 'preorder_pal_reminder_sweeper_tick_seconds_count')).toBe(0);
    expect(valueOf(s, 'preorder_pal_commands_total', { command: 'preorder status', outcome: 'ok' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_command_duration_seconds_count', { command: 'preorder status' })).toBeUndefined();
    expect(valueOf(s, 'preorder_pal_reminder_delivery_lag_seconds_bucket', { target: 'dm', le: '0.05' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminder_delivery_lag_seconds_sum', { target: 'dm' })).toBe(0);
  });

  it('keeps label cardinality bounded: free text and values past the cap become "other"', async () => {
    const metrics = createMetrics();
    metrics.commandObserved({ command: 'preorder start "The Salt Road"\n', outcome: 'ok', ms: 1 });
    metrics.commandObserved({ command: '', outcome: 'ok', ms: 1 });
    for (let i = 0; i < MAX_VALUES_PER_LABEL + 5; i++) metrics.reminderRetried({ kind: `kind-${i}` });
    const s = await scrape(metrics);

    expect(valueOf(s, 'preorder_pal_commands_total', { command: 'other', outcome: 'ok' })).toBe(2);
    const retried = s.filter((x) => x.name === 'preorder_pal_reminders_retried_total');
    expect(retried).toHaveLength(MAX_VALUES_PER_LABEL + 1);
    expect(valueOf(s, 'preorder_pal_reminders_retried_total', { kind: 'kind-0' })).toBe(1);
    expect(valueOf(s, 'preorder_pal_reminders_retried_total', { kind: 'other' })).toBe(5);
    // No label value anywhere carries a quote, a newline or a title.
    for (const sample of s) for (const value of Object.values(sample.labels)) expect(value).not.toMatch(/["\n]|Salt/);
  });
});
