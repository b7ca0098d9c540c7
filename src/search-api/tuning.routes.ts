// Search tuning by admins (issue #12 item 6): synonyms, dictionary words and the zero-result report.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { text } from '../lib/text';
import { TUNING_LIMITS } from '../lib/search';

const tags = ['Search'];

// Raw input is bounded generously here (traditional characters and full-width letters shrink when
// normalised); the service checks the normalised word against TUNING_LIMITS and names the field.
const Word = text(TUNING_LIMITS.wordLength * 2).min(1, 'is required');

const SynonymSchema = z.object({ id: z.string(), words: z.array(z.string()), createdAt: z.number().int() }).openapi('SearchSynonym');
const DictionaryWordSchema = z.object({ id: z.string(), word: z.string(), createdAt: z.number().int() }).openapi('SearchDictionaryWord');

export const NewSynonymBody = z
  .object({ words: z.array(Word).min(2, 'must list at least 2 words').max(TUNING_LIMITS.synonymsPerEntry, `must have at most ${TUNING_LIMITS.synonymsPerEntry} entries`) })
  .openapi('NewSearchSynonym');
export const NewDictionaryWordBody = z.object({ word: Word }).openapi('NewSearchDictionaryWord');

const TuningSchema = z
  .object({
    synonyms: z.array(SynonymSchema),
    dictionary: z.array(DictionaryWordSchema),
    pending: z.boolean().openapi({ description: 'true until Meilisearch has applied the latest change' }),
    builtIn: z.array(z.array(z.string())),
    limits: z.record(z.string(), z.number()),
  })
  .openapi('SearchTuning');

const IdParam = z.object({ id: z.string().min(1).max(64) });

export const getTuning = createRoute({
  method: 'get',
  path: '/admin/search/tuning',
  tags,
  summary: 'Synonym groups and dictionary words added by admins, and whether Meilisearch has applied them (admin only)',
  responses: { 200: jsonContent(TuningSchema, 'Tuning'), ...errorResponses },
});

export const addSynonym = createRoute({
  method: 'post',
  path: '/admin/search/synonyms',
  tags,
  summary: 'Add a synonym group: every word finds the others, in Meilisearch and the SQL fallback (admin only)',
  request: { body: jsonBody(NewSynonymBody) },
  responses: { 201: jsonContent(SynonymSchema, 'The group, words normalised'), ...errorResponses },
});

export const deleteSynonym = createRoute({
  method: 'delete',
  path: '/admin/search/synonyms/{id}',
  tags,
  summary: 'Delete a synonym group (admin only)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export const addDictionaryWord = createRoute({
  method: 'post',
  path: '/admin/search/dictionary',
  tags,
  summary: 'Add a word the analysis keeps whole (Meilisearch `dictionary` and the query segmentation; admin only)',
  request: { body: jsonBody(NewDictionaryWordBody) },
  responses: { 201: jsonContent(DictionaryWordSchema, 'The word, normalised'), ...errorResponses },
});

export const deleteDictionaryWord = createRoute({
  method: 'delete',
  path: '/admin/search/dictionary/{id}',
  tags,
  summary: 'Delete a dictionary word (admin only)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

const ZeroResultsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(z.object({ query: z.string(), entity: z.enum(['talent', 'position']), count: z.number().int() })),
  })
  .openapi('SearchZeroResults');

export const zeroResults = createRoute({
  method: 'get',
  path: '/admin/search/zero-results',
  tags,
  summary: 'Searches that found nothing in the last days: query text, index and count, most frequent first; never who asked (admin only)',
  request: { query: z.object({ days: z.coerce.number().int().min(1, 'must be at least 1').max(56, 'must be at most 56').default(7) }) },
  responses: { 200: jsonContent(ZeroResultsSchema, 'Zero-result queries'), ...errorResponses },
});
