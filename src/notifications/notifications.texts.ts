// What each kind of notification says, in both languages: the message centre and the mail use the
// same words. A kind's parameters are stored with it (notifications.params).
import { AGREEMENT_STATUSES, APPLICATION_STATUSES } from '../lib/vocab';

export type Lang = 'zh' | 'en';
type Params = Record<string, string>;

const stage = (status: string, lang: Lang) => {
  const label = APPLICATION_STATUSES[status as keyof typeof APPLICATION_STATUSES];
  return label ? label[lang === 'zh' ? 0 : 1] : status;
};

const agreementStatus = (status: string, lang: Lang) => {
  const label = AGREEMENT_STATUSES[status as keyof typeof AGREEMENT_STATUSES];
  return label ? label[lang === 'zh' ? 0 : 1] : status;
};

/** The interview details a stage change or a reschedule carries (empty when there are none). */
const interview = (p: Params, lang: Lang) => {
  if (!p.date) return '';
  if (lang === 'zh') return `面试时间：${p.date} ${p.time}${p.place ? `，地点：${p.place}` : ''}${p.link ? `，线上链接：${p.link}` : ''}。`;
  return ` Interview: ${p.date} at ${p.time}${p.place ? `, at ${p.place}` : ''}${p.link ? `, online: ${p.link}` : ''}.`;
};

export const NOTIFICATION_TEXTS = {
  import_finished: {
    zh: (p: Params) => `名册「${p.file}」已导入：写入 ${p.rows} 行${p.skipped !== '0' ? `，跳过 ${p.skipped} 行（未变化或不在本地区）` : ''}。`,
    en: (p: Params) => `The roster "${p.file}" is imported: ${p.rows} rows written${p.skipped !== '0' ? `, ${p.skipped} skipped (unchanged or outside your region)` : ''}.`,
  },
  agreement_status: {
    zh: (p: Params) => `您的定向培养协议（定向地区：${p.region}）状态已变为“${agreementStatus(p.status, 'zh')}”。${p.note ? `说明：${p.note}` : ''}`,
    en: (p: Params) => `Your directed-training agreement (target region: ${p.region}) is now "${agreementStatus(p.status, 'en')}".${p.note ? ` Note: ${p.note}` : ''}`,
  },
  application_stage: {
    zh: (p: Params) => `您报名的「${p.position}」（${p.employer}）已进入“${stage(p.stage, 'zh')}”阶段。${interview(p, 'zh')}${p.note ? `单位留言：${p.note}` : ''}`,
    en: (p: Params) =>
      `Your application to "${p.position}" (${p.employer}) is now at the stage "${stage(p.stage, 'en')}".${interview(p, 'en')}${p.note ? ` The employer says: ${p.note}` : ''}`,
  },
  interview_rescheduled: {
    zh: (p: Params) => `「${p.position}」（${p.employer}）的面试已改期。${interview(p, 'zh')}${p.note ? `单位留言：${p.note}` : ''}`,
    en: (p: Params) => `The interview for "${p.position}" (${p.employer}) has moved.${interview(p, 'en')}${p.note ? ` The employer says: ${p.note}` : ''}`,
  },
  invitation: {
    zh: (p: Params) => `${p.employer}邀请您报名岗位「${p.position}」（${p.region}）。`,
    en: (p: Params) => `${p.employer} invites you to apply to "${p.position}" (${p.region}).`,
  },
  application_closed_placed: {
    zh: (p: Params) => `${p.talent}报名「${p.position}」的申请已关闭：已在其他单位就业。`,
    en: (p: Params) => `${p.talent}'s application to "${p.position}" is closed: they are now employed elsewhere.`,
  },
  employer_verified: {
    zh: (p: Params) => `单位「${p.employer}」已通过认证，可以发布岗位了。`,
    en: (p: Params) => `"${p.employer}" is verified: you can now publish posts.`,
  },
  employer_rejected: {
    zh: (p: Params) => `单位「${p.employer}」未通过认证。原因：${p.reason}`,
    en: (p: Params) => `"${p.employer}" was not verified. The reason: ${p.reason}`,
  },
  round_proposal: {
    zh: (p: Params) => `「${p.round}」已公布：您被安排到「${p.position}」（${p.employer}）。请在轮次页面接受或放弃。`,
    en: (p: Params) => `"${p.round}" is published: you are proposed for "${p.position}" (${p.employer}). Accept or decline it on the round's page.`,
  },
  round_unplaced: {
    zh: (p: Params) => `「${p.round}」已公布：本轮没有为您安排岗位。轮次页面说明了原因；如有补录，我们会再通知您。`,
    en: (p: Params) => `"${p.round}" is published: no post was proposed to you this time. The round's page explains why; you will hear if a follow-up round opens.`,
  },
  round_employer: {
    zh: (p: Params) => `「${p.round}」已公布：您的岗位共有 ${p.count} 条录取建议，请逐一接受或放弃。`,
    en: (p: Params) => `"${p.round}" is published: your posts have ${p.count} proposal${p.count === '1' ? '' : 's'} to accept or decline.`,
  },
  proposal_response: {
    zh: (p: Params) =>
      `${p.who}已${p.response === 'accepted' ? '接受' : '放弃'}「${p.round}」中「${p.position}」的录取建议。${p.placed === '1' ? '双方均已接受，已记入就业。' : ''}`,
    en: (p: Params) =>
      `${p.who} ${p.response === 'accepted' ? 'accepted' : 'declined'} the proposal for "${p.position}" in "${p.round}".${p.placed === '1' ? ' Both sides accepted: the placement is recorded.' : ''}`,
  },
  registration_lapsing: {
    zh: (p: Params) => `您的社会工作者职业资格登记将于 ${p.until} 到期（还有 ${p.days} 天），请及时办理续期登记。`,
    en: (p: Params) => `Your social worker registration lapses on ${p.until} (in ${p.days} day${p.days === '1' ? '' : 's'}). Renew it in time.`,
  },
  export_finished: {
    zh: (p: Params) => `导出「${p.file}」已完成，共 ${p.rows} 行，可在导出页面下载。`,
    en: (p: Params) => `The export "${p.file}" is ready: ${p.rows} row${p.rows === '1' ? '' : 's'}. Download it from the exports page.`,
  },
} as const satisfies Record<string, Record<Lang, (p: Params) => string>>;

export type NotificationKind = keyof typeof NOTIFICATION_TEXTS;

export function notificationText(kind: string, params: Params, lang: Lang): string {
  const texts = NOTIFICATION_TEXTS[kind as NotificationKind];
  return texts ? texts[lang](params) : kind;
}
