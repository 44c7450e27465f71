import MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import type { FaqEntry } from './knowledge-base.ts';
import { FAQ_ENTRIES } from './knowledge-base.ts';
import type { FaqTopicId } from './topics.ts';
import { LEXICON, fold, normalizeTokens } from './normalize.ts';
import { createSpeller } from './spelling.ts';
import { applyGuards, preferBotRequests } from './guards.ts';
import { isNoise } from './noise.ts';
import { ExampleModel, FAQ_EXAMPLES, selectExamples, type FaqExample } from './examples.ts';
import { DEFAULT_TUNING, decide, isComplete, type FaqMatchKind, type FaqTuning } from './decision.ts';

export { DEFAULT_TUNING, type FaqMatchKind, type FaqTuning } from './decision.ts';

/**
 * What kind of reply the match calls for: a topic's answer, a "Did you mean…" between close
 * topics, an honest "not sure", or noise (greeting, gibberish) that deserves examples, not a queue.
 */

export interface FaqMatch {
  kind: FaqMatchKind;
  /** Best topic, or null when the question doesn't look like any topic we know. */
  topic: FaqTopicId | null;
  /** 0..1; how sure the matcher is about `topic` (or about the best guess, when topic is null). */
  confidence: number;
  /** The three closest other topics, best first; never contains `topic`. */
  suggestions: FaqTopicId[];
}

export interface FaqMatcher {
  match(question: string): FaqMatch;
  /** Topic ids for autocomplete: ids/titles starting with or containing the query first. */
  suggest(query: string, limit?: number): FaqTopicId[];
}

/**
 * Each phrasing (title or alias) is its own small document, so a question is compared with the
 * nearest way of asking rather than with one long bag of words per topic; keywords and the
 * answer add a weaker topic-wide signal on top.
 */
type DocKind = 'phrase' | 'keywords' | 'answer';
interface IndexedDoc {
  id: number;
  topic: FaqTopicId;
  kind: DocKind;
  text: string;
}

const KIND_WEIGHT: Record<DocKind, number> = { phrase: 1, keywords: 0.6, answer: 0.25 };
const SECOND_PHRASE_WEIGHT = 0.3;

export interface FaqMatcherOptions {
  /** Labelled example questions (default: every fixture set's, see examples.ts). */
  examples?: readonly FaqExample[];
  /**
   * Sources whose examples are left out, for an honest evaluation of that source: also drops any
   * other source's example worded the same (after normalisation), so a copy can't leak it back.
   */
  excludeExampleSources?: readonly string[];
  tuning?: Partial<FaqTuning>;
}
const SUGGESTION_COUNT = 3;
/** Leaders reordered by how much of the question they explain (see rerank). */
const RERANK_DEPTH = 8;
const RERANK_BASE = 0.3;
/** A word found only in the answer prose is weaker evidence than one in a phrasing or keyword. */
const WEAK_COVERAGE = 0.5;
/** A word the speller repaired is a guess at what was meant, so it explains less than a typed one. */
const REPAIRED_WEIGHT = 0.6;
/** Enough for any real question; a pasted wall of text is cut here so matching stays fast. */
const MAX_QUESTION_LENGTH = 1000;
/** Discord shows at most 25 autocomplete choices. */
const DEFAULT_SUGGEST_LIMIT = 25;
/** Good first reads when a question matches nothing at all. */
const FALLBACK_TOPICS: readonly FaqTopicId[] = ['requirements', 'why-aa', 'bot-help'];

const splitTokens = (text: string): string[] => text.split(' ').filter(Boolean);

export function createFaqMatcher(
  entries: readonly FaqEntry[] = FAQ_ENTRIES,
  extraAliases: Partial<Record<FaqTopicId, string[]>> = {},
  options: FaqMatcherOptions = {},
): FaqMatcher {
  const matcher = new TopicMatcher(entries, extraAliases, options);
  return { match: (question) => matcher.match(question), suggest: (query, limit) => matcher.suggest(query, limit) };
}

