/**
 * FAQ topic ids. They are an interface (`ask --json` reports them, tests and stored data refer to
 * them): add new ids at the end, never rename or reorder existing ones.
 */
export const FAQ_TOPIC_IDS = [
  'aa-vs-ingram',
  'why-aa',
  'kindle-preorders',
  'requirements',
  'aa-fee',
  'aa-enrollment',
  'already-published',
  'createspace-kdp',
  'po-vs-co',
  'confirm-pos',
  'dont-cancel-pos',
  'uk-differences',
  'listing-live',
  'isbn-convert',
  'add-item',
  'cover-images',
  'kdp-publish-timing',
  'zero-out',
  'support-ticket',
  'order-transfer',
  'release-day-status',
  'shipping-times',
  'close-aa-account',
  'data-updates',
  'future-books',
  'bot-help',
  'setup-lead-time',
  'is-it-risky',
  'aa-payment',
  'kdp-proof',
] as const;

export type FaqTopicId = (typeof FAQ_TOPIC_IDS)[number];

const TOPIC_ID_SET: ReadonlySet<string> = new Set(FAQ_TOPIC_IDS);

export const isFaqTopicId = (value: unknown): value is FaqTopicId =>
  typeof value === 'string' && TOPIC_ID_SET.has(value);
