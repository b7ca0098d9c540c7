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
    zh: (p: Params) => `您报名的「${p.position}」（${p.employer}）已进入“${stage(p.stage, 'zh')}”阶段。${p.note ? `单位留言：${p.note}` : ''}`,
    en: (p: Params) => `Your application to "${p.position}" (${p.employer}) is now at the stage "${stage(p.stage, 'en')}".${p.note ? ` The employer says: ${p.note}` : ''}`,
  },
  employer_verified: {
    zh: (p: Params) => `单位「${p.employer}」已通过认证，可以发布岗位了。`,
    en: (p: Params) => `"${p.employer}" is verified: you can now publish posts.`,
  },
  employer_rejected: {
    zh: (p: Params) => `单位「${p.employer}」未通过认证。原因：${p.reason}`,
    en: (p: Params) => `"${p.employer}" was not verified. The reason: ${p.reason}`,
  },
} as const satisfies Record<string, Record<Lang, (p: Params) => string>>;

export type NotificationKind = keyof typeof NOTIFICATION_TEXTS;

export function notificationText(kind: string, params: Params, lang: Lang): string {
  const texts = NOTIFICATION_TEXTS[kind as NotificationKind];
  return texts ? texts[lang](params) : kind;
}
