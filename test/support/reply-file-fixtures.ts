import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type Reply, type ReplyAction, type ReplyFile } from '../../src/app/reply.ts';

/** A CSV and a small "PNG" written to a temporary folder, as the outbox would hold them. */
export async function sampleFiles(): Promise<{ files: ReplyFile[]; bytes: Map<string, Buffer> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-reply-files-'));
  const csv = Buffer.from('member,title\r\nalice,"The Salt Road"\r\n', 'utf8');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const files: ReplyFile[] = [
    { name: 'campaigns.csv', path: join(dir, 'campaigns.csv'), contentType: 'text/csv', description: 'All campaigns' },
    { name: 'timeline.png', path: join(dir, 'timeline.png'), contentType: 'image/png', description: 'The timeline' },
  ];
  await writeFile(files[0]!.path, csv);
  await writeFile(files[1]!.path, png);
  return {
    files,
    bytes: new Map([
      ['campaigns.csv', csv],
      ['timeline.png', png],
    ]),
  };
}

export const fileReply = (files: ReplyFile[]): Reply =>
  reply({ tone: 'success', title: 'Your export is ready', lines: ['Two files.'], files });

/** The one-tap log of the daily check: a button whose form asks for both figures. */
export const logAction = (campaignId: string): ReplyAction => ({
  id: 'log',
  label: "Log today's numbers",
  command: `/preorder log campaign:${campaignId}`,
  form: {
    title: "Log today's numbers",
    fields: [
      { name: 'orders', label: 'Customer orders', placeholder: 'the total Advantage shows', required: true },
      { name: 'pos', label: 'Units on purchase orders', required: true, value: '0' },
    ],
  },
});

export const formReply = (campaignId: string): Reply =>
  reply({ title: 'Status', lines: ['Log your numbers.'], actions: [logAction(campaignId)] });

/** Resolves once `check` holds, polling (deletion after a send is best effort and asynchronous). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
