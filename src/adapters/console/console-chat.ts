import { createInterface } from 'node:readline';
import type { Dispatcher } from '../../app/dispatch.ts';
import type { Actor } from '../../app/ports.ts';
import { formatInstant } from '../../app/render-text.ts';
import type { OffsetClock } from '../../infra/clock.ts';
import type { ReminderSweeper } from '../../jobs/reminder-sweeper.ts';
import { parseClockTarget } from './clock-command.ts';
import { consoleText } from './console-text.ts';

/** The console's simulated time: `/clock` moves it and runs the sweeper through every reminder on the way. */
export interface ConsoleTime {
  clock: OffsetClock;
  sweeper: ReminderSweeper;
  zone: string;
}

export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  communityName: string;
  /** Shows a prompt and greets; off when stdin is piped so scripts read only answers. */
  interactive: boolean;
  /** Reminders and the simulated clock; without it the console only answers commands. */
  time?: ConsoleTime;
}

const HOME_USER = 'you';

/** The console acts in one local community: `you` moderates it; `/as NAME` speaks as a plain member. */
export function consoleActor(name: string, communityName: string): Actor {
  const isHome = name === HOME_USER;
  return {
    platform: 'console',
    communityExternalId: 'local',
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
  '  /clock +3d | /clock ISO move the simulated clock forward; reminders due on the way are sent',
  '  /quit                   leave (end of input works too)',
  'Anything else you type is asked as a question.',
].join('\n');

/** Reads lines one at a time, answers each, and resolves at end of input or /quit. */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { dispatcher, output, communityName, interactive } = options;
  const rl = createInterface({ input: options.input, terminal: false });
  let actor = consoleActor(HOME_USER, communityName);
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (interactive) output.write(`${actor.displayName}> `);
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
      write(await moveClock(options.time, line.slice('/clock'.length).trim()));
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
    await options.time?.sweeper.drain();
    write('');
    prompt();
  }
  rl.close();
}

const MAX_CLOCK_STEPS = 10_000;

/** Steps the clock from one due reminder to the next, so each is sent on time, not as a late pile. */
async function moveClock(time: ConsoleTime | undefined, arg: string): Promise<string> {
  if (!time) return '✗ The simulated clock needs reminders, which are not running in this console.';
  const now = () => formatInstant(time.clock.now(), time.zone);
  if (arg === '') return `Simulated time: ${now()}. Move it with /clock +2h, /clock +3d or /clock 2027-03-10T09:00.`;
  const target = parseClockTarget(arg, time.clock.now(), time.zone);
  if (!target.ok) return `✗ ${target.error.message}`;
  for (let step = 0; step < MAX_CLOCK_STEPS; step++) {
    const next = await time.sweeper.nextRunAt();
    if (!next || next.getTime() > target.value.getTime()) break;
    time.clock.moveTo(next);
    await time.sweeper.drain();
  }
  time.clock.moveTo(target.value);
  await time.sweeper.drain();
  return `🕒 Simulated time is now ${now()}.`;
}
