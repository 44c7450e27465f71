import { describe, expect, it } from 'vitest';
import type { CampaignRecord, CommunityRecord, MemberRecord, ProgressRecord } from '../../../../src/app/ports.ts';
import { formatInstant, localTime, type Reply, type ReplyAction } from '../../../../src/app/reply.ts';
import type { ReminderRow } from '../../../../src/app/reminders/ports.ts';
import { logNumbersAction } from '../../../../src/app/tracking/log-action.ts';
import {
  digestItems,
  digestReply,
  fallbackPost,
  reminderActions,
  reminderMessage as wordReminder,
  UnknownReminderError,
} from '../../../../src/app/reminders/messages.ts';
import type { MessageInput } from '../../../../src/app/reminders/ports.ts';
import { getMilestone } from '../../../../src/core/milestones.ts';
import type { MilestoneId } from '../../../../src/core/types.ts';

/** Every row in these tests has something to say; null is covered on its own below. */
function reminderMessage(input: MessageInput): Reply {
  const reply = wordReminder(input);
  if (!reply) throw new Error(`expected a message for ${input.row.kind}`);
  return reply;
}

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const CAMPAIGN_ID = '434ed4d5-e52c-4920-8e58-5a475a547d2c';

const community: CommunityRecord = {
  id: 'community-1',
  platform: 'console',
  externalId: 'local',
  name: 'Local community',
  defaultTimeZone: 'UTC',
  timeZoneChosen: false,
  announcementChannelId: 'announcements',
  moderatorRoleIds: [],
  digestHour: 9,
  mutedPosts: [],
};

const member: MemberRecord = {
  id: 'member-1',
  platform: 'console',
  externalId: 'ada',
  displayName: 'Ada',
  timeZone: null,
  dmReminders: true,
  quietHoursStart: null,
  quietHoursEnd: null,
  dmsClosedAt: null,
};

/**
 * A US campaign in New York, started 10:00 EST on Monday 1 March 2027, releasing Saturday 20
 * March 2027 (after the US DST change, so release day begins 04:00 UTC).
 */
function campaignOf(overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    id: CAMPAIGN_ID,
    communityId: community.id,
    memberId: member.id,
    memberName: 'Ada',
    title: 'Harbour Lights',
    isbn: { isbn13: '9780306406157', isbn10: '0306406152' },
    marketplace: 'US',
    printer: 'kdp',
    timeZone: NY,
    releaseDate: '2027-03-20',
    state: 'active',
    createdAt: new Date('2027-03-01T15:00:00Z'),
    updatedAt: new Date('2027-03-01T15:00:00Z'),
    remindersPausedAt: null,
    progress: [],
    poConfirmedDays: [],
    ...overrides,
  };
}

/** A UK campaign in London releasing the same day (UK DST starts later, so it is still GMT). */
const ukCampaign = (overrides: Partial<CampaignRecord> = {}) =>
  campaignOf({
    id: 'b2d1f0a4-0000-4000-8000-000000000002',
    memberId: 'member-2',
    memberName: 'Bea',
    title: 'Salt Road',
    isbn: { isbn13: '9780143127741', isbn10: '0143127748' },
    marketplace: 'UK',
    timeZone: LONDON,
    ...overrides,
  });

const progress = (milestoneId: MilestoneId, status: ProgressRecord['status'] = 'done'): ProgressRecord => ({
  milestoneId,
  status,
  markedAt: new Date('2027-03-02T12:00:00Z'),
  markedBy: 'console:ada',
});

function rowOf(overrides: Partial<ReminderRow> = {}): ReminderRow {
  const dueAt = overrides.dueAt ?? new Date('2027-03-17T04:00:00Z');
  return {
    id: 'reminder-1',
    key: `${CAMPAIGN_ID}:test`,
    platform: 'console',
    communityId: community.id,
    campaignId: CAMPAIGN_ID,
    memberId: member.id,
    milestoneId: 'kdp-publish',
    kind: 'now',
    target: 'dm',
    dueAt,
    expiresAt: null,
    critical: false,
    runAt: dueAt,
    state: 'sending',
    attempts: 0,
    lastError: null,
    redelivered: false,
    late: false,
    payload: {},
    ...overrides,
  };
}

