// The texts a flash message may show: the shared catalogue's and those of the pages that keep their
// own strings (placements and agreements, rounds). Their keys are distinct, so a flash is one key.
import { messages, type Lang, type Messages } from './index';
import { placementsText, type PlacementsText } from './placements';
import { roundsText, type RoundsText } from './rounds';

export type FlashKey = keyof Messages['flash'] | keyof PlacementsText['flash'] | keyof RoundsText['flash'];

/** The text of a flash key in `lang`, or null for a key no catalogue has. */
export function flashText(lang: Lang, key: string): string | null {
  const table: Record<string, string> = { ...roundsText[lang].flash, ...placementsText[lang].flash, ...messages(lang).flash };
  return Object.hasOwn(table, key) ? table[key] : null;
}
