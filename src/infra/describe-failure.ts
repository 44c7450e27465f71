/**
 * A thrown value in words for a person reading the console or a log line. PGlite's file system
 * layer (Emscripten) throws `ErrnoError` objects with a number and no message, which printed as
 * "undefined"; Node's own file errors carry a code. Both become what went wrong: "no space left
 * on the device", "permission denied".
 */

/** Emscripten numbers its errors as WASI does; only the ones a database folder can meet are named. */
const WASI_ERRNO: Record<number, string> = {
  2: 'permission denied',
  6: 'resource temporarily unavailable',
  10: 'the file is busy',
  19: 'disk quota exceeded',
  20: 'a file already exists there',
  29: 'input/output error (a failing disk?)',
  31: 'it is a directory',
  33: 'too many open files',
  37: 'the file name is too long',
  41: 'too many open files in the system',
  44: 'no such file or directory',
  48: 'out of memory',
  51: 'no space left on the device',
  54: 'not a directory',
  55: 'the directory is not empty',
  63: 'operation not permitted',
  69: 'read-only file system',
};

const NODE_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENOTDIR: 'not a directory',
  EISDIR: 'it is a directory',
  ENOENT: 'no such file or directory',
  EIO: 'input/output error (a failing disk?)',
  EMFILE: 'too many open files',
  ENOMEM: 'out of memory',
};

export function describeFailure(error: unknown): string {
  if (error === null || error === undefined) return 'an unknown error (nothing was thrown with it)';
  if (typeof error === 'function') return `a function was thrown (${error.name || 'anonymous'})`;
  if (typeof error === 'symbol') return error.toString();
  if (typeof error === 'string' || typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint')
    return String(error);
  if (typeof error !== 'object') return 'an unknown error';
  const { message, code, errno, name } = error as {
    message?: unknown;
    code?: unknown;
    errno?: unknown;
    name?: unknown;
  };
  if (typeof code === 'string' && NODE_CODES[code]) {
    return typeof message === 'string' && message ? `${NODE_CODES[code]} (${message})` : NODE_CODES[code];
  }
  if (typeof message === 'string' && message.trim() !== '') return message;
  if (typeof errno === 'number') {
    return WASI_ERRNO[errno] ?? `system error number ${errno}${typeof name === 'string' ? ` (${name})` : ''}`;
  }
  if (typeof code === 'string') return code;
  return typeof name === 'string' && name ? name : 'an unknown error';
}
