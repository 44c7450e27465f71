import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * How `npm start` runs TypeScript: `node --import tsx`, one process (the tsx binary would forward
 * to a child, and a SIGKILL sent to it would spare the real bot). The loader is named by path
 * because the tests also run the bot from other working directories.
 */
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
export const nodeWithTsx = (script: string, ...args: string[]): [string, string[]] => [
  process.execPath,
  ['--import', TSX_LOADER, script, ...args],
];

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion with the given stdin, bounded by a timeout so a hang fails the test. */
export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...cleanEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface LiveProcess {
  readonly pid: number;
  write(line: string): void;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Everything printed on stderr (the logs) so far. */
  logs(): string;
  /** Closes stdin, as when input is piped from a finished program or absent under a supervisor. */
  endInput(): void;
  /** Resolves once stdout contains `text`; fails with what was printed after a minute. */
  waitFor(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a long-running program that a test talks to line by line, then signals. */
export function start(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): LiveProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...cleanEnv(), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    pid: child.pid!,
    write: (line) => child.stdin.write(`${line}\n`),
    output: () => stdout,
    logs: () => stderr,
    endInput: () => child.stdin.end(),
    kill: (signal) => child.kill(signal),
    exited: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal }))),
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = setInterval(() => {
          if (stdout.includes(text)) {
            clearInterval(check);
            resolve();
          } else if (Date.now() - started > 60_000) {
            clearInterval(check);
            reject(new Error(`no "${text}" in:\n${stdout}`));
          }
        }, 25);
      }),
  };
}

/** The parent's environment without the variables the bot reads, so a developer's .env can't leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'DISCORD_TOKEN',
    'DISCORD_APPLICATION_ID',
    'DISCORD_GUILD_ID',
    'DISCORD_API_URL',
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'SLACK_API_URL',
    'PORT',
    'HEALTH_PORT',
    'LOG_LEVEL',
    'LOG_FORMAT',
    'DEFAULT_TIMEZONE',
    'NODE_OPTIONS',
  ]) {
    delete env[key];
  }
  // The calendar feeds' server: any free port, so processes started side by side never collide.
  env.PORT = '0';
  return env;
}
