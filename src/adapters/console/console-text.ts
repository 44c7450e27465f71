import { renderPlainText, type Reply } from '../../app/reply.ts';

/**
 * A reply as the console prints it: the plain-text fallback, with each file named once, by the
 * path it was saved to (the fallback's own file lines name no path, so they are left out here).
 */
export function consoleText(reply: Reply): string {
  if (reply.files.length === 0) return reply.fallback;
  const body = renderPlainText({ ...reply, files: [] });
  return [body, ...reply.files.map((file) => `📎 ${file.name} saved to ${file.path}`)].join('\n');
}
