/**
 * The promise's value if it settles within `ms`, else undefined; the work carries on either way.
 * Platforms give an answer a deadline (Discord's and Slack's 3 seconds), the work has none.
 */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
