import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../../src/adapters/console/console-chat.ts';
import type { Dispatcher, Invocation } from '../../../../src/app/dispatch.ts';
import { reply } from '../../../../src/app/reply.ts';

/** Records what the console asked of the dispatcher; answers each with a one-line reply. */
function recordingDispatcher() {
  const typed: string[] = [];
  const asked: unknown[] = [];
  const dispatcher = {
    dispatchText: async (_actor: unknown, line: string) => {
      typed.push(line);
      return reply({ title: `ran ${line}` });
    },
    dispatch: async (_actor: unknown, invocation: Invocation) => {
      asked.push(invocation.args.question);
      return reply({ title: 'answered' });
    },
  } as unknown as Dispatcher;
  return { dispatcher, typed, asked };
}

async function chat(interactive: boolean, keys: string) {
  const d = recordingDispatcher();
  const input = new PassThrough();
  const printed: string[] = [];
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed.push(String(chunk));
      done();
    },
  });
  const running = runConsoleChat({ dispatcher: d.dispatcher, input, output, communityName: 'Test', interactive });
  input.end(keys);
  await running;
  return { ...d, printed: printed.join('') };
}

const UP = '\x1b[A';

describe('the console line editor', () => {
  it('on a terminal, Up recalls the last command and the line can be edited', async () => {
    const { typed, asked } = await chat(true, `/preorder status\r${UP}\r/preorder helq\x7fp\r`);
    expect(typed).toEqual(['/preorder status', '/preorder status', '/preorder help']);
    expect(asked).toEqual([]);
  });

  it('from a pipe, lines are read as they are, with no prompt', async () => {
    const { typed, asked, printed } = await chat(false, `/preorder status\n${UP}\n`);
    expect(typed).toEqual(['/preorder status']);
    expect(asked).toEqual([UP]);
    expect(printed).not.toContain('you> ');
  });
});
