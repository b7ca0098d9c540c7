// The relevance set (issue #12): realistic queries by graduates (posts), employers and departments
// (talents), each with its truth written as a SQL predicate over the demo data (db/demo, fixed seed
// and date) — never taken from search results. Position predicates see `p` (positions), `e`
// (employers); talent predicates see `t` (talents). The scope (open posts closing today or later;
// talents open to employers, or a department's region 15) is added by the runner.
//
// Written before any tuning. Every third case (index 2, 5, 8, …) is HELD OUT: never inspected while
// tuning; its figures are reported separately.
import type { PositionFilters, TalentFilters } from '../../../search/engine';

export type Who = 'graduate' | 'employer' | 'department';
export type Style = 'simplified' | 'traditional' | 'pinyin' | 'abbreviation' | 'conversational' | 'filter';

interface Base {
  q: string;
  style: Style;
  truth: string;
}
export type RelevanceCase =
  | (Base & { entity: 'position'; who: 'graduate'; filters?: PositionFilters })
  | (Base & { entity: 'talent'; who: 'employer' | 'department'; filters?: TalentFilters });

// ----- predicate helpers -----
const area = (alias: 'p' | 't', code: string) => `EXISTS (SELECT 1 FROM json_each(${alias}.service_areas) j WHERE j.value = '${code}')`;
const lang = (alias: 'p' | 't', code: string) => `EXISTS (SELECT 1 FROM json_each(${alias}.languages) j WHERE j.value = '${code}')`;
const inRegion = (alias: 'p' | 't', code: string) => `${alias}.region_code LIKE '${code}%'`;
const and = (...parts: string[]) => parts.map((p) => `(${p})`).join(' AND ');
const pArea = (c: string) => area('p', c);
const tArea = (c: string) => area('t', c);
const pIn = (c: string) => inRegion('p', c);
const tIn = (c: string) => inRegion('t', c);
const kind = (k: string) => `p.kind = '${k}'`;
const employment = (k: string) => `p.employment_type = '${k}'`;
const qualified = `t.qualification_level <> 'none'`;
const qual = (q: string) => `t.qualification_level = '${q}'`;
/** Graduating this year or last (the demo's date is 2026-06-01): 应届毕业生. */
const freshGraduate = `t.graduation_year IN (2025, 2026)`;
/** A directed-training agreement still running (定向培养). */
const directed = `EXISTS (SELECT 1 FROM agreements a WHERE a.talent_id = t.id AND a.status IN ('in_training', 'awaiting_placement', 'serving'))`;

const P = (q: string, style: Style, truth: string, filters?: PositionFilters): RelevanceCase => ({ entity: 'position', who: 'graduate', q, style, truth, filters });
const E = (q: string, style: Style, truth: string, filters?: TalentFilters): RelevanceCase => ({ entity: 'talent', who: 'employer', q, style, truth, filters });
const D = (q: string, style: Style, truth: string, filters?: TalentFilters): RelevanceCase => ({ entity: 'talent', who: 'department', q, style, truth, filters });

