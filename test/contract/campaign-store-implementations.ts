import { afterAll, beforeAll, describe, expect } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import type { Isbn } from '../../src/core/isbn.ts';
import type { AuditInput, CampaignRecord, CampaignState, CommunityRecord, MemberRecord } from '../../src/app/ports.ts';
import type { CampaignStore, NewCampaign } from '../../src/app/campaigns/ports.ts';
import { PrismaCampaignStore } from '../../src/infra/db/campaign-store.ts';
import { testBackends } from '../support/databases.ts';
import { MemoryCampaignStore } from '../support/memory-campaign-store.ts';

/**
 * The CampaignStore implementations the contract suites run against: the in-memory fake, and
 * PrismaCampaignStore on every test backend. Each suite file describes the port once per
 * implementation, and each of its describe blocks opens a fresh store and closes it afterwards.
 */

export interface Counts {
  campaigns: number;
  progress: number;
  audit: number;
}

export interface Subject {
  store: CampaignStore;
  /** Everything stored, to prove a refused call wrote nothing. */
  counts(): Promise<Counts>;
  close(): Promise<void>;
}

export interface Implementation {
  name: string;
  open(): Promise<Subject>;
}

export function implementations(): Implementation[] {
  const memory: Implementation = {
    name: 'MemoryCampaignStore',
    async open() {
      const store = new MemoryCampaignStore();
      return { store, counts: async () => store.counts(), close: async () => {} };
    },
  };
  const prisma = testBackends().map((backend): Implementation => ({
    name: `PrismaCampaignStore on ${backend.name}`,
    async open() {
      const db = await backend.open();
      return {
        store: new PrismaCampaignStore(db.prisma),
        async counts() {
          const [campaigns, progress, audit] = await Promise.all([
            db.prisma.campaign.count(),
            db.prisma.milestoneProgress.count(),
            db.prisma.auditEntry.count(),
          ]);
          return { campaigns, progress, audit };
        },
        close: () => db.close(),
      };
    },
  }));
  return [memory, ...prisma];
}

/** One describe block per implementation, titled `<title>: <implementation>`. */
export function describeContract(title: string, fn: (implementation: Implementation) => void): void {
  for (const implementation of implementations()) {
    describe(`${title}: ${implementation.name}`, () => fn(implementation));
  }
}

/** Call inside a describe block: a fresh store for that block, closed after it. */
export function useSubject(implementation: Implementation): () => Subject {
  let subject: Subject | undefined;
  beforeAll(async () => {
    subject = await implementation.open();
  });
  afterAll(async () => {
    await subject?.close();
  });
  return () => {
    if (!subject) throw new Error('store not open');
    return subject;
  };
}

export const T0 = new Date('2027-01-10T12:00:00.000Z');
export const T1 = new Date('2027-01-11T09:30:00.000Z');
export const T2 = new Date('2027-01-12T18:45:00.123Z');
export const T3 = new Date('2027-01-13T23:59:59.999Z');
export const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

export const SALT_ROAD: Isbn = { isbn13: '9780306406157', isbn10: '0306406152' };
export const SECOND: Isbn = { isbn13: '9780143127741', isbn10: '0143127748' };
export const NO_ISBN10: Isbn = { isbn13: '9791090636071', isbn10: null };
export const ENDS_IN_X: Isbn = { isbn13: '9780804429573', isbn10: '080442957X' };

export const ALL_STATES: readonly CampaignState[] = ['active', 'completed', 'cancelled'];

let sequence = 0;
/** Tests in a describe block share one store, so every community and member gets its own external id. */
export const unique = (prefix: string) => `${prefix}-${++sequence}`;

export const audit = (action: string, details: Record<string, unknown> = {}, actorId = 'discord:ann'): AuditInput => ({
  actorId,
  action,
  details,
});

export const ids = (records: CampaignRecord[]) => records.map((r) => r.id);

// PrismaCampaignStore returns whole rows (createdAt, dmReminders, …); the port promises these fields.
export const communityFields = (c: CommunityRecord): CommunityRecord => ({
  id: c.id,
  platform: c.platform,
  externalId: c.externalId,
  name: c.name,
  defaultTimeZone: c.defaultTimeZone,
  timeZoneChosen: c.timeZoneChosen,
  announcementChannelId: c.announcementChannelId,
  moderatorRoleIds: c.moderatorRoleIds,
  digestHour: c.digestHour,
  mutedPosts: c.mutedPosts,
});
export const memberFields = (m: MemberRecord): MemberRecord => ({
  id: m.id,
  platform: m.platform,
  externalId: m.externalId,
  displayName: m.displayName,
  timeZone: m.timeZone,
  dmReminders: m.dmReminders,
  quietHoursStart: m.quietHoursStart,
  quietHoursEnd: m.quietHoursEnd,
  dmsClosedAt: m.dmsClosedAt,
});

/** A new community with a member called Ann, and a builder for her campaigns there. */
export async function seed(store: CampaignStore) {
  const community = await store.ensureCommunity('discord', unique('guild'), {
    name: 'Indie Authors',
    defaultTimeZone: 'UTC',
  });
  const member = await store.ensureMember('discord', unique('ann'), 'Ann');
  const campaign = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
    communityId: community.id,
    memberId: member.id,
    title: 'The Salt Road',
    isbn: { ...SALT_ROAD },
    marketplace: 'US',
    printer: 'kdp',
    timeZone: 'America/New_York',
    releaseDate: '2027-03-15',
    ...overrides,
  });
  return { community, member, campaign };
}

/** The member-facing refusal of a second active campaign for one ISBN and marketplace. */
export async function expectConflict(promise: Promise<unknown>, isbn13: string, marketplace: string): Promise<void> {
  const error = await promise.then(
    () => expect.fail('expected a conflict'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).error).toEqual({
    field: 'isbn',
    code: 'conflict',
    message: `You already have an active ${marketplace} campaign for ISBN ${isbn13} here. Use /preorder edit to change it, or /preorder cancel it first.`,
  });
}