function message(row: Partial<ReminderRow>, extra: Partial<MessageInput> = {}) {
  return reminderMessage({
    row: rowOf(row),
    community,
    campaign: campaignOf(),
    member,
    now: new Date('2027-03-17T04:00:00Z'),
    late: false,
    ...extra,
  });
}

const fmt = (iso: string, zone = NY) => formatInstant(new Date(iso), zone);
/** A later instant of the same reply: its zone was named at the first. */
const local = (iso: string, zone = NY) => localTime(new Date(iso), zone);
const lineTexts = (fallback: string) => fallback.split('\n');

function expectMilestoneActions(actions: ReplyAction[], id: MilestoneId, { done }: { done: boolean }) {
  const target = `${id} campaign:${CAMPAIGN_ID}`;
  const topic = getMilestone(id).faqTopic;
  const expected: ReplyAction[] = [
    ...(done
      ? [
          {
            id: `done:${id}`,
            label: id === 'confirm-pos' ? 'Confirmed today' : 'Done',
            command: `/preorder done ${target}`,
          },
        ]
      : []),
    // The purchase-order reminder also offers one-tap logging of the day's Advantage figures.
    ...(id === 'confirm-pos' ? [logNumbersAction(CAMPAIGN_ID)] : []),
    { id: `snooze-1h:${id}`, label: 'Snooze 1 h', command: `/preorder snooze ${target} for:1h` },
    { id: `snooze-3h:${id}`, label: 'Snooze 3 h', command: `/preorder snooze ${target} for:3h` },
    { id: `snooze-tomorrow:${id}`, label: 'Tomorrow 09:00', command: `/preorder snooze ${target} for:tomorrow` },
    { id: `faq:${topic}`, label: 'What does this mean?', command: `/preorder faq ${topic}` },
  ];
  expect(actions).toEqual(expected);
}

