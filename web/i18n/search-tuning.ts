// Strings of the admin search tuning page (/admin/search). Same shape in both languages.
const zhTuning = {
  title: '搜索调优',
  lead: '管理同义词和词典，让搜索更懂用户的说法。修改会立即用于备用搜索（数据库），并在后台应用到搜索引擎。',
  pending: '最近的修改正在应用到搜索引擎；搜索引擎暂时不可用时，会在恢复后自动应用。',
  applied: '所有修改均已在搜索引擎中生效。',
  synonymsTitle: '同义词',
  synonymsLead: '同一组中的每个词都能搜到其他词。每组 2–{perEntry} 个词，每个词最多 {length} 个字；最多 {entries} 组。繁体字会自动转为简体。',
  synonymWords: '一组同义词',
  synonymHint: '用逗号或顿号分隔，例如：银龄、高龄、老年',
  addSynonym: '添加同义词组',
  noSynonyms: '还没有自定义的同义词组。',
  builtIn: '系统内置的同义词组（{n} 组，只读）',
  dictionaryTitle: '词典',
  dictionaryLead: '词典里的词在搜索时保持完整，不会被拆开（例如“儿童保护”不被拆成“儿童”和“保护”）。每个词 2–{length} 个汉字；最多 {entries} 个。',
  dictionaryWord: '词语',
  addWord: '加入词典',
  noWords: '词典中还没有自定义的词。',
  remove: '删除',
  removeSynonymConfirm: '删除这组同义词？',
  removeWordConfirm: '从词典中删除这个词？',
  words: '词语',
  added: '添加时间',
  actions: '操作',
  zeroTitle: '本周无结果的搜索',
  zeroLead:
    '{from} 至 {to} 岗位搜索中没有搜到任何结果的搜索词及次数，按次数从多到少排列。只记录搜索词本身，不记录人才搜索（其中常有姓名），不记录是谁搜索的；看起来像身份证号、手机号或邮箱的搜索词不会被记录。',
  zeroNone: '本周还没有无结果的搜索。',
  query: '搜索词',
  index: '搜索范围',
  indexes: { position: '岗位', talent: '人才' },
  count: '次数',
  asSynonym: '添加为同义词',
};

type TuningMessages = typeof zhTuning;

const enTuning: TuningMessages = {
  title: 'Search tuning',
  lead: 'Manage synonyms and the dictionary so that search understands how people put things. Changes apply to the fallback search (the database) at once and to the search engine in the background.',
  pending: 'The latest changes are being applied to the search engine; if it is unavailable, they are applied when it is back.',
  applied: 'Every change is in effect in the search engine.',
  synonymsTitle: 'Synonyms',
  synonymsLead:
    'Every word of a group finds the others. 2–{perEntry} words per group, each at most {length} characters; at most {entries} groups. Traditional characters become simplified.',
  synonymWords: 'A group of synonyms',
  synonymHint: 'Separated by commas, e.g. 银龄、高龄、老年',
  addSynonym: 'Add synonym group',
  noSynonyms: 'No synonym groups of your own yet.',
  builtIn: 'Built-in synonym groups ({n}, read-only)',
  dictionaryTitle: 'Dictionary',
  dictionaryLead: 'Dictionary words are kept whole when searching (e.g. 儿童保护 is not split into 儿童 and 保护). 2–{length} Chinese characters each; at most {entries} words.',
  dictionaryWord: 'Word',
  addWord: 'Add to dictionary',
  noWords: 'No dictionary words of your own yet.',
  remove: 'Delete',
  removeSynonymConfirm: 'Delete this synonym group?',
  removeWordConfirm: 'Delete this word from the dictionary?',
  words: 'Words',
  added: 'Added',
  actions: 'Actions',
  zeroTitle: "This week's searches without results",
  zeroLead:
    "Position searches that found nothing from {from} to {to}, most frequent first. Talent searches (often a person's name) are not recorded. Only the words are recorded, never who searched; words that look like an ID number, a phone number or an e-mail address are not recorded.",
  zeroNone: 'No search without results this week.',
  query: 'Search words',
  index: 'Searched',
  indexes: { position: 'Positions', talent: 'Talents' },
  count: 'Count',
  asSynonym: 'Add as synonym',
};

export { zhTuning, enTuning };
export type { TuningMessages };
