// The texts a flash message may show: the catalogue's own and those of its placements and rounds
// sections. Their keys are distinct, so a flash is one key.
import { messages, type Lang, type Messages } from './index';

export type FlashKey = keyof Messages['flash'] | keyof Messages['placements']['flash'] | keyof Messages['rounds']['flash'];

/** The text of a flash key in `lang`, or null for a key no catalogue has. */
export function flashText(lang: Lang, key: string): string | null {
  const table: Record<string, string> = { ...messages(lang).rounds.flash, ...messages(lang).placements.flash, ...messages(lang).flash };
  return Object.hasOwn(table, key) ? table[key] : null;
}