interface Ranked {
  topic: FaqTopicId;
  score: number;
  /** Query tokens this topic matched in a phrasing or keyword. */
  strong: Set<string>;
  /** Query tokens this topic matched only in its answer text. */
  weak: Set<string>;
}

type RankSlot = Record<DocKind, number> & { second: number; strong: Set<string>; weak: Set<string> };

// No fuzzy search: the speller already repaired typos on whole words, and fuzzy matching of
// stems mostly let off-topic words borrow confidence ("cost" drifting to "post").
const SEARCH_OPTIONS: SearchOptions = { fuzzy: false, prefix: false, combineWith: 'OR' };

function indexedDocs(entries: readonly FaqEntry[], extraAliases: Partial<Record<FaqTopicId, string[]>>): IndexedDoc[] {
  const docs: IndexedDoc[] = [];
  const add = (topic: FaqTopicId, kind: DocKind, text: string): void => {
    const normalized = normalizeTokens(text).join(' ');
    if (normalized) docs.push({ id: docs.length, topic, kind, text: normalized });
  };
  for (const entry of entries) {
    add(entry.id, 'phrase', entry.title);
    for (const alias of [...entry.aliases, ...(extraAliases[entry.id] ?? [])]) add(entry.id, 'phrase', alias);
    add(entry.id, 'keywords', entry.keywords.join(' '));
    add(entry.id, 'answer', entry.answer);
  }
  return docs;
}

/** Which topics each normalised token appears under. */
function topicsByTokenOf(docs: readonly IndexedDoc[]): Map<string, Set<FaqTopicId>> {
  const topicsByToken = new Map<string, Set<FaqTopicId>>();
  for (const doc of docs) {
    for (const token of splitTokens(doc.text)) {
      const topics = topicsByToken.get(token) ?? new Set<FaqTopicId>();
      topics.add(doc.topic);
      topicsByToken.set(token, topics);
    }
  }
  return topicsByToken;
}

function vocabularyOf(entries: readonly FaqEntry[], extraAliases: Partial<Record<FaqTopicId, string[]>>): string[] {
  const vocabulary = [...LEXICON];
  for (const entry of entries) {
    const texts = [entry.title, entry.answer, ...entry.aliases, ...entry.keywords, ...(extraAliases[entry.id] ?? [])];
    for (const text of texts) vocabulary.push(...(fold(text).match(/[a-z]+/g) ?? []));
  }
  return vocabulary;
}

/** Best plus a little of the runner-up, not a sum: twenty aliases that all say "PO" must not
 * outvote one exact phrasing, but two phrasings agreeing is some extra evidence. */
function addHit(slot: RankSlot, kind: DocKind, score: number, terms: readonly string[]): void {
  if (kind === 'phrase' && score > slot.phrase) {
    slot.second = slot.phrase;
    slot.phrase = score;
  } else if (kind === 'phrase') {
    slot.second = Math.max(slot.second, score);
  } else {
    slot[kind] = Math.max(slot[kind], score);
  }
  for (const term of terms) (kind === 'answer' ? slot.weak : slot.strong).add(term);
}

const slotScore = (slot: RankSlot): number =>
  slot.phrase * KIND_WEIGHT.phrase +
  slot.second * SECOND_PHRASE_WEIGHT +
  slot.keywords * KIND_WEIGHT.keywords +
  slot.answer * KIND_WEIGHT.answer;

class TopicMatcher {
  private readonly docs: IndexedDoc[];
  private readonly index: MiniSearch<IndexedDoc>;
  private readonly topicsByToken: Map<string, Set<FaqTopicId>>;
  private readonly topicCount: number;
  private readonly speller: ReturnType<typeof createSpeller>;
  private readonly ids: FaqTopicId[];
  private readonly relatedOf: Map<FaqTopicId, readonly FaqTopicId[]>;
  private readonly labels: { id: FaqTopicId; text: string; words: string[] }[];
  private readonly tuning: FaqTuning;
  private readonly examples: ExampleModel;