describe('reminderMessage: DMs about one step', () => {
  it.each([
    ['start', 'aa-account', 'Time to start: Open an Amazon Advantage account', 'as soon as possible'],
    ['nudge', 'aa-images', 'Still to do: Upload your cover images', 'as soon as possible'],
    [
      'heads-up',
      'kdp-publish',
      'Tomorrow: Press Publish on KDP',
      `${fmt('2027-03-18T04:00:00Z')} until ${local('2027-03-18T16:00:00Z')}`,
    ],
    [
      'heads-up-6h',
      'zero-out-pos',
      'In 6 hours: Zero out your confirmed purchase orders',
      `${fmt('2027-03-20T01:00:00Z')} until ${local('2027-03-20T03:00:00Z')}`,
    ],
    [
      'now',
      'support-ticket',
      'Now open: Ask Amazon Advantage to hand the title over to KDP',
      `${fmt('2027-03-20T01:00:00Z')} until ${local('2027-03-20T04:00:00Z')}`,
    ],
    [
      'snooze',
      'kdp-publish',
      'Snoozed reminder: Press Publish on KDP',
      `${fmt('2027-03-18T04:00:00Z')} until ${local('2027-03-18T16:00:00Z')}`,
    ],
    ['now', 'listing-live', 'Now open: Check that your listing is live', `from ${fmt('2027-03-01T18:00:00Z')}`],
  ] as const)('%s about %s: "%s"', (kind, milestoneId, title, window) => {
    const r = message({ kind, milestoneId });
    expect(r.title).toBe(title);
    expect(r.tone).toBe('info');
    expect(r.visibility).toBe('private');
    const lines = lineTexts(r.fallback);
    expect(lines[0]).toBe(title);
    expect(lines[1]).toBe(`"Harbour Lights" (Amazon US) · ${getMilestone(milestoneId).title}`);
    expect(lines[2]).toBe(getMilestone(milestoneId).summary);
    expect(lines[3]).toBe(`Window: ${window}`);
    expectMilestoneActions(r.actions, milestoneId, { done: true });
  });

  it('window times are shown in the campaign zone (EDT after the DST change)', () => {
    const r = message({ kind: 'now', milestoneId: 'kdp-publish' });
    expect(r.fallback).toContain(
      'Window: Thu 18 Mar 2027, 00:00 EDT (America/New_York) until Thu 18 Mar 2027, 12:00 EDT',
    );
  });

  it('overdue is a warning that says what to do now', () => {
    const r = message({ kind: 'overdue', milestoneId: 'kdp-publish', dueAt: new Date('2027-03-18T16:00:00Z') });
    expect(r.title).toBe('Window closed, not marked done: Press Publish on KDP');
    expect(r.tone).toBe('warning');
    expect(r.fallback.startsWith('! Window closed, not marked done: Press Publish on KDP\n')).toBe(true);
    expect(r.fallback).toContain('If you did it, mark it done. If not, do it now if you still can.');
    // No consequence the article does not state.
    expect(r.fallback).not.toMatch(/\bat risk\b|\blost\b|\blose\b/);
    expectMilestoneActions(r.actions, 'kdp-publish', { done: true });
  });

  it('a daily PO row stored by an older version still reads, and its button confirms today only', () => {
    const r = message({ kind: 'daily', milestoneId: 'confirm-pos', dueAt: new Date('2027-03-10T14:00:00Z') });
    expect(r.title).toBe('Today: Confirm new purchase orders');
    expect(r.fallback).toContain(`Window: every day until ${fmt('2027-03-20T03:00:00Z')}`);
    expect(r.fallback).toContain('never cancel them');
    expectMilestoneActions(r.actions, 'confirm-pos', { done: true });
    expect(r.actions[0]).toMatchObject({ label: 'Confirmed today' });
  });

  it('the PO step tells what comes straight after; the ticket DM carries the text to paste', () => {
    expect(message({ kind: 'now', milestoneId: 'zero-out-pos' }).fallback).toContain(
      'Straight after, ask Advantage to hand the title over to KDP',
    );
    expect(message({ kind: 'overdue', milestoneId: 'zero-out-pos' }).fallback).toContain(
      'then open the support ticket right away',
    );
    const ticket = message({ kind: 'now', milestoneId: 'support-ticket' });
    expect(ticket.fallback).toMatch(
      /Text to paste into the ticket: Hello, please close\/cancel the title "Harbour Lights"/,
    );
  });

  it('the listing-live DM carries the listing check link', () => {
    const r = message({ kind: 'now', milestoneId: 'listing-live' });
    expect(r.fallback).toContain('Listing check: https://www.amazon.com/dp/0306406152');
  });

  it('only the listing-live DM carries the listing link', () => {
    expect(message({ kind: 'now', milestoneId: 'kdp-publish' }).fallback).not.toContain('Listing check');
  });

  it('the UK-only step works on a UK campaign, in the London zone', () => {
    const r = reminderMessage({
      row: rowOf({ kind: 'heads-up-6h', milestoneId: 'check-unconfirmed-pos', campaignId: ukCampaign().id }),
      community,
      campaign: ukCampaign(),
      member,
      now: new Date('2027-03-19T15:00:00Z'),
      late: false,
    });
    expect(r.title).toBe('In 6 hours: Confirm any remaining purchase orders');
    expect(r.fallback).toContain('"Salt Road" (Amazon UK) · Confirm any remaining purchase orders');
    expect(r.fallback).toContain(
      `Window: ${fmt('2027-03-19T21:00:00Z', LONDON)} until ${local('2027-03-19T23:00:00Z', LONDON)}`,
    );
    expect(r.actions[0]!.command).toBe(`/preorder done check-unconfirmed-pos campaign:${ukCampaign().id}`);
    expect(r.actions.at(-1)!.command).toBe('/preorder faq uk-differences');
  });

  it('every Done and snooze command names the campaign by id, never by title', () => {
    for (const [kind, milestoneId] of [
      ['start', 'aa-account'],
      ['daily', 'confirm-pos'],
      ['overdue', 'support-ticket'],
    ] as const) {
      const r = message({ kind, milestoneId });
      const campaignCommands = r.actions.filter((a) => !a.command.startsWith('/preorder faq'));
      expect(campaignCommands.length).toBeGreaterThanOrEqual(3);
      for (const a of campaignCommands) {
        const step = a.command.startsWith('/preorder log') ? '' : `${milestoneId} `;
        expect(a.command).toContain(`${step}campaign:${CAMPAIGN_ID}`);
        expect(a.command).not.toContain('Harbour');
      }
    }
  });

  it("every step's FAQ button points at that milestone's faqTopic", () => {
    for (const id of ['aa-account', 'aa-add-item', 'kdp-publish', 'zero-out-pos', 'orders-transfer'] as const) {
      const faq = reminderActions(campaignOf(), id).at(-1)!;
      expect(faq).toEqual({
        id: `faq:${getMilestone(id).faqTopic}`,
        label: 'What does this mean?',
        command: `/preorder faq ${getMilestone(id).faqTopic}`,
      });
    }
  });
});

