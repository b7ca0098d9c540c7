// Page strings for the audit parts of a round's page (web/pages/rounds/audit.tsx): reserve policy,
// frozen inputs, publication checks and the follow-up round.
const zh = {
  policyTitle: '定向名额的分配规则',
  policyHeading: (name: string) => `定向名额的分配规则：${name}`,
  policies: {
    reserved_first: '定向名额优先',
    general_first: '普通名额优先',
  },
  policyLead: {
    reserved_first: '本轮采用“定向名额优先”：先由分数最高的定向生占定向名额，其余所有人（含未占到定向名额的定向生）再按分数竞争普通名额。',
    general_first: '本轮采用“普通名额优先”：普通名额先按分数分给所有人（定向生也可以占普通名额），再由剩下的定向生按分数占定向名额。',
  },
  policyRevert: '两种规则下，没有定向生使用的定向名额都会转给其他人。规则在第一次运行时随输入一并冻结，并写入导出文件。',
  exampleTitle: '小例子',
  example: '某岗位 2 个名额，其中 1 个定向名额。申请人按分数：定向生甲 90 分，非定向生乙 80 分，定向生丙 70 分。',
  exampleOutcome: {
    reserved_first: '定向名额优先：甲占定向名额，乙以 80 分胜过丙占普通名额；录用甲、乙。',
    general_first: '普通名额优先：甲以最高分占普通名额，定向名额给剩下的定向生丙；录用甲、丙。',
  },
  policyField: '定向名额的分配规则',
  policyHint: '两种规则的区别见本轮页面上的小例子；第一次运行后不能再改。',
  policyUsed: '本轮结果采用的规则：',
  inputsTitle: '冻结的输入',
  inputsLead: '第一次运行时，本轮读取的全部输入（人才条件、定向协议、工作经历、岗位要求与空余名额、权重和规则）都已保存；之后重新运行、解释和页面都只用这份快照。',
  inputsNone: '尚未运行，输入还未冻结。',
  inputsVersion: (v: number, at: string) => `第 ${v} 版输入，保存于 ${at}`,
  inputsStale: '输入已刷新或固定分配有变动，当前结果基于旧输入：请重新运行后再发布。',
  refreshLead: '如果发布前需要采用最新的档案、协议和岗位信息，可以刷新输入。刷新会保存新的快照并记入审计日志，之后须重新运行。',
  refreshButton: '刷新输入',
  publicationTitle: '公开与核验',
  publicationLead: '下载本轮的匿名化输入和结果（JSON 文件），交给审计或第三方核验机构：他们可以用本系统公开的核验程序（或自己编写的程序）独立重算，核对结果是否一致。',
  exportLink: '下载匿名化轮次文件',
  reportLink: '公开的轮次报告（JSON 数据：各岗位名额、录取数、分数线，不含姓名）',
  followUpTitle: '补录',
  followUpLead: '为本轮仍有空余名额的岗位和仍未安置、仍在求职的人才开一个补录轮次，并立即开始征集志愿；相关人才会在“我的匹配”中看到。',
  followUpButton: '开始补录',
  followsRound: '本轮是补录轮次，补录的轮次：',
};

const en: typeof zh = {
  policyTitle: 'How reserved seats are filled',
  policyHeading: (name: string) => `How reserved seats are filled: ${name}`,
  policies: {
    reserved_first: 'Reserved seats first',
    general_first: 'General seats first',
  },
  policyLead: {
    reserved_first:
      'This round fills reserved seats first: the best-scoring directed graduates take the reserved seats, then everyone else (including directed graduates without one) competes for the general seats by score.',
    general_first:
      'This round fills general seats first: general seats go by score to everyone (directed graduates too), then the remaining directed graduates take the reserved seats by score.',
  },
  policyRevert: 'Under both rules, reserved seats no directed graduate takes go to others. The rule is frozen with the inputs at the first run and recorded in the exported file.',
  exampleTitle: 'A small example',
  example: 'A post has 2 seats, 1 of them reserved. Applicants by score: directed A 90, non-directed B 80, directed C 70.',
  exampleOutcome: {
    reserved_first: 'Reserved seats first: A takes the reserved seat, B beats C (80 to 70) for the general seat; A and B are placed.',
    general_first: 'General seats first: A takes the general seat on the best score, the reserved seat goes to the remaining directed C; A and C are placed.',
  },
  policyField: 'How reserved seats are filled',
  policyHint: "The round's page shows the difference with a small example; it cannot change after the first run.",
  policyUsed: 'Rule this result used: ',
  inputsTitle: 'Frozen inputs',
  inputsLead:
    "At the first run everything the round reads (talents' attributes, agreements, work history, post requirements and free seats, weights and rules) was saved; re-runs, explanations and pages use only that snapshot.",
  inputsNone: 'Not run yet: the inputs are not frozen.',
  inputsVersion: (v: number, at: string) => `Inputs version ${v}, saved ${at}`,
  inputsStale: 'The inputs were refreshed or the pins changed, and the result is from the old inputs: run again before publishing.',
  refreshLead: 'To use the latest profiles, agreements and posts before publishing, refresh the inputs. This saves a new snapshot, is audit-logged, and needs a new run.',
  refreshButton: 'Refresh inputs',
  publicationTitle: 'Publication and checking',
  publicationLead:
    "Download the round's anonymised inputs and result (a JSON file) for an auditor or an independent checker: they can recompute the matching with this system's published checker (or their own) and see whether it agrees.",
  exportLink: 'Download the anonymised round file',
  reportLink: 'Public round report (JSON data: seats, placed, cut-offs per post; no names)',
  followUpTitle: 'Follow-up round',
  followUpLead:
    'Open a follow-up round for the posts of this round with seats left and the talents still unplaced and seeking, collecting choices at once; those talents see it among their rounds.',
  followUpButton: 'Start follow-up round',
  followsRound: 'This is a follow-up round of:',
};

export type RoundsAuditText = typeof zh;
export { zh as zhRoundsAudit, en as enRoundsAudit };
