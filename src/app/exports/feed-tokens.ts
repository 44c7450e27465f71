import { randomBytes } from 'node:crypto';
import { sha256Hex } from './ics-text.ts';

/** 256 random bits, URL-safe: the link is the only secret, so it must not be guessable. */
export const newFeedToken = (): string => randomBytes(32).toString('base64url');

/** Only this is stored: a database leak reveals no working link. */
export const feedTokenHash = (token: string): string => sha256Hex(token);

/** base64url of 32 bytes is 43 characters; anything else is refused before the database is asked. */
export const looksLikeFeedToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export const FEED_PATH_PREFIX = '/calendar/';

export function feedUrls(base: string, token: string): { https: string; webcal: string } {
  const url = `${base.replace(/\/+$/, '')}${FEED_PATH_PREFIX}${token}.ics`;
  return { https: url, webcal: url.replace(/^https?:\/\//, 'webcal://') };
}
