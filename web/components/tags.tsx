// Vocabulary codes as a list of tags.
import { label as vocabLabel } from '../../src/lib/vocab';
import type { Lang } from '../i18n';
import type { Labels } from './fields';

export function Tags({ codes, vocab, lang }: { codes: string[]; vocab: Labels; lang: Lang }) {
  if (codes.length === 0) return null;
  return (
    <ul class="tags">
      {codes.map((c) => (
        <li class="tag">{vocabLabel(vocab, c, lang)}</li>
      ))}
    </ul>
  );
}