describe('reminderMessage: the late line', () => {
  it('is the first line only when late, with the due time in the campaign zone', () => {
    const dueAt = new Date('2027-03-17T04:00:00Z');
    const late = message({ kind: 'heads-up', milestoneId: 'kdp-publish', dueAt }, { late: true });
    const lateLine = `(Sent late: I was offline when this was due, ${formatInstant(dueAt, NY)}.)`;
    expect(lateLine).toContain('Wed 17 Mar 2027, 00:00 EDT (America/New_York)');
    expect(lineTexts(late.fallback)[1]).toBe(lateLine);
    expect(lineTexts(late.fallback)[2]).toBe('"Harbour Lights" (Amazon US) · Press Publish on KDP');

    const onTime = message({ kind: 'heads-up', milestoneId: 'kdp-publish', dueAt }, { late: false });
    expect(onTime.fallback).not.toContain('Sent late');
    expect(lineTexts(onTime.fallback)[1]).toBe('"Harbour Lights" (Amazon US) · Press Publish on KDP');
  });

  it.each([
    ['start', 'aa-account'],
    ['nudge', 'aa-account'],
    ['now', 'kdp-publish'],
    ['overdue', 'kdp-publish'],
    ['daily', 'confirm-pos'],
    ['snooze', 'zero-out-pos'],
  ] as const)('appears on a late %s DM', (kind, milestoneId) => {
    expect(message({ kind, milestoneId }, { late: true }).fallback).toContain('(Sent late: I was offline');
    expect(message({ kind, milestoneId }, { late: false }).fallback).not.toContain('Sent late');
  });
});

describe('reminderMessage: channel posts', () => {
  it('"now on pre-order" is public, names the author, the marketplace and the listing link', () => {
    const r = message({ kind: 'channel-listing-live', milestoneId: 'listing-live', target: 'channel', memberId: null });
    expect(r.visibility).toBe('public');
    expect(r.tone).toBe('success');
    expect(r.title).toBe('Now on pre-order: "Harbour Lights"');
    expect(r.fallback).toContain('The print edition by Ada is up for pre-order on Amazon US (amazon.com).');
    expect(r.fallback).toContain('Listing check: https://www.amazon.com/dp/0306406152');
    expect(r.actions).toEqual([]);
  });

  it('the release-day post is public and congratulates the author', () => {
    const r = message({ kind: 'channel-release', milestoneId: 'release-day', target: 'channel' });
    expect(r.visibility).toBe('public');
    expect(r.title).toBe('Release day: "Harbour Lights"');
    expect(r.fallback).toContain('Congratulations to Ada: "Harbour Lights" is out today on Amazon US!');
    expect(r.actions).toEqual([]);
  });

  it('a 979 ISBN (no ISBN-10) gets a search link instead of a dp link', () => {
    const r = reminderMessage({
      row: rowOf({ kind: 'channel-listing-live', milestoneId: 'listing-live', target: 'channel' }),
      community,
      campaign: campaignOf({ isbn: { isbn13: '9791032305690', isbn10: null } }),
      member,
      now: new Date('2027-03-02T12:00:00Z'),
      late: false,
    });
    expect(r.fallback).toContain('has no ISBN-10');
    expect(r.fallback).not.toContain('/dp/');
  });
});

