import { describe, expect, it } from 'vitest';
import { buildCommandJson, commandHash, NATIVE_KINDS } from '../../../../src/adapters/discord/command-json.ts';
import { decodeCustomId, encodeCustomId } from '../../../../src/adapters/discord/custom-id.ts';
import { OPTION_KINDS } from '../../../../src/app/commands/option-kinds.ts';
import { COMMANDS } from '../../../../src/app/commands/registry.ts';
import { MILESTONE_IDS } from '../../../../src/core/types.ts';

// Discord's numbers: 1 = subcommand, 3 = string, 7 = channel; 32 = Manage Server.
const SUBCOMMAND = 1;
const STRING = 3;
const CHANNEL = 7;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Discord command JSON generated from the specs', () => {
  const json = buildCommandJson() as Json[];
  const group = (name: string) => json.find((c) => c.name === name)!;

  it('has one top-level command per group and a subcommand for every spec', () => {
    expect(json.map((c) => c.name)).toEqual(['preorder', 'preorder-admin']);
    const generated = json.flatMap((c) => c.options.map((o: Json) => `${c.name} ${o.name}`));
    // Grouped by top-level command, each in the specs' order.
    const byGroup = [...COMMANDS].sort((a, b) => Number(a.group !== 'preorder') - Number(b.group !== 'preorder'));
    expect(generated).toEqual(byGroup.map((s) => `${s.group} ${s.name}`));
    for (const command of json) {
      expect(command.type).toBe(1);
      expect(command.options.every((o: Json) => o.type === SUBCOMMAND)).toBe(true);
    }
  });

  it('keeps every option of every spec, typed, with required options first', () => {
    for (const spec of COMMANDS) {
      const sub = group(spec.group).options.find((o: Json) => o.name === spec.name);
      expect(sub.description).toBe(spec.description.slice(0, 100));
      const names = sub.options.map((o: Json) => o.name);
      expect([...names].sort()).toEqual(spec.options.map((o) => o.name).sort());
      const required = sub.options.map((o: Json) => o.required);
      // No optional option before a required one (Discord refuses that order).
      expect(required).toEqual([...required].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      for (const option of spec.options) {
        const generated = sub.options.find((o: Json) => o.name === option.name);
        expect(generated.required).toBe(option.required ?? false);
        expect(generated.type).toBe(NATIVE_KINDS[option.kind]?.type ?? STRING);
      }
    }
    const done = group('preorder').options.find((o: Json) => o.name === 'done');
    // confirm:yes answers the question an early kdp-publish asks (issue 12).
    expect(done.options.map((o: Json) => o.name)).toEqual(['milestone', 'campaign', 'confirm']);
  });

  it('offers choices for marketplace, printer, toggle and snooze, and autocomplete for the looked-up kinds', () => {
    const start = group('preorder').options.find((o: Json) => o.name === 'start');
    const option = (sub: Json, name: string) => sub.options.find((o: Json) => o.name === name);
    expect(option(start, 'marketplace').choices).toEqual([
      { name: 'Amazon US (amazon.com)', value: 'US' },
      { name: 'Amazon UK (amazon.co.uk)', value: 'UK' },
    ]);
    expect(option(start, 'printer').choices.find((c: Json) => c.value === 'ingramspark').name).toBe('IngramSpark');
    expect(option(start, 'printer').choices.map((c: Json) => c.value)).toEqual([...OPTION_KINDS.printer.choices]);
    const settings = group('preorder').options.find((o: Json) => o.name === 'settings');
    expect(option(settings, 'dms').choices.map((c: Json) => c.value)).toEqual(['on', 'off']);
    const snooze = group('preorder').options.find((o: Json) => o.name === 'snooze');
    expect(option(snooze, 'for').choices.map((c: Json) => c.value)).toEqual(['1h', '3h', 'tomorrow']);

    const autocompleted = json.flatMap((c) =>
      c.options.flatMap((s: Json) => s.options.filter((o: Json) => o.autocomplete).map((o: Json) => o.name)),
    );
    expect(new Set(autocompleted)).toEqual(new Set(['timezone', 'campaign', 'milestone', 'topic']));
    // Discord refuses an option with both choices and autocomplete.
    for (const sub of json.flatMap((c) => c.options)) {
      for (const o of sub.options) expect(Boolean(o.autocomplete && o.choices)).toBe(false);
    }
  });

  it('gives pickers and number fields to the kinds Discord has them for, and names only real kinds', () => {
    expect(NATIVE_KINDS.channel!.type).toBe(CHANNEL);
    for (const kind of Object.keys(NATIVE_KINDS)) expect(Object.keys(OPTION_KINDS)).toContain(kind);
    const numbers = json.flatMap((c) => c.options.flatMap((s: Json) => s.options.filter((o: Json) => o.type === 4)));
    for (const option of numbers) expect(option.min_value).toBeGreaterThanOrEqual(0);
    for (const sub of json.flatMap((c) => c.options)) {
      for (const o of sub.options) expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
    }
  });

  it('hides /preorder-admin behind Manage Server and keeps both groups to servers', () => {
    expect(group('preorder-admin').default_member_permissions).toBe('32');
    expect(group('preorder').default_member_permissions).toBeNull();
    for (const command of json) expect(command.contexts).toEqual([0]);
  });

  it("stays within Discord's limits on names and descriptions", () => {
    for (const command of json) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const sub of command.options) {
        expect(sub.name).toMatch(/^[a-z0-9_-]{1,32}$/);
        expect(sub.description.length).toBeLessThanOrEqual(100);
        expect(sub.options.length).toBeLessThanOrEqual(25);
        for (const o of sub.options) {
          expect(o.name).toMatch(/^[a-z0-9_-]{1,32}$/);
          expect(o.description.length).toBeGreaterThan(0);
          expect(o.description.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('hashes the same specs the same way and a change differently', () => {
    expect(commandHash(buildCommandJson())).toBe(commandHash(json as never));
    const fewer = buildCommandJson(COMMANDS.filter((c) => c.name !== 'help'));
    expect(commandHash(fewer)).not.toBe(commandHash(json as never));
  });
});

describe('button custom ids', () => {
  const uuid = '0d4f6f3e-8a8b-4c1e-9f6d-2b7c5a1e3d90';

  it('carries every reminder command in 100 characters, the longest included', () => {
    for (const id of MILESTONE_IDS) {
      const command = `/preorder snooze ${id} campaign:${uuid} for:tomorrow`;
      const encoded = encodeCustomId(command)!;
      expect(encoded.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(encoded)).toBe(command);
    }
  });

  it('writes a longer command compactly and reads it back', () => {
    const command = `/preorder snooze ingram-preorder-setup campaign:${uuid} for:tomorrow and-some-more-text`;
    const encoded = encodeCustomId(command)!;
    expect(encoded.length).toBeLessThanOrEqual(100);
    expect(encoded.startsWith('~')).toBe(true);
    expect(decodeCustomId(encoded)).toBe(command);
    expect(encodeCustomId(`/preorder ask ${'x'.repeat(200)}`)).toBeNull();
  });
});