  constructor(
    entries: readonly FaqEntry[],
    extraAliases: Partial<Record<FaqTopicId, string[]>>,
    options: FaqMatcherOptions,
  ) {
    this.docs = indexedDocs(entries, extraAliases);
    this.index = new MiniSearch<IndexedDoc>({
      fields: ['text'],
      // Nothing stored: results are looked up in `docs` by id, which saves a copy per hit.
      // Documents are normalised above and queries in match(), so MiniSearch only splits.
      tokenize: splitTokens,
      processTerm: (term) => term,
      searchOptions: { tokenize: splitTokens, processTerm: (term) => term },
    });
    this.index.addAll(this.docs);
    this.topicsByToken = topicsByTokenOf(this.docs);
    this.topicCount = Math.max(1, entries.length);
    // An inflection of a known word ("pays", "confirming") is not a typo.
    this.speller = createSpeller(vocabularyOf(entries, extraAliases), (word) =>
      normalizeTokens(word).every((token) => this.topicsByToken.has(token)),
    );
    this.ids = entries.map((entry) => entry.id);
    this.relatedOf = new Map(entries.map((entry) => [entry.id, entry.related] as const));
    this.labels = entries.map((entry) => {
      const text = `${entry.id} ${entry.title}`.toLowerCase();
      return { id: entry.id, text, words: text.split(/[^a-z0-9.]+/).filter(Boolean) };
    });
    // A complete tuning object is kept as given, so the tuning script can try values on one build.
    this.tuning = isComplete(options.tuning) ? options.tuning : { ...DEFAULT_TUNING, ...options.tuning };
    this.examples = this.exampleModel(options);
  }

  /**
   * Examples are normalised exactly like questions (speller included), so both meet on tokens.
   * Each topic's title, aliases and keywords join them as examples of their own: the model then
   * knows every topic, even one few people asked about, and never depends on the left-out set.
   */
  private exampleModel(options: FaqMatcherOptions): ExampleModel {
    const excluded = new Set(options.excludeExampleSources ?? []);
    const tokenize = (question: string): string[] => normalizeTokens(question, this.speller);
    const kept = selectExamples(options.examples ?? FAQ_EXAMPLES, excluded, new Set(this.ids), tokenize);
    // With no labelled examples at all the matcher is the alias matcher alone, as before them.
    if (kept.length === 0) return new ExampleModel([]);
    const own = this.docs.filter((doc) => doc.kind !== 'answer');
    return new ExampleModel([...kept, ...own.map((doc) => ({ topic: doc.topic, tokens: splitTokens(doc.text) }))]);
  }

  /** Topic-level rarity of a token: a word found under few topics says more about the topic. */
  private rarity(token: string): number {
    const topics = this.topicsByToken.get(token)?.size;
    // A word the index has never seen weighs as much as one only a single topic uses: it counts
    // against coverage ("help with my taxes" is not ours), yet chatty filler in a long question
    // doesn't drown its domain words.
    return topics ? Math.log(1 + this.topicCount / topics) : Math.log(1 + this.topicCount);
  }

  private rank(tokens: string[], options: SearchOptions): Ranked[] {
    const best = new Map<FaqTopicId, RankSlot>();
    for (const result of this.index.search(tokens.join(' '), options)) {
      const doc = this.docs[result.id as number];
      if (!doc) continue;
      let slot = best.get(doc.topic);
      if (!slot) {
        slot = { phrase: 0, second: 0, keywords: 0, answer: 0, strong: new Set(), weak: new Set() };
        best.set(doc.topic, slot);
      }
      addHit(slot, doc.kind, result.score, result.queryTerms);
    }
    return [...best.entries()]
      .map(([topic, slot]) => ({ topic, score: slotScore(slot), strong: slot.strong, weak: slot.weak }))
      .sort((a, b) => b.score - a.score);
  }