describe('reminderMessage: summaries and notices', () => {
  it('missed-summary lists each valid step once, in one DM, with what is already settled', () => {
    const r = reminderMessage({
      row: rowOf({
        kind: 'missed-summary',
        milestoneId: null,
        payload: {
          items: [
            { milestoneId: 'aa-account', kind: 'start' },
            { milestoneId: 'aa-account', kind: 'nudge' },
            { milestoneId: 'aa-images', kind: 'nudge' },
            { milestoneId: 'not-a-step', kind: 'nudge' },
            { kind: 'nudge' },
          ],
        },
      }),
      community,
      campaign: campaignOf({ progress: [progress('aa-images')] }),
      member,
      now: new Date('2027-03-05T12:00:00Z'),
      late: true,
    });
    expect(r.title).toBe('Missed while I was offline: "Harbour Lights"');
    expect(r.tone).toBe('warning');
    expect(r.visibility).toBe('private');
    const bullets = lineTexts(r.fallback).filter((l) => l.startsWith('• '));
    expect(bullets).toEqual([
      '• Open an Amazon Advantage account (aa-account)',
      '• Upload your cover images (aa-images) — already marked done',
    ]);
    expect(r.fallback).not.toContain('not-a-step');
    expect(r.fallback).toContain('/preorder status');
    expect(r.actions).toEqual([{ id: 'status', label: 'Status', command: `/preorder status campaign:${CAMPAIGN_ID}` }]);
  });

  it('missed-summary with no usable items still renders (no bullets)', () => {
    const r = message({ kind: 'missed-summary', milestoneId: null, payload: {} });
    expect(r.title).toBe('Missed while I was offline: "Harbour Lights"');
    expect(lineTexts(r.fallback).filter((l) => l.startsWith('• '))).toEqual([]);
  });

  it('dms-closed tells the moderators publicly, by name, with the way back', () => {
    const r = message({ kind: 'dms-closed', milestoneId: null, target: 'moderators' });
    expect(r.visibility).toBe('public');
    expect(r.tone).toBe('warning');
    expect(r.title).toBe('Direct messages to Ada are blocked');
    expect(r.fallback).toContain('The platform refused my reminder about "Harbour Lights".');
    expect(r.fallback).toContain('/preorder settings dms:on');
  });

  it('dms-closed works without a campaign or a member', () => {
    const r = reminderMessage({
      row: rowOf({ kind: 'dms-closed', milestoneId: null, target: 'moderators', campaignId: null }),
      community,
      campaign: null,
      member: null,
      now: new Date('2027-03-05T12:00:00Z'),
      late: false,
    });
    expect(r.title).toBe('Direct messages to A member are blocked');
    expect(r.fallback).toContain('The platform refused my reminder. ');
  });
});

describe('reminderMessage: rows this version cannot word', () => {
  const throwsUnknown = (fn: () => unknown, pattern: RegExp) => {
    let caught: unknown;
    try {
      fn();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnknownReminderError);
    expect((caught as Error).name).toBe('UnknownReminderError');
    expect((caught as Error).message).toMatch(pattern);
  };

  it('an unknown DM kind', () => {
    throwsUnknown(() => message({ kind: 'sing-a-song', milestoneId: 'kdp-publish' }), /unknown reminder kind/);
  });

  it('a channel kind sent as a DM, and a DM kind sent to the channel', () => {
    throwsUnknown(() => message({ kind: 'channel-release', milestoneId: 'release-day' }), /unknown reminder kind/);
    throwsUnknown(
      () => message({ kind: 'now', milestoneId: 'kdp-publish', target: 'channel' }),
      /unknown channel post kind/,
    );
  });

  it('an unknown milestone, or none', () => {
    throwsUnknown(
      () => message({ kind: 'now', milestoneId: 'launch-rocket' as unknown as MilestoneId }),
      /unknown milestone "launch-rocket"/,
    );
    throwsUnknown(() => message({ kind: 'now', milestoneId: null }), /unknown milestone/);
  });

  it('a milestone that is not a step of this campaign (UK step on a US campaign, Ingram step on KDP)', () => {
    throwsUnknown(() => message({ kind: 'now', milestoneId: 'check-unconfirmed-pos' }), /not a step of this campaign/);
    throwsUnknown(() => message({ kind: 'start', milestoneId: 'ingram-preorder-setup' }), /not a step/);
  });

  it('a campaign reminder whose campaign is gone', () => {
    throwsUnknown(() => message({ kind: 'now', milestoneId: 'kdp-publish' }, { campaign: null }), /needs a campaign/);
    throwsUnknown(
      () => message({ kind: 'channel-release', milestoneId: 'release-day', target: 'channel' }, { campaign: null }),
      /needs a campaign/,
    );
  });
});

