import { createInterface } from 'node:readline';
import type { Dispatcher } from '../../app/dispatch.ts';
import type { Actor } from '../../app/ports.ts';
import { formatInstant } from '../../app/reply.ts';
import type { OffsetClock } from '../../infra/clock.ts';
import type { ReminderSweeper } from '../../jobs/reminder-sweeper.ts';
import { parseClockTarget } from './clock-command.ts';
import { consoleText } from './console-text.ts';
import type { Simulation } from './simulation.ts';

/**
 * The console's simulated time: the first /clock switches the console to a simulation on a copy
 * of the database (simulation.ts); from then on /clock moves the clock and sends every reminder
 * on the way.
 */
export interface ConsoleTime {
  clock: OffsetClock;
  /** the community's zone now (a moderator may change it), for reading and showing /clock times */
  zone: () => Promise<string>;
  simulate(): Promise<Pick<Simulation, 'dispatcher' | 'sweeper' | 'notice'> | { refused: string }>;
}

export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  communityName: string;
  /** Shows a prompt, greets and edits lines with history (a terminal); off when stdin is piped. */
  interactive: boolean;
  /** Sends what a command set in motion (the start DM) right after it; none in a console without reminders. */
  sweeper?: Pick<ReminderSweeper, 'drain' | 'nextRunAt'>;
  /** The simulated clock; without it /clock is refused. */
  time?: ConsoleTime;
}

const HOME_USER = 'you';
/** The console's one community, as a platform would name it. */
export const CONSOLE_COMMUNITY_ID = 'local';
const HISTORY_SIZE = 200;

/** The console acts in one local community: `you` moderates it; `/as NAME` speaks as a plain member. */
export function consoleActor(name: string, communityName: string): Actor {
  const isHome = name === HOME_USER;
  return {
    platform: 'console',
    communityExternalId: CONSOLE_COMMUNITY_ID,
    communityName,
    userExternalId: isHome ? HOME_USER : `member:${name.toLowerCase()}`,
    displayName: name,
    platformAdmin: isHome,
    roleIds: [],
  };
}

const CONSOLE_HELP = [
  'Console commands:',
  '  /preorder <command> …   talk to the bot (try /preorder help)',
  '  /as NAME                act as another member (not a moderator); /as you returns',
  '  /clock +3d | /clock ISO a demo: simulate time on a copy of your data; reminders due on the way are shown',
  '  /quit                   leave (end of input works too)',
  'Anything else you type is asked as a question.',
].join('\n');

/** Reads lines one at a time, answers each, and resolves at end of input or /quit. */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { output, communityName, interactive } = options;
  // A terminal gets line editing and history (Up recalls the last command); a pipe, plain lines.
  const rl = createInterface({
    input: options.input,
    output,
    terminal: interactive,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  let actor = consoleActor(HOME_USER, communityName);
  let dispatcher = options.dispatcher;
  let sweeper = options.sweeper;
  let simulating = false;
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(`${actor.displayName}> `);
    rl.prompt();
  };
  /** The first /clock: the console moves onto a copy of the database (see simulation.ts). */
  const simulate = async (time: ConsoleTime): Promise<string | null> => {
    if (simulating) return null;
    const started = await time.simulate();
    if ('refused' in started) return started.refused;
    ({ dispatcher, sweeper } = started);
    simulating = true;
    write(started.notice);
    return null;
  };

  if (interactive) write(CONSOLE_HELP);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    if (line === '/quit' || line === '/exit') break;
    const as = /^\/as(?:\s+(.+))?$/i.exec(line);
    if (as) {
      const name = as[1]?.trim();
      if (!name || !/^[\w .'-]{1,40}$/.test(name)) {
        write("✗ /as needs a name of up to 40 letters, digits, spaces or . ' -, e.g. /as Sam");
      } else {
        actor = consoleActor(name, communityName);
        write(`Now acting as ${actor.displayName}${actor.platformAdmin ? ' (moderator)' : ''}.`);
      }
    } else if (/^\/clock\b/i.test(line)) {
      write(await moveClock(options.time, line.slice('/clock'.length).trim(), simulate, () => sweeper));
    } else if (line === '/help') {
      write(CONSOLE_HELP);
    } else if (line.startsWith('/preorder')) {
      write(consoleText(await dispatcher.dispatchText(actor, line)));
    } else if (line.startsWith('/')) {
      write(`✗ Unknown console command ${line.split(/\s/)[0]}.\n${CONSOLE_HELP}`);
    } else {
      write(
        consoleText(await dispatcher.dispatch(actor, { group: 'preorder', name: 'ask', args: { question: line } })),
      );
    }
    // What a command set in motion (the start DM, a "now on pre-order" post) shows right after it.
    await sweeper?.drain();
    write('');
    prompt();
  }
  rl.close();
}

const MAX_CLOCK_STEPS = 10_000;

/**
 * Steps the clock from one due reminder to the next, so each is sent on time, not as a late pile.
 * A valid /clock first starts the simulation; a refused one changes nothing, not even that.
 */
async function moveClock(
  time: ConsoleTime | undefined,
  arg: string,
  simulate: (time: ConsoleTime) => Promise<string | null>,
  current: () => Pick<ReminderSweeper, 'drain' | 'nextRunAt'> | undefined,
): Promise<string> {
  if (!time) return '✗ The simulated clock needs reminders, which are not running in this console.';
  const zone = await time.zone();
  const now = () => formatInstant(time.clock.now(), zone);
  const target = arg === '' ? null : parseClockTarget(arg, time.clock.now(), zone);
  if (target && !target.ok) return `✗ ${target.error.message}`;
  const refused = await simulate(time);
  if (refused) return refused;
  if (!target) return `Simulated time: ${now()}. Move it with /clock +2h, /clock +3d or /clock 2027-03-10T09:00.`;
  const sweeper = current()!;
  for (let step = 0; step < MAX_CLOCK_STEPS; step++) {
    const next = await sweeper.nextRunAt();
    if (!next || next.getTime() > target.value.getTime()) break;
    time.clock.moveTo(next);
    await sweeper.drain();
  }
  time.clock.moveTo(target.value);
  await sweeper.drain();
  return `🕒 Simulated time is now ${now()}.`;
}
