import { Routes, type REST } from 'discord.js';
import type { Clock, PlatformStateStore } from '../../app/ports.ts';
import { buildCommandJson, commandHash, type CommandJson } from './command-json.ts';

export interface RegistrationTarget {
  applicationId: string;
  /** Registers to this one server (instant, for development); otherwise globally. */
  guildId?: string | undefined;
}

export interface RegistrationResult {
  registered: boolean;
  scope: string;
  commands: number;
  hash: string;
}

/** Where the hash of what was last registered is kept, per application and scope. */
export const hashKey = (target: RegistrationTarget): string =>
  `discord:commands-hash:${target.applicationId}:${target.guildId ?? 'global'}`;

const scopeOf = (target: RegistrationTarget) => (target.guildId ? `server ${target.guildId}` : 'global');

/** Overwrites the application's commands (one bulk PUT) with the generated set. */
export async function putCommands(rest: REST, target: RegistrationTarget, json: CommandJson): Promise<void> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body: json });
}

/**
 * Registers the commands when their JSON differs from what was last registered for this target
 * (or always, with `force`), then records the new hash. A failed PUT records nothing, so the next
 * boot tries again.
 */
export async function registerCommands(options: {
  rest: REST;
  target: RegistrationTarget;
  state: PlatformStateStore;
  clock: Clock;
  force?: boolean;
  json?: CommandJson;
}): Promise<RegistrationResult> {
  const json = options.json ?? buildCommandJson();
  const hash = commandHash(json);
  const key = hashKey(options.target);
  const result = { scope: scopeOf(options.target), commands: json.length, hash };
  if (!options.force && (await options.state.get(key)) === hash) return { registered: false, ...result };
  await putCommands(options.rest, options.target, json);
  await options.state.set(key, hash, options.clock.now());
  return { registered: true, ...result };
}
