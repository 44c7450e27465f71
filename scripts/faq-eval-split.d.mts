export const SEED: number;
export const TRAIN_SHARE: number;
export function split<T>(lines: readonly T[], seed?: number): { train: T[]; holdout: T[] };
