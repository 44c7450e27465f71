import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for the bot. Each `createMetrics()` owns a private registry (never
 * prom-client's global one), so tests and several bots in one process never collide.
 * Callers see only the typed recording methods below; no prom-client type leaks out.
 *
 * Labels carry bounded vocabularies only (command names, outcome codes, reminder kinds, targets,
 * reasons); never user text, ids or titles. As a backstop, a label value that doesn't look like a
 * vocabulary word, or one past the first {@link MAX_VALUES_PER_LABEL} distinct values of a label,
 * is recorded as `other`. Recording never throws: a negative or non-finite number is ignored or
 * clamped, so a metrics slip can't break a command or a reminder.
 */

export interface ReminderOutcome {
  kind: string;
  target: 'dm' | 'channel' | 'moderators';
  late: boolean;
  lagMs: number;
}

export type ReminderFailureReason = 'transient-exhausted' | 'dm-closed' | 'permanent' | 'poison';

export interface Metrics {
  /** one command through the dispatcher: outcome is 'ok', 'crash', or a UserError code like 'invalid'/'forbidden' */
  commandObserved(event: { command: string; outcome: string; ms: number }): void;
  /** a reminder delivered; `late` when it went out after its window, `lagMs` after its due time */
  reminderSent(event: ReminderOutcome): void;
  /** a reminder given up on */
  reminderFailed(event: { kind: string; target: string; reason: ReminderFailureReason }): void;
  /** a delivery attempt that failed transiently and will be tried again */
  reminderRetried(event: { kind: string }): void;
  /** a send a platform refused for its rate limit; the reminder waits, its attempts untouched */
  reminderRateLimited(event: { platform: string }): void;
  /** reminders missed while the bot was offline, folded into one "missed while offline" summary */
  remindersMissed(count: number): void;
  /** one pass of the reminder sweeper: how many reminders it claimed and how long it took */
  sweeperTick(event: { claimed: number; ms: number }): void;
  /** text exposition for /metrics */
  render(): Promise<{ contentType: string; body: string }>;
}

const PREFIX = 'preorder_pal_';

/** Distinct values a label may take before further new values are recorded as `other`. */
export const MAX_VALUES_PER_LABEL = 100;

/** Seconds; commands take about 1 ms (`ask`) to a few seconds (a slow database). */
const COMMAND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Seconds; a reminder goes out within a sweep (well under a second) up to an hour late after an outage. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
/** Seconds; one sweep claims and sends a batch. */
const SWEEP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const VOCABULARY_WORD = /^[A-Za-z0-9][A-Za-z0-9 _.:-]{0,63}$/;

/** Keeps one label's cardinality bounded whatever callers pass. */
class BoundedLabel {
  private readonly seen = new Set<string>();

  value(raw: string): string {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!VOCABULARY_WORD.test(value)) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= MAX_VALUES_PER_LABEL) return 'other';
    this.seen.add(value);
    return value;
  }
}

/** Milliseconds to seconds, or undefined for a value that can't be observed. */
function seconds(ms: number): number | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  return Math.max(0, ms) / 1000;
}