  private fillSuggestions(
    first: FaqTopicId[],
    exclude: FaqTopicId | null,
    anchor: FaqTopicId | undefined,
  ): FaqTopicId[] {
    const out: FaqTopicId[] = [];
    const extra = anchor ? (this.relatedOf.get(anchor) ?? []) : [];
    for (const id of [...first, ...extra, ...FALLBACK_TOPICS, ...this.ids]) {
      if (id !== exclude && !out.includes(id) && this.relatedOf.has(id)) out.push(id);
      if (out.length === SUGGESTION_COUNT) break;
    }
    return out;
  }

  /**
   * BM25 rewards a topic with many phrasings that share a common word; a topic that explains
   * more of the question's rare words is the better answer, so the leaders are reordered by it.
   */
  private rerank(tokens: readonly string[], typed: ReadonlySet<string>, ranked: Ranked[]): Ranked[] {
    const head = ranked.slice(0, RERANK_DEPTH).map((r) => ({
      ...r,
      score: r.score * (RERANK_BASE + this.coverage(tokens, typed, r)),
    }));
    return [...head.sort((a, b) => b.score - a.score), ...ranked.slice(RERANK_DEPTH)];
  }

  /** How much of the question the best topic explains, weighting rare words up (see rarity). */
  private coverage(tokens: readonly string[], typed: ReadonlySet<string>, top: Ranked): number {
    let total = 0;
    let covered = 0;
    for (const token of tokens) {
      const weight = this.rarity(token) * (typed.has(token) ? 1 : REPAIRED_WEIGHT);
      total += weight;
      if (top.strong.has(token)) covered += weight;
      else if (top.weak.has(token)) covered += weight * WEAK_COVERAGE;
    }
    return total > 0 ? covered / total : 0;
  }

  match(input: string): FaqMatch {
    const question = input.slice(0, MAX_QUESTION_LENGTH);
    if (isNoise(question, (word) => normalizeTokens(word).some((token) => this.topicsByToken.has(token))))
      return this.noise([]);
    const asTyped = [...new Set(normalizeTokens(question))];
    // Spelling fixes count only next to a word we already know: on their own they turn plain
    // English into domain words ("taxes" → "takes", "apple" → "apply").
    if (!asTyped.some((token) => this.topicsByToken.has(token))) return this.unanchored(question);
    const tokens = [...new Set(normalizeTokens(question, this.speller))];
    const typed = new Set(asTyped);
    const votes = this.examples.posterior(tokens);
    const guarded = applyGuards(tokens, withVoted(this.rank(tokens, SEARCH_OPTIONS), votes));
    const ranked = preferBotRequests(tokens, this.blend(this.rerank(tokens, typed, guarded), votes));
    const top = ranked[0];
    // Only answer-prose words matched ("clear", "today"): a word in passing, not a question.
    if (!top || top.score <= 0 || (top.strong.size === 0 && tokens.length <= 1)) return this.noise(ranked);
    const coverage = this.coverage(tokens, typed, top);
    const margin = (top.score - (ranked[1]?.score ?? 0)) / top.score;
    const confidence = round(coverage * (0.6 + 0.4 * margin));
    const closest = ranked.map((r) => r.topic);
    // Negative evidence: words no topic uses ("weather") weigh at least as much as what the best
    // topic explains, so the question is probably not about that topic at all.
    const outweighed = this.unknownShare(tokens) >= coverage;
    const kind = decide(
      { confidence, margin, coverage, strong: top.strong.size > 0, outweighed, vote: votes.get(top.topic) ?? 0 },
      ranked.length,
      this.tuning,
    );
    const topic = kind === 'answer' ? top.topic : null;
    const order = kind === 'answer' ? closest.filter((id) => id !== topic) : closest;
    return { kind, topic, confidence, suggestions: this.fillSuggestions(order, topic, top.topic) };
  }

