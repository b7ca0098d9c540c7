// One seeded source of randomness for the whole demo generation. Everything — names, ids, dates —
// comes from it, in a fixed order, so a seed always gives the same database.
import { Faker, base, en, generateMersenne53Randomizer, zh_CN, type Randomizer } from '@faker-js/faker';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export class Rng {
  private readonly randomizer: Randomizer = generateMersenne53Randomizer();
  /** Its own instance with fakerZH_CN's locale chain (zh_CN → en → base), sharing one seeded stream
   * with next(), so no other user of the shared fakerZH_CN can disturb the sequence. */
  readonly faker = new Faker({ locale: [zh_CN, en, base], randomizer: this.randomizer });

  constructor(seed: number) {
    this.faker.seed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight from [value, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }

  /** Up to `n` distinct values by weight. */
  weightedSet<T>(pairs: readonly (readonly [T, number])[], n: number): T[] {
    const left = [...pairs];
    const out: T[] = [];
    while (out.length < n && left.length > 0) {
      const v = this.weighted(left);
      out.push(v);
      left.splice(
        left.findIndex(([x]) => x === v),
        1,
      );
    }
    return out;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }

  /** An id shaped like src/lib/ids.ts newId() (16 letters of lower-case base32), but seeded. */
  id(): string {
    let s = '';
    for (let i = 0; i < 16; i++) s += ID_ALPHABET[Math.floor(this.next() * 32)];
    return s;
  }

  mobile(): string {
    return this.pick(MOBILE_PREFIXES) + this.digits(8);
  }
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const startOfDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