describe('fallbackPost', () => {
  it('turns a refused DM into a public warning for the member, with the same actions', () => {
    const dm = message({ kind: 'now', milestoneId: 'zero-out-pos' });
    const post = fallbackPost(dm, campaignOf());
    expect(post.visibility).toBe('public');
    expect(post.tone).toBe('warning');
    expect(post.title).toBe('Now open: Zero out your confirmed purchase orders (for Ada)');
    expect(post.actions).toEqual(dm.actions);
    expect(post.lines.slice(1, 1 + dm.lines.length)).toEqual(dm.lines);
    const lines = lineTexts(post.fallback);
    expect(lines[0]).toBe('! Now open: Zero out your confirmed purchase orders (for Ada)');
    expect(lines[1]).toBe('I could not reach Ada by direct message, and this step cannot wait.');
    expect(post.fallback).toContain('/preorder settings dms:on');
    expect(post.fallback).toContain('Zero out your confirmed purchase orders');
  });
});

describe('digestItems', () => {
  // The listing is live and the files ready: the publish window is a real deadline, not a step still waiting.
  const us = campaignOf({ progress: [progress('listing-live'), progress('kdp-files-ready')] });

  it('lists a window opening in the next 24 hours', () => {
    expect(digestItems([us], new Date('2027-03-17T10:00:00Z'))).toEqual([
      {
        campaign: us,
        milestoneId: 'kdp-publish',
        title: 'Press Publish on KDP',
        at: new Date('2027-03-18T04:00:00Z'),
        what: 'opens',
      },
    ]);
  });

  it('lists a window that is open and closes in the next 24 hours', () => {
    expect(digestItems([us], new Date('2027-03-18T06:00:00Z'))).toEqual([
      {
        campaign: us,
        milestoneId: 'kdp-publish',
        title: 'Press Publish on KDP',
        at: new Date('2027-03-18T16:00:00Z'),
        what: 'closes',
      },
    ]);
  });

  it('counts an opening at exactly now, not one at exactly now + 24 h', () => {
    expect(digestItems([us], new Date('2027-03-18T04:00:00Z')).map((i) => `${i.milestoneId} ${i.what}`)).toEqual([
      'kdp-publish opens',
    ]);
    expect(digestItems([us], new Date('2027-03-17T04:00:00Z'))).toEqual([]);
  });

  it('sorts several campaigns by instant, soonest first, leaving out a step still waiting on another', () => {
    const uk = ukCampaign();
    const items = digestItems([us, uk], new Date('2027-03-19T06:00:00Z'));
    // The tickets wait for each PO step, so they are not announced as opening.
    expect(items.map((i) => `${i.campaign.title}: ${i.milestoneId} ${i.what} ${i.at.toISOString()}`)).toEqual([
      'Salt Road: check-unconfirmed-pos opens 2027-03-19T21:00:00.000Z',
      'Salt Road: release-day opens 2027-03-20T00:00:00.000Z',
      'Harbour Lights: zero-out-pos opens 2027-03-20T01:00:00.000Z',
      'Harbour Lights: release-day opens 2027-03-20T04:00:00.000Z',
    ]);
  });

  it('leaves out the publish window of a campaign whose listing is not marked live', () => {
    expect(digestItems([campaignOf()], new Date('2027-03-17T10:00:00Z'))).toEqual([]);
  });

  it('leaves out steps marked done or skipped', () => {
    const settledUs = campaignOf({ progress: [progress('zero-out-pos'), progress('release-day', 'skipped')] });
    const settledUk = ukCampaign({ progress: [progress('support-ticket', 'skipped')] });
    const items = digestItems([settledUs, settledUk], new Date('2027-03-19T06:00:00Z'));
    // With the US PO step done, its ticket no longer waits: it is listed.
    expect(items.map((i) => `${i.campaign.title}: ${i.milestoneId}`)).toEqual([
      'Salt Road: check-unconfirmed-pos',
      'Salt Road: release-day',
      'Harbour Lights: support-ticket',
    ]);
  });

  it('leaves out as-soon-as-possible and daily steps', () => {
    // Just after start: the aa-* steps are open and confirm-pos runs daily, but none has a window.
    const items = digestItems([us], new Date('2027-03-01T15:00:00Z'));
    expect(items.map((i) => i.milestoneId)).not.toContain('aa-account');
    expect(items.map((i) => i.milestoneId)).not.toContain('confirm-pos');
  });

  // Only windowed steps are "due" in the group digest; open-ended steps have no deadline to warn about.
  it('leaves out listing-live, an open-ended step, when it opens in the next 24 hours', () => {
    // listing-live opens 3 h after start: 18:00 UTC on 1 March.
    expect(digestItems([us], new Date('2027-03-01T15:00:00Z')).map((i) => i.milestoneId)).toEqual([]);
  });

  it('leaves out close-aa-account, an optional open-ended step, when it opens in the next 24 hours', () => {
    // close-aa-account opens 30 days after release day begins: 04:00 UTC on 19 April.
    expect(digestItems([us], new Date('2027-04-18T12:00:00Z')).map((i) => i.milestoneId)).toEqual([]);
  });

  it('is empty when nothing is due', () => {
    expect(digestItems([], new Date('2027-03-19T06:00:00Z'))).toEqual([]);
    expect(digestItems([us], new Date('2027-03-10T12:00:00Z'))).toEqual([]);
  });
});