  /**
   * BM25 and the examples' vote on one scale: each divided by its best, then mixed. The BM25 part
   * already carries the coverage rerank; the vote adds what people's wording says.
   */
  private blend(ranked: Ranked[], votes: ReadonlyMap<FaqTopicId, number>): Ranked[] {
    const best = ranked[0]?.score ?? 0;
    const bestVote = Math.max(0, ...votes.values());
    if (bestVote === 0 || this.tuning.blend === 0) return ranked;
    const mixed = ranked.map((r) => ({
      ...r,
      score: lerp(best > 0 ? r.score / best : 0, (votes.get(r.topic) ?? 0) / bestVote, this.tuning.blend),
    }));
    return mixed.sort((a, b) => b.score - a.score);
  }

  /** Share of the question's rarity weight carried by words that no topic uses. */
  private unknownShare(tokens: readonly string[]): number {
    let total = 0;
    let unknown = 0;
    for (const token of tokens) {
      const weight = this.rarity(token);
      total += weight;
      // Digits ("13 to 10", a year) are content but say nothing about being off-topic.
      if (!this.topicsByToken.has(token) && !/^\d+$/.test(token)) unknown += weight;
    }
    return total > 0 ? unknown / total : 0;
  }

  /** No word of the question is one we know: typos of domain words still steer suggestions. */
  private unanchored(question: string): FaqMatch {
    const spelled = [...new Set(normalizeTokens(question, this.speller))];
    const guesses = spelled.some((token) => this.topicsByToken.has(token)) ? this.rank(spelled, SEARCH_OPTIONS) : [];
    const closest = guesses.map((r) => r.topic);
    // One unknown word ("clear", "test") is chat, not a question; several may be a real question
    // in words we don't know yet, which moderators can teach.
    if (guesses.length === 0 && spelled.length <= 1) return this.noise([]);
    // Two or more repaired words that are ours ("regster … advantge") are a question full of
    // typos, not plain English bent into domain words: offer the best guesses, never answer.
    const repaired = spelled.filter((token) => this.topicsByToken.has(token)).length;
    const kind = repaired >= 2 && guesses.length >= 2 ? 'did-you-mean' : 'unsure';
    return { kind, topic: null, confidence: 0, suggestions: this.fillSuggestions(closest, null, closest[0]) };
  }

  private noise(ranked: readonly Ranked[]): FaqMatch {
    const closest = ranked.map((r) => r.topic);
    return { kind: 'noise', topic: null, confidence: 0, suggestions: this.fillSuggestions(closest, null, closest[0]) };
  }

  suggest(query: string, limit = DEFAULT_SUGGEST_LIMIT): FaqTopicId[] {
    const max = Math.max(0, Math.floor(limit));
    const q = query.slice(0, MAX_QUESTION_LENGTH).trim().toLowerCase();
    if (!q) return this.ids.slice(0, max);
    // Someone typing an id or a title gets it first; a typed question falls back to the matcher,
    // with the last word treated as unfinished.
    const tiers: FaqTopicId[][] = [
      this.labels.filter((l) => l.id.startsWith(q)).map((l) => l.id),
      this.labels.filter((l) => l.words.some((w) => w.startsWith(q))).map((l) => l.id),
      this.labels.filter((l) => l.text.includes(q)).map((l) => l.id),
    ];
    const tokens = normalizeTokens(q, this.speller);
    if (tokens.length > 0) {
      const lastIsPrefix: SearchOptions['prefix'] = (_term, i, all) => i === all.length - 1;
      tiers.push(this.rank(tokens, { ...SEARCH_OPTIONS, prefix: lastIsPrefix }).map((r) => r.topic));
    }
    return [...new Set(tiers.flat())].slice(0, max);
  }
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** Topics only the examples voted for join the ranking with no BM25 score of their own. */
function withVoted(ranked: Ranked[], votes: ReadonlyMap<FaqTopicId, number>): Ranked[] {
  const seen = new Set(ranked.map((r) => r.topic));
  const extra = [...votes.keys()].filter((topic) => !seen.has(topic));
  return [
    ...ranked,
    ...extra.map((topic) => ({ topic, score: 0, strong: new Set<string>(), weak: new Set<string>() })),
  ];
}

const round = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
