import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';

/**
 * The door in front of Bolt's HTTP receiver on `POST /slack/events`. Bolt 5.1 throws outside any
 * handler when a correctly signed body is `null` (JSON, or `payload=null`), and it accepts
 * timestamps from the future. Here every request is read once (Bolt reuses the buffered body),
 * its signature checked and its age bounded both ways (401), and only a JSON object of a shape
 * Slack sends reaches Bolt (400 otherwise). Other paths (the OAuth pages) pass straight through.
 */
export interface RequestGateOptions {
  signingSecret: string;
  /** The events endpoint, `/slack/events`. */
  path: string;
  /** Larger bodies get 413 (Bolt's own default is 4 MB). */
  bodyLimit: number;
  log: (fields: Record<string, unknown>, message: string) => void;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** Slack's replay window: a request signed more than five minutes away from now, either way, is refused. */
const MAX_SKEW_S = 5 * 60;
/** Block Kit payloads nest about a dozen levels; a body nested deeper than this is not Slack's. */
const MAX_DEPTH = 64;
const FORM = 'application/x-www-form-urlencoded';

type Verdict = { pass: true } | { pass: false; status: 400 | 401 | 413; reason: string };

export function guardSlackRequests(bolt: RequestListener, options: RequestGateOptions): RequestListener {
  return (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== options.path) {
      bolt(req, res);
      return;
    }
    void check(req, options).then(
      (verdict) => {
        if (verdict.pass) {
          bolt(req, res);
          return;
        }
        options.log({ status: verdict.status, reason: verdict.reason }, 'refused a request to /slack/events');
        answer(res, verdict.status);
      },
      (error: unknown) => {
        options.log({ error: (error as Error)?.message }, 'could not read a request to /slack/events');
        answer(res, 400);
      },
    );
  };
}

function pathOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  // After a body too large to read, the rest of it is still on the wire: this connection is done.
  res.writeHead(status, status === 413 ? { connection: 'close' } : {}).end();
}

async function check(req: IncomingMessage, options: RequestGateOptions): Promise<Verdict> {
  const body = await readBody(req, options.bodyLimit);
  if (body === null) return { pass: false, status: 413, reason: `body over ${options.bodyLimit} bytes` };
  // Bolt reads `rawBody` when it is already a Buffer instead of the (now consumed) stream.
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  const text = body.toString('utf8');
  const form = req.headers['content-type'] === FORM;
  // Slack's SSL check is unsigned; Bolt answers it and drops anything else the body carries.
  if (form && parseQuery(text).ssl_check === '1') return { pass: true };

  const signed = verifySignature(req, text, options);
  if (signed !== true) return { pass: false, status: 401, reason: signed };
  const shape = checkShape(text, form);
  return shape === true ? { pass: true } : { pass: false, status: 400, reason: shape };
}

/** Reads the whole body, or returns null as soon as it is over the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function verifySignature(req: IncomingMessage, body: string, options: RequestGateOptions): true | string {
  const signature = req.headers['x-slack-signature'];
  const stamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof stamp !== 'string') return 'missing signature headers';
  const timestamp = Number(stamp);
  if (!/^\d{1,12}$/.test(stamp) || !Number.isSafeInteger(timestamp)) return 'malformed timestamp';
  const nowMs = (options.now ?? Date.now)();
  const skew = timestamp - Math.floor(nowMs / 1000);
  if (skew > MAX_SKEW_S) return 'timestamp more than 5 minutes in the future';
  if (skew < -MAX_SKEW_S) return 'timestamp more than 5 minutes old';
  const valid = isValidSlackRequest({
    signingSecret: options.signingSecret,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    nowMilliseconds: nowMs,
  });
  return valid ? true : 'bad signature';
}

/**
 * What Bolt will parse (a form's `payload` JSON, another form as is, anything else as JSON) must
 * be an object that is a slash command (`command`), an event or an interaction (`type`).
 */
function checkShape(text: string, form: boolean): true | string {
  if (text.trim() === '') return 'empty body';
  let json: string | null = text;
  if (form) {
    const fields = parseQuery(text);
    if (fields.payload === undefined) {
      return typeof fields.command === 'string' ? true : 'a form that is neither a command nor a payload';
    }
    if (typeof fields.payload !== 'string') return 'payload given more than once';
    json = fields.payload;
  }
  if (nestingDepth(json) > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`;
  }
  const record = value as Record<string, unknown>;
  return typeof record.type === 'string' || typeof record.command === 'string'
    ? true
    : 'an object with neither type nor command';
}

/** The deepest nesting of [ and { outside strings, in one pass (before JSON.parse sees it). */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
