/**
 * `node --import tsx scripts/faq-build-examples.ts` (`npm run faq:examples`): writes the labelled
 * questions of every fixture set to `src/core/faq/examples.generated.json`, the matcher's
 * nearest-neighbour examples. The matcher lives in src/core (no fs), so it imports this file
 * rather than reading the fixtures; a test checks that it is current.
 *
 * Each example keeps its source set so that `faq:eval` can leave the evaluated set out. Rows with
 * several topics (`a|b`, a message asking two things) are left out: as a neighbour they would vote
 * for one topic with the wording of two. Rows with `-` are kept as off-topic examples (topic "-").
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_SOURCES, sourceRows } from '../test/support/faq-eval-rows.ts';

export const EXAMPLES_FILE = new URL('../src/core/faq/examples.generated.json', import.meta.url);

/** One `[source, topic, question]` array per line, so a fixture edit shows as a one-line diff. */
export function examplesJson(): string {
  const lines: string[] = [];
  for (const source of EXAMPLE_SOURCES) {
    for (const row of sourceRows(source)) {
      if (row.expected.length > 1) continue;
      lines.push(JSON.stringify([source, row.expected[0] ?? '-', row.question.trim()]));
    }
  }
  return `[\n${lines.join(',\n')}\n]\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = examplesJson();
  writeFileSync(EXAMPLES_FILE, text);
  console.log(`${text.split('\n').length - 3} examples -> ${fileURLToPath(EXAMPLES_FILE)}`);
}