export const CASES: readonly RelevanceCase[] = [
  // ----- graduates looking for posts -----
  P('养老', 'simplified', pArea('elderly')),
  P('养老 呼和浩特', 'simplified', and(pArea('elderly'), pIn('1501'))),
  P('儿童保护 包头', 'simplified', and(pArea('children'), pIn('1502'))),
  P('乌兰察布 社工站', 'simplified', and(kind('station_worker'), pIn('1509'))),
  P('呼和浩特', 'simplified', pIn('1501')),
  P('医务社工', 'simplified', kind('medical_worker')),
  P('残疾人服务', 'simplified', pArea('disability')),
  P('实习', 'simplified', employment('INTERN')),
  P('兼职', 'simplified', employment('PART_TIME')),
  P('社工站站长', 'simplified', `p.title = '社工站站长'`),
  P('养老院', 'simplified', pArea('elderly')),
  P('呼和浩特养老', 'simplified', and(pArea('elderly'), pIn('1501'))),
  P('找养老方面的工作', 'conversational', pArea('elderly')),
  P('我想在包头找个儿童方面的社工岗位', 'conversational', and(pArea('children'), pIn('1502'))),
  P('醫務社工', 'traditional', kind('medical_worker')),
  P('兒童 包頭', 'traditional', and(pArea('children'), pIn('1502'))),
  P('yanglao', 'pinyin', pArea('elderly')),
  P('shegongzhan', 'pinyin', kind('station_worker')),
  P('huhehaote ertong', 'pinyin', and(pArea('children'), pIn('1501'))),
  P('禁毒', 'simplified', pArea('drug_rehab')),
  P('社区矫正', 'simplified', pArea('corrections')),
  P('驻校社工', 'simplified', kind('school_worker')),
  P('心理健康', 'simplified', pArea('mental_health')),
  P('蒙古语', 'simplified', lang('p', 'mongolian')),
  P('懂蒙古语 锡林郭勒', 'conversational', and(lang('p', 'mongolian'), pIn('1525'))),
  P('赤峰 社区工作者', 'simplified', and(kind('community_worker'), pIn('1504'))),
  P('鄂尔多斯 学校社工', 'simplified', and(`p.employer_type = 'school'`, pIn('1506'))),
  P('退役军人', 'simplified', pArea('veterans')),
  P('家庭服务', 'simplified', pArea('family')),
  P('青少年', 'simplified', pArea('youth')),
  P('社会救助', 'simplified', pArea('assistance')),
  P('安宁疗护', 'simplified', `p.title LIKE '%安宁疗护%'`),
  P('网格员', 'simplified', `p.title LIKE '%网格员%'`),
  P('乌海', 'simplified', pIn('1503')),
  P('养老', 'filter', and(pArea('elderly'), pIn('1502')), { regionCode: '1502' }),
  P('儿童', 'filter', and(pArea('children'), employment('FULL_TIME')), { employmentTypes: ['FULL_TIME'] }),
  P('社工', 'filter', kind('medical_worker'), { kinds: ['medical_worker'] }),
  P('呼市 养老', 'abbreviation', and(pArea('elderly'), pIn('1501'))),
  P('锡盟 社工站', 'abbreviation', and(kind('station_worker'), pIn('1525'))),
  P('包头市 残障', 'simplified', and(pArea('disability'), pIn('1502'))),
  P('科尔沁区', 'simplified', pIn('150502')),
  P('兴安盟 儿童', 'simplified', and(pArea('children'), pIn('1522'))),
  P('有没有呼伦贝尔的禁毒岗位', 'conversational', and(pArea('drug_rehab'), pIn('1507'))),
  P('jiaozheng', 'pinyin', pArea('corrections')),
  P('乡镇社工站', 'simplified', kind('station_worker')),
  P('實習', 'traditional', employment('INTERN')),
  P('通辽 社会救助', 'simplified', and(pArea('assistance'), pIn('1505'))),
  P('心理', 'filter', and(pArea('mental_health'), pIn('1501')), { regionCode: '1501' }),
  P('baotou', 'pinyin', pIn('1502')),

  // ----- employers looking for people (talents open to employers, no names) -----
  E('老年 呼和浩特', 'simplified', and(tArea('elderly'), tIn('1501'))),
  E('持证', 'simplified', qualified),
  E('持证 呼和浩特', 'simplified', and(qualified, tIn('1501'))),
  E('懂蒙古语 持证', 'conversational', and(lang('t', 'mongolian'), qualified)),
  E('中级社工师', 'abbreviation', qual('intermediate')),
  E('社会工作师', 'simplified', qual('intermediate')),
  E('助理社工师', 'abbreviation', qual('assistant')),
  E('应届毕业生', 'simplified', freshGraduate),
  E('北师大', 'abbreviation', `t.school = '北京师范大学'`),
  E('内蒙古师大', 'abbreviation', `t.school = '内蒙古师范大学'`),
  E('硕士 儿童', 'simplified', and(`t.education_level = 'master'`, tArea('children'))),
  E('可立即到岗', 'simplified', `t.availability = 'available'`),
  E('可立即到岗 养老 包头', 'conversational', and(`t.availability = 'available'`, tArea('elderly'), tIn('1502'))),
  E('醫務', 'traditional', tArea('medical')),
  E('兒童 包頭', 'traditional', and(tArea('children'), tIn('1502'))),
  E('ertong', 'pinyin', tArea('children')),
  E('找会蒙古语的社工', 'conversational', lang('t', 'mongolian')),
  E('通辽 心理健康', 'simplified', and(tArea('mental_health'), tIn('1505'))),
  E('英语', 'simplified', lang('t', 'english')),
  E('手语', 'simplified', lang('t', 'sign')),
  E('残障', 'simplified', tArea('disability')),
  E('呼和浩特民族学院', 'simplified', `t.school = '呼和浩特民族学院'`),
  E('长沙民政', 'abbreviation', `t.school = '长沙民政职业技术学院'`),
  E('社区矫正 赤峰', 'simplified', and(tArea('corrections'), tIn('1504'))),
  E('本科 禁毒', 'simplified', and(`t.education_level = 'bachelor'`, tArea('drug_rehab'))),
  E('养老', 'filter', and(tArea('elderly'), `t.qualification_level IN ('intermediate', 'senior')`), { qualificationAtLeast: 'intermediate' }),
  E('儿童', 'filter', and(tArea('children'), `t.availability = 'available'`, tIn('1501')), { availability: ['available'], regionCode: '1501' }),
  E('持证社工', 'simplified', qualified),
  E('家庭', 'simplified', tArea('family')),
  E('乌兰察布', 'simplified', tIn('1509')),
  E('yanglao huhehaote', 'pinyin', and(tArea('elderly'), tIn('1501'))),
  E('有持证的老年服务人才吗', 'conversational', and(qualified, tArea('elderly'))),
  E('心理学', 'simplified', `t.major IN ('心理学', '应用心理学')`),
  E('高级社工师', 'abbreviation', qual('senior')),

  // ----- departments (region 15; names searchable) -----
  D('定向', 'abbreviation', directed),
  D('应届 社会工作', 'abbreviation', and(freshGraduate, `t.major = '社会工作'`)),
  D('定向培养 通辽', 'simplified', and(directed, tIn('1505'))),
  D('老年 呼和浩特', 'simplified', and(tArea('elderly'), tIn('1501'))),
  D('中級社工師', 'traditional', qual('intermediate')),
  D('鄂尔多斯 持证社工', 'simplified', and(qualified, tIn('1506'))),
  D('锡林郭勒盟 蒙古语', 'simplified', and(lang('t', 'mongolian'), tIn('1525'))),
  D('应届毕业生', 'filter', and(freshGraduate, tIn('1504')), { regionCode: '1504' }),
  D('巴彦淖尔 社会救助', 'simplified', and(tArea('assistance'), tIn('1508'))),
];

/** Held-out cases: every third, never inspected while tuning. */
export const isHeldOut = (index: number) => index % 3 === 2;
