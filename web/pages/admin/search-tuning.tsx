// /admin/search: admins manage synonym groups and dictionary words and read this week's
// zero-result searches (issue #12 item 6). A thin view over src/search-api/tuning.service.ts; the
// forms post here, validate with the API's schemas and call the same service. "Add as synonym" on a
// zero-result query fills the synonym form with it (/admin/search?synonym=…#synonym-form).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { NewDictionaryWordBody, NewSynonymBody } from '../../../src/search-api';
import { searchTuning as tuning } from '../../../src/search-api';
import { ActionButton, ErrorSummary, TextField } from '../../components';
import { readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { messages, fmt } from '../../i18n';
import { redirectWith } from '../../flash';
import { day, page, render, requireRole, type WebContext } from '../../page';

export const searchTuningPages = new Hono<AppEnv>();
searchTuningPages.use('/admin/search', requireRole('admin'));
searchTuningPages.use('/admin/search/*', requireRole('admin'));

/** A typed group: words separated by commas, 、, semicolons or new lines (a Latin word may hold spaces). */
const splitWords = (s: string) =>
  s
    .split(/[,，、;；\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);

function localised(errors: FormErrors): FormErrors {
  const fields: Record<string, string> = {};
  // Every problem of the group is shown at its one input (the texts are already the page's language).
  for (const [k, v] of Object.entries(errors.fields)) fields[k.startsWith('words') ? 'words' : k] ??= v;
  return { fields, summary: errors.summary };
}

interface Forms {
  synonym?: { values: FormValues; errors?: FormErrors };
  word?: { values: FormValues; errors?: FormErrors };
}

async function tuningPage(c: WebContext, forms: Forms = {}, status = 200) {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).searchTuning;
  const [view, zero] = await Promise.all([tuning.getTuning(deps, user!), tuning.zeroResults(deps, user!, 7)]);
  const prefill = c.req.query('synonym');
  const synonymValues = forms.synonym?.values ?? (prefill ? { words: prefill.slice(0, 200) } : {});
  const L = view.limits;
  return render(
    c,
    x.title,
    <>
      <div class="page-head">
        <h1>{x.title}</h1>
        <p>{x.lead}</p>
      </div>
      <div class={view.pending ? 'notice warning' : 'notice success'} role="status">
        <p>{view.pending ? x.pending : x.applied}</p>
      </div>

      <section class="card" aria-labelledby="synonyms-title">
        <h2 id="synonyms-title">{x.synonymsTitle}</h2>
        <p class="muted small">{fmt(x.synonymsLead, { perEntry: L.synonymsPerEntry, length: L.wordLength, entries: L.synonymEntries })}</p>
        <form method="post" action="/admin/search/synonyms" id="synonym-form" class="form-grid">
          <ErrorSummary errors={forms.synonym?.errors} />
          <TextField name="words" label={x.synonymWords} hint={x.synonymHint} maxlength={400} values={synonymValues} errors={forms.synonym?.errors} required wide />
          <div class="form-actions">
            <button type="submit">{x.addSynonym}</button>
          </div>
        </form>
        {view.synonyms.length === 0 ? (
          <p class="muted">{x.noSynonyms}</p>
        ) : (
          <div class="table-wrap">
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{x.words}</th>
                  <th scope="col">{x.added}</th>
                  <th scope="col">{x.actions}</th>
                </tr>
              </thead>
              <tbody>
                {view.synonyms.map((s) => (
                  <tr>
                    <td>{s.words.join('、')}</td>
                    <td>{day(s.createdAt)}</td>
                    <td>
                      <ActionButton action={`/admin/search/synonyms/${encodeURIComponent(s.id)}/delete`} label={x.remove} tone="danger" confirm={x.removeSynonymConfirm} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <details>
          <summary>{fmt(x.builtIn, { n: view.builtIn.length })}</summary>
          <ul class="small">
            {view.builtIn.map((g) => (
              <li>{g.join('、')}</li>
            ))}
          </ul>
        </details>
      </section>

      <section class="card" aria-labelledby="dictionary-title">
        <h2 id="dictionary-title">{x.dictionaryTitle}</h2>
        <p class="muted small">{fmt(x.dictionaryLead, { length: L.dictionaryWordLength, entries: L.dictionaryEntries })}</p>
        <form method="post" action="/admin/search/dictionary" id="word-form" class="form-grid">
          <ErrorSummary errors={forms.word?.errors} />
          <TextField name="word" label={x.dictionaryWord} maxlength={40} values={forms.word?.values ?? {}} errors={forms.word?.errors} required />
          <div class="form-actions">
            <button type="submit">{x.addWord}</button>
          </div>
        </form>
        {view.dictionary.length === 0 ? (
          <p class="muted">{x.noWords}</p>
        ) : (
          <ul class="tags mt-12" aria-label={x.dictionaryTitle}>
            {view.dictionary.map((d) => (
              <li class="row">
                <span>{d.word}</span>
                <ActionButton action={`/admin/search/dictionary/${encodeURIComponent(d.id)}/delete`} label={x.remove} tone="secondary" confirm={x.removeWordConfirm} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="zero-title">
        <h2 id="zero-title">{x.zeroTitle}</h2>
        <p class="muted small">{fmt(x.zeroLead, { from: zero.from, to: zero.to })}</p>
        {zero.items.length === 0 ? (
          <p class="muted">{x.zeroNone}</p>
        ) : (
          <div class="table-wrap">
            <table class="stat-table" id="zero-results">
              <thead>
                <tr>
                  <th scope="col">{x.query}</th>
                  <th scope="col">{x.index}</th>
                  <th scope="col">{x.count}</th>
                  <th scope="col">{x.actions}</th>
                </tr>
              </thead>
              <tbody>
                {zero.items.map((z) => (
                  <tr>
                    <td>{z.query}</td>
                    <td>{x.indexes[z.entity]}</td>
                    <td>{z.count}</td>
                    <td>
                      <a class="btn secondary small" href={`/admin/search?synonym=${encodeURIComponent(z.query.replace(/ /g, '、'))}#synonym-form`}>
                        {x.asSynonym}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>,
    status,
    '/admin/search',
  );
}

searchTuningPages.get('/admin/search', (c) => tuningPage(c));

searchTuningPages.post('/admin/search/synonyms', async (c) => {
  const { m, deps, user } = page(c);
  const values = await readForm(c);
  const out = await submit(m, NewSynonymBody, { words: splitWords(text(values, 'words')) }, (body) => tuning.addSynonym(deps, user!, body));
  if (out.ok) return redirectWith(c, '/admin/search', 'searchSynonymAdded');
  return tuningPage(c, { synonym: { values, errors: localised(out.errors) } }, out.status);
});

searchTuningPages.post('/admin/search/synonyms/:id/delete', async (c) => {
  const { deps, user } = page(c);
  await tuning.deleteSynonym(deps, user!, c.req.param('id'));
  return redirectWith(c, '/admin/search', 'searchSynonymDeleted');
});

searchTuningPages.post('/admin/search/dictionary', async (c) => {
  const { m, deps, user } = page(c);
  const values = await readForm(c);
  const out = await submit(m, NewDictionaryWordBody, { word: text(values, 'word') }, (body) => tuning.addDictionaryWord(deps, user!, body));
  if (out.ok) return redirectWith(c, '/admin/search', 'searchWordAdded');
  return tuningPage(c, { word: { values, errors: localised(out.errors) } }, out.status);
});

searchTuningPages.post('/admin/search/dictionary/:id/delete', async (c) => {
  const { deps, user } = page(c);
  await tuning.deleteDictionaryWord(deps, user!, c.req.param('id'));
  return redirectWith(c, '/admin/search', 'searchWordDeleted');
});