/** A count to add to a counter, or 0 for nothing. */
function count(n: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** How commands fare. */
function commandInstruments(registers: Registry[]) {
  const commands = new Counter({
    name: `${PREFIX}commands_total`,
    help: 'Commands handled by the dispatcher, by command and outcome (ok, crash, or the user error code).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const commandDuration = new Histogram({
    name: `${PREFIX}command_duration_seconds`,
    help: 'Time from dispatch to reply, by command.',
    labelNames: ['command'] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  return { commands, commandDuration };
}

/** How reminders fare on their way out. */
function reminderInstruments(registers: Registry[]) {
  const remindersSent = new Counter({
    name: `${PREFIX}reminders_sent_total`,
    help: 'Reminders delivered, by kind, target and whether they went out late.',
    labelNames: ['kind', 'target', 'late'] as const,
    registers,
  });
  const remindersLate = new Counter({
    name: `${PREFIX}reminders_late_total`,
    help: 'Reminders delivered late, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  const deliveryLag = new Histogram({
    name: `${PREFIX}reminder_delivery_lag_seconds`,
    help: 'Time from a reminder falling due to its delivery, by target.',
    labelNames: ['target'] as const,
    buckets: LAG_BUCKETS,
    registers,
  });
  const remindersFailed = new Counter({
    name: `${PREFIX}reminders_failed_total`,
    help: 'Reminders given up on, by kind, target and reason.',
    labelNames: ['kind', 'target', 'reason'] as const,
    registers,
  });
  const remindersRetried = new Counter({
    name: `${PREFIX}reminders_retried_total`,
    help: 'Reminder deliveries that failed transiently and were scheduled again, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: `${PREFIX}reminder_rate_limits_total`,
    help: 'Reminder sends a platform refused for its rate limit (they wait for it to reset; not a failed attempt), by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const remindersMissed = new Counter({
    name: `${PREFIX}reminders_missed_total`,
    help: 'Reminders missed while the bot was offline and folded into a "missed while offline" summary.',
    registers,
  });
  return { remindersSent, remindersLate, deliveryLag, remindersFailed, remindersRetried, rateLimited, remindersMissed };
}

/** How the sweeper keeps up. */
function sweeperInstruments(registers: Registry[]) {
  const sweeperTicks = new Counter({
    name: `${PREFIX}reminder_sweeper_ticks_total`,
    help: 'Passes of the reminder sweeper.',
    registers,
  });
  const sweeperClaimed = new Counter({
    name: `${PREFIX}reminder_sweeper_claimed_total`,
    help: 'Reminders claimed by the sweeper for delivery.',
    registers,
  });
  const sweeperTickDuration = new Histogram({
    name: `${PREFIX}reminder_sweeper_tick_seconds`,
    help: 'Duration of one reminder sweeper pass.',
    buckets: SWEEP_BUCKETS,
    registers,
  });
  return { sweeperTicks, sweeperClaimed, sweeperTickDuration };
}

export function createMetrics(): Metrics {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const registers = [register];

  const label = {
    command: new BoundedLabel(),
    outcome: new BoundedLabel(),
    kind: new BoundedLabel(),
    target: new BoundedLabel(),
    reason: new BoundedLabel(),
    platform: new BoundedLabel(),
  };
  const { commands, commandDuration } = commandInstruments(registers);
  const { remindersSent, remindersLate, deliveryLag, remindersFailed, remindersRetried, rateLimited, remindersMissed } =
    reminderInstruments(registers);
  const { sweeperTicks, sweeperClaimed, sweeperTickDuration } = sweeperInstruments(registers);

  return {
    commandObserved({ command, outcome, ms }) {
      const name = label.command.value(command);
      commands.inc({ command: name, outcome: label.outcome.value(outcome) });
      const s = seconds(ms);
      if (s !== undefined) commandDuration.observe({ command: name }, s);
    },

    reminderSent({ kind, target, late, lagMs }) {
      const k = label.kind.value(kind);
      const t = label.target.value(target);
      remindersSent.inc({ kind: k, target: t, late: late ? 'true' : 'false' });
      if (late) remindersLate.inc({ kind: k });
      const s = seconds(lagMs);
      if (s !== undefined) deliveryLag.observe({ target: t }, s);
    },

    reminderFailed({ kind, target, reason }) {
      remindersFailed.inc({
        kind: label.kind.value(kind),
        target: label.target.value(target),
        reason: label.reason.value(reason),
      });
    },

    reminderRetried({ kind }) {
      remindersRetried.inc({ kind: label.kind.value(kind) });
    },

    reminderRateLimited({ platform }) {
      rateLimited.inc({ platform: label.platform.value(platform) });
    },

    remindersMissed(n) {
      const c = count(n);
      if (c > 0) remindersMissed.inc(c);
    },

    sweeperTick({ claimed, ms }) {
      sweeperTicks.inc();
      const c = count(claimed);
      if (c > 0) sweeperClaimed.inc(c);
      const s = seconds(ms);
      if (s !== undefined) sweeperTickDuration.observe(s);
    },

    async render() {
      return { contentType: register.contentType, body: await register.metrics() };
    },
  };
}
