import { createInterface } from 'node:readline';
import type { Dispatcher } from '../../app/dispatch.ts';
import type { Actor } from '../../app/ports.ts';

export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  communityName: string;
  /** Shows a prompt and greets; off when stdin is piped so scripts read only answers. */
  interactive: boolean;
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
    } else if (line === '/help') {
      write(CONSOLE_HELP);
    } else if (line.startsWith('/preorder')) {
      write((await dispatcher.dispatchText(actor, line)).fallback);
    } else if (line.startsWith('/')) {
      write(`✗ Unknown console command ${line.split(/\s/)[0]}.\n${CONSOLE_HELP}`);
    } else {
      write((await dispatcher.dispatch(actor, { group: 'preorder', name: 'ask', args: { question: line } })).fallback);
    }
    write('');
    prompt();
  }
  rl.close();
}