describe('digestReply', () => {
  it('is a public post with one line per item, times in each campaign zone', () => {
    const items = digestItems([campaignOf(), ukCampaign()], new Date('2027-03-19T18:00:00Z'));
    const r = digestReply(community, items);
    expect(r.visibility).toBe('public');
    expect(r.tone).toBe('info');
    expect(r.title).toBe('Pre-order steps in the next 24 hours');
    expect(r.lines).toHaveLength(items.length);
    expect(lineTexts(r.fallback)).toContain(
      `• "Salt Road" (Bea, Amazon UK): Confirm any remaining purchase orders opens ${fmt('2027-03-19T21:00:00Z', LONDON)}`,
    );
    expect(lineTexts(r.fallback)).toContain(
      `• "Harbour Lights" (Ada, Amazon US): Watch the listing switch on release day opens ${fmt('2027-03-20T04:00:00Z')}`,
    );
    expect(r.fallback).toContain('Sat 20 Mar 2027, 00:00 EDT (America/New_York)');
    expect(r.actions).toEqual([]);
  });

  it('with no items is just the title', () => {
    const r = digestReply(community, []);
    expect(r.fallback).toBe('Pre-order steps in the next 24 hours');
  });
});

describe('reminderMessage: the first steps share one start or nudge DM', () => {
  const grouped = (kind: 'start' | 'nudge', done: MilestoneId[] = []) =>
    wordReminder({
      row: rowOf({ kind, milestoneId: null }),
      community,
      campaign: campaignOf({ progress: done.map((id) => progress(id)) }),
      member,
      now: new Date('2027-03-02T14:00:00Z'),
      late: false,
    });

  it('lists every first step that can be done now, with a Done action for each, and not those waiting', () => {
    const r = grouped('nudge');
    expect(r?.title).toBe('Still to do: 2 first steps for "Harbour Lights"');
    for (const id of ['aa-account', 'kdp-files-ready'] as const) {
      expect(r?.fallback).toContain(`• ${getMilestone(id).title} (${id})`);
      expect(r?.actions.some((a) => a.command === `/preorder done ${id} campaign:${CAMPAIGN_ID}`)).toBe(true);
    }
    expect(r?.fallback).not.toContain('(aa-add-item)');
    expect(grouped('start')?.title).toBe('Time to start: 2 first steps for "Harbour Lights"');
  });

  it('moves on as steps are settled, and becomes the single step DM when one is left', () => {
    const next = grouped('nudge', ['aa-account']);
    expect(next?.title).toBe('Still to do: 2 first steps for "Harbour Lights"');
    expect(next?.fallback).toContain('(aa-add-item)');
    const last = grouped('nudge', ['aa-account', 'kdp-files-ready']);
    expect(last?.title).toBe('Still to do: Add your book in Amazon Advantage');
    expectMilestoneActions(last!.actions, 'aa-add-item', { done: true });
  });

  it('has nothing to say once every first step is settled', () => {
    expect(grouped('nudge', ['aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'kdp-files-ready'])).toBeNull();
  });
});

describe("reminderMessage: the member's morning message", () => {
  // The listing went live on 2 March: the PO check runs from the morning of the 3rd.
  const live = (overrides: Partial<CampaignRecord> = {}) =>
    campaignOf({
      progress: [
        progress('listing-live'),
        progress('kdp-files-ready'),
        progress('aa-images'),
        progress('aa-sales-copy'),
      ],
      ...overrides,
    });
  const morning = (date: string, campaigns: CampaignRecord[], now: string) =>
    wordReminder({
      row: rowOf({ kind: 'morning', milestoneId: null, campaignId: null, key: `morning:${member.id}:${date}` }),
      community,
      campaign: null,
      member,
      memberCampaigns: campaigns,
      now: new Date(now),
      late: false,
    });

  it('spells out the PO check for the first mornings, then names only what to choose', () => {
    const early = morning('2027-03-04', [live()], '2027-03-04T14:00:00Z');
    expect(early?.title).toBe('Today for "Harbour Lights"');
    expect(early?.fallback).toContain('go to Orders, Purchase Orders, Confirm new POs');
    expect(early?.fallback).toContain('Confirmed on 0 of the last 1 days.');
    const later = morning(
      '2027-03-10',
      [live({ poConfirmedDays: ['2027-03-09', '2027-03-08'] })],
      '2027-03-10T14:00:00Z',
    );
    expect(later?.fallback).toContain(
      "Confirm today's new purchase orders. Backordered, expected delivery 2027-03-20; never cancel them.",
    );
    expect(later?.fallback).toContain('Confirmed on 2 of the last 7 days.');
    expect(later?.actions.map((a) => a.label)).toEqual(['Confirmed today', "Log today's numbers", 'Status']);
  });

  it('leaves out a PO check already confirmed today, and says nothing when nothing is left', () => {
    const confirmed = live({ poConfirmedDays: ['2027-03-10'] });
    expect(morning('2027-03-10', [confirmed], '2027-03-10T14:00:00Z')).toBeNull();
  });

  it('gathers every campaign of the member into one message, each under its title', () => {
    const other = live({ id: 'c2c2c2c2-0000-4000-8000-000000000003', title: 'Second Tide' });
    const both = morning('2027-03-10', [live(), other], '2027-03-10T14:00:00Z');
    expect(both?.title).toBe('Today for your 2 campaigns');
    expect(both?.fallback).toContain('"Harbour Lights" (Amazon US):');
    expect(both?.fallback).toContain('"Second Tide" (Amazon US):');
    // One Confirmed-today button per campaign, each naming its campaign.
    expect(both?.actions.filter((a) => a.label.startsWith('Confirmed today')).map((a) => a.command)).toEqual([
      `/preorder done confirm-pos campaign:${CAMPAIGN_ID}`,
      '/preorder done confirm-pos campaign:c2c2c2c2-0000-4000-8000-000000000003',
    ]);
  });

  it('warns, with the options, when a step the publish window needs is at risk and cannot be done in time', () => {
    // Nothing marked, release on the 20th: the publish window opens on the 18th; it is the 17th.
    const idle = campaignOf({ progress: [] });
    const r = morning('2027-03-17', [idle], '2027-03-17T13:00:00Z');
    expect(r?.tone).toBe('warning');
    expect(r?.fallback).toContain('⚠ At risk: Open an Amazon Advantage account. Press Publish on KDP opens');
    expect(r?.fallback).toContain('Your options: move the release date to');
    expect(r?.fallback).toContain('/preorder faq aa-vs-ingram');
  });
});
