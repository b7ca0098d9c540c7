// The maintained synonym list. Each group is a set of words that users mean interchangeably;
// every word in a group finds every other (Meilisearch `synonyms`, and the SQL fallback expands a
// query term to its group the same way). Keep groups small and unambiguous: a synonym widens every
// query that contains it. Add a relevance case in test/search/ when you add a group.
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['社工', '社会工作', '社会工作者', 'social worker', 'social work'],
  ['老人', '老年', '老年人', '养老', '长者', 'elderly'],
  ['残疾', '残障', '残疾人', 'disability', 'disabled'],
  ['小孩', '儿童', '少儿', '孩子', '未成年人', 'children', 'child'],
  ['青少年', '青年', 'youth'],
  ['医务', '医院', '医疗', 'medical', 'hospital'],
  ['心理', '心理健康', '心理咨询', 'mental health'],
  ['社区', '社区治理', 'community'],
  ['禁毒', '戒毒', 'drug rehabilitation'],
  ['矫正', '社区矫正', 'corrections'],
  ['救助', '社会救助', 'social assistance'],
  ['志愿', '志愿者', '志愿服务', 'volunteer'],
  ['退役军人', '退伍军人', 'veterans'],
  ['家庭', '婚姻家庭', 'family'],
  ['驻校', '校园', '学校社工', 'school social worker'],
  ['社工站', '社会工作服务站', '乡镇社工站'],
  ['助理社工师', '助理社会工作师'],
  ['中级社工师', '社会工作师'],
  ['高级社工师', '高级社会工作师'],
  ['大专', '专科'],
  ['本科', '学士'],
  ['硕士', '研究生', '硕士研究生'],
  ['蒙语', '蒙古语'],
  ['普通话', '汉语'],
];

/** The groups as Meilisearch's `synonyms` setting: each word maps to the rest of its group. */
export function meiliSynonyms(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      out[word] = [...new Set([...(out[word] ?? []), ...others])];
    }
  }
  return out;
}

/** A query term and the words it stands for (itself first), for the SQL fallback. */
export function expandTerm(term: string, groups: readonly (readonly string[])[] = SYNONYM_GROUPS): string[] {
  const lower = term.toLowerCase();
  const out = [term];
  for (const group of groups) {
    if (group.some((w) => w.toLowerCase() === lower)) out.push(...group.filter((w) => w.toLowerCase() !== lower));
  }
  return [...new Set(out)];
}
