/**
 * A small seeded pseudo-random generator (mulberry32). The broker never calls Math.random:
 * the same seed and the same calls give the same choices, and so the same trace.
 */
import { InvalidArgumentError } from "./errors.js";

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/** A generator for `seed`, any safe integer (its low 32 bits pick the stream). */
export function createRandom(seed: number): Random {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError("The seed", "must be an integer", seed, "Pass a whole number such as 1; the same seed gives the same choices.");
  }
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => {
      if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("Random.int(n): n", "must be an integer >= 1", n);
      return Math.floor(next() * n);
    },
  };
}
