// Word lists for the demo data of 内蒙古自治区 (code 15). Person names come from faker's zh_CN
// locale; this file holds what faker does not know: Mongolian given names, real social work
// programmes, the shapes of employer names, and post titles and duties as they are advertised.

/** Population of each league/city in 10,000s (2020 census, rounded): where people and posts are. */
export const CITY_WEIGHTS: Record<string, number> = {
  '1501': 345, // 呼和浩特市
  '1502': 271, // 包头市
  '1503': 56, // 乌海市
  '1504': 404, // 赤峰市
  '1505': 287, // 通辽市
  '1506': 215, // 鄂尔多斯市
  '1507': 224, // 呼伦贝尔市
  '1508': 154, // 巴彦淖尔市
  '1509': 171, // 乌兰察布市
  '1522': 142, // 兴安盟
  '1525': 111, // 锡林郭勒盟
  '1529': 26, // 阿拉善盟
};

/** Telephone area codes, for landlines in employer addresses. */
export const AREA_CODES: Record<string, string> = {
  '1501': '0471', '1502': '0472', '1503': '0473', '1504': '0476', '1505': '0475', '1506': '0477',
  '1507': '0470', '1508': '0478', '1509': '0474', '1522': '0482', '1525': '0479', '1529': '0483',
};

/** GB/T 3304 ethnicity codes weighted for Inner Mongolia's population (in per mille). */
export const ETHNICITY_WEIGHTS: [code: string, weight: number][] = [
  ['01', 770], // 汉族
  ['02', 172], // 蒙古族
  ['11', 30], // 满族
  ['03', 16], // 回族
  ['31', 6], // 达斡尔族
  ['45', 3], // 鄂温克族
  ['52', 1.5], // 鄂伦春族
  ['10', 1.5], // 朝鲜族
];

// Many Mongols in Inner Mongolia go by their given name alone; others add a Han-style surname.
export const MONGOL_NAMES = {
  male: ['巴特尔', '额尔敦', '宝音', '朝鲁', '那顺', '阿拉坦', '巴图', '苏和', '特木尔', '毕力格', '乌力吉', '孟和', '吉日嘎拉', '敖日格乐', '图门', '哈斯巴根', '达来', '布和', '巴雅尔', '额尔德尼', '乌日图', '朝克图', '宝力道', '满都拉', '格日勒图', '那日松', '斯琴巴特尔', '旭日', '阿木古楞', '额日和木'],
  female: ['其其格', '乌云', '萨仁', '图雅', '娜仁', '斯琴', '高娃', '苏日娜', '格日勒', '乌兰', '托雅', '塔娜', '阿如娜', '萨日朗', '其木格', '乌日娜', '诺敏', '斯琴高娃', '乌云其木格', '敖登', '娜布其', '宝日玛', '哈斯其其格', '阿荣', '萨如拉', '额尔登其其格', '乌仁', '吉雅', '阿拉坦其其格', '青格乐'],
} as const;
export const MONGOL_SURNAMES = ['包', '白', '宝', '韩', '吴', '敖', '金', '鲍', '那', '何'];

export interface Programme {
  school: string;
  major: string;
  weight: number;
}

/** Social work and neighbouring programmes by level, weighted towards Inner Mongolian schools. */
export const PROGRAMMES: Record<'secondary' | 'associate' | 'bachelor' | 'master' | 'doctorate', Programme[]> = {
  secondary: [], // made from the city name: see secondarySchool()
  associate: [
    { school: '长沙民政职业技术学院', major: '社会工作', weight: 5 },
    { school: '北京社会管理职业学院', major: '社会工作', weight: 3 },
    { school: '重庆城市管理职业学院', major: '社会工作', weight: 3 },
    { school: '呼和浩特职业学院', major: '社区管理与服务', weight: 4 },
    { school: '包头职业技术学院', major: '智慧健康养老服务与管理', weight: 3 },
    { school: '通辽职业学院', major: '社区管理与服务', weight: 3 },
    { school: '赤峰职业技术学院', major: '智慧健康养老服务与管理', weight: 3 },
    { school: '鄂尔多斯职业学院', major: '婴幼儿托育服务与管理', weight: 2 },
    { school: '呼伦贝尔职业技术学院', major: '社区管理与服务', weight: 2 },
    { school: '锡林郭勒职业学院', major: '社区管理与服务', weight: 1 },
  ],
  bachelor: [
    { school: '内蒙古大学', major: '社会工作', weight: 14 },
    { school: '内蒙古师范大学', major: '社会工作', weight: 12 },
    { school: '内蒙古农业大学', major: '社会工作', weight: 8 },
    { school: '呼和浩特民族学院', major: '社会工作', weight: 8 },
    { school: '内蒙古民族大学', major: '社会工作', weight: 6 },
    { school: '内蒙古大学', major: '社会学', weight: 3 },
    { school: '内蒙古师范大学', major: '心理学', weight: 3 },
    { school: '内蒙古医科大学', major: '应用心理学', weight: 2 },
    { school: '内蒙古财经大学', major: '劳动与社会保障', weight: 2 },
    { school: '中国人民大学', major: '社会工作', weight: 2 },
    { school: '北京师范大学', major: '社会工作', weight: 2 },
    { school: '华东理工大学', major: '社会工作', weight: 2 },
    { school: '吉林大学', major: '社会工作', weight: 2 },
    { school: '东北师范大学', major: '社会工作', weight: 2 },
    { school: '中华女子学院', major: '社会工作', weight: 2 },
    { school: '山西大学', major: '社会工作', weight: 2 },
    { school: '北京大学', major: '社会工作', weight: 1 },
    { school: '南开大学', major: '社会工作', weight: 1 },
    { school: '首都师范大学', major: '社会工作', weight: 1 },
    { school: '华中科技大学', major: '社会工作', weight: 1 },
    { school: '中山大学', major: '社会工作', weight: 1 },
    { school: '河北大学', major: '社会工作', weight: 1 },
    { school: '宁夏大学', major: '社会工作', weight: 1 },
    { school: '兰州大学', major: '社会工作', weight: 1 },
  ],
  master: [
    { school: '内蒙古大学', major: '社会工作', weight: 10 },
    { school: '内蒙古师范大学', major: '社会工作', weight: 8 },
    { school: '中国人民大学', major: '社会工作', weight: 3 },
    { school: '北京师范大学', major: '社会工作', weight: 3 },
    { school: '华东理工大学', major: '社会工作', weight: 3 },
    { school: '吉林大学', major: '社会工作', weight: 2 },
    { school: '北京大学', major: '社会工作', weight: 1 },
    { school: '清华大学', major: '社会工作', weight: 1 },
    { school: '南开大学', major: '社会工作', weight: 1 },
    { school: '复旦大学', major: '社会工作', weight: 1 },
    { school: '南京大学', major: '社会工作', weight: 1 },
    { school: '武汉大学', major: '社会工作', weight: 1 },
    { school: '中山大学', major: '社会工作', weight: 1 },
    { school: '内蒙古大学', major: '社会学', weight: 2 },
  ],
  doctorate: [
    { school: '中国人民大学', major: '社会工作', weight: 2 },
    { school: '北京师范大学', major: '社会工作', weight: 1 },
    { school: '华东理工大学', major: '社会工作', weight: 1 },
    { school: '北京大学', major: '社会学', weight: 1 },
    { school: '南开大学', major: '社会学', weight: 1 },
  ],
};
export const SECONDARY_MAJORS = ['社区公共事务管理', '老年人服务与管理', '社会保障事务'];

/** Typical age at graduation by education level. */
export const GRADUATION_AGE = { secondary: 18, associate: 21, bachelor: 22, master: 25, doctorate: 29 } as const;

export const COMMUNITY_NAMES = [
  '幸福', '和平', '团结', '新华', '光明', '民族', '友谊', '建设', '文化', '阳光', '花园', '锦绣', '丁香', '青城',
  '北垣', '南门', '东站', '西苑', '康乐', '繁荣', '兴安', '昭君', '草原', '绿洲', '金桥', '胜利', '春华', '长乐',
  '安居', '滨河', '南湖', '北湖', '工农', '铁路', '电力', '钢城', '富康', '龙泉', '朝阳', '永安', '振华', '欣苑',
  '馨园', '祥和', '新村', '东升', '西园', '学府', '海东', '巴彦', '乌兰', '赛罕', '宝力格', '青山', '雅园', '百合',
  '松山', '红旗', '向阳', '站前', '桥东', '桥西', '如意', '丰泽', '金地', '银河', '温馨', '翠园', '嘉园', '望湖',
];

/** Trade names (字号) of social work agencies. */
export const AGENCY_NAMES = [
  '阳光', '众合', '善德', '同心', '乐群', '春晖', '德善', '恒爱', '暖阳', '草原之星', '安达', '萨日朗', '启航', '向日葵',
  '心桥', '益众', '和谐', '馨家园', '知行', '惠民', '仁爱', '守望', '协力', '青禾', '晨曦', '明德', '博爱', '一心',
  '北疆', '牧心', '格桑花', '扬帆', '睦邻', '承善', '立信', '怡康', '蒲公英', '星火', '融爱', '馨语',
];
export const AGENCY_SUFFIXES = ['社会工作服务中心', '社会工作服务中心', '社会工作服务中心', '社会工作服务社', '社会工作事务所', '社会工作发展中心'];

export const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五', '二十六'];

export const STREET_SUFFIXES = ['路', '大街', '街', '巷', '南路', '北路', '东路', '西路'];

export type PositionKind = 'community_worker' | 'station_worker' | 'school_worker' | 'medical_worker' | 'agency_worker';
export type EmployerType = 'community' | 'station' | 'school' | 'agency' | 'hospital';

export const KIND_OF_TYPE: Record<EmployerType, PositionKind> = {
  community: 'community_worker',
  station: 'station_worker',
  school: 'school_worker',
  hospital: 'medical_worker',
  agency: 'agency_worker',
};

/** Titles per kind, each with the service areas it implies. */
export const TITLES: Record<PositionKind, [title: string, areas: string[]][]> = {
  community_worker: [
    ['社区专职工作者', ['community']],
    ['社区工作者（社会工作方向）', ['community']],
    ['社区网格员', ['community']],
    ['社区党群服务中心社工', ['community', 'volunteer']],
    ['社区养老服务专员', ['elderly']],
    ['社区儿童主任', ['children']],
    ['社区退役军人服务站专干', ['veterans']],
  ],
  station_worker: [
    ['社工站驻站社工', ['assistance']],
    ['社工站站长', ['community']],
    ['乡镇社工站社会工作者', ['assistance']],
    ['社工站儿童关爱社工', ['children']],
    ['社工站社会救助专员', ['assistance']],
    ['社工站养老服务社工', ['elderly']],
  ],
  school_worker: [
    ['驻校社会工作者', ['school']],
    ['学校社工（心理健康方向）', ['school', 'mental_health']],
    ['驻校社工（寄宿生关爱）', ['school', 'children']],
    ['学生成长服务社工', ['school', 'youth']],
  ],
  medical_worker: [
    ['医务社会工作者', ['medical']],
    ['医务社工（安宁疗护方向）', ['medical', 'elderly']],
    ['医务社工（儿科）', ['medical', 'children']],
    ['医务社工（精神康复方向）', ['medical', 'mental_health']],
    ['患者服务中心社工', ['medical', 'volunteer']],
  ],
  agency_worker: [
    ['项目社工（养老服务）', ['elderly']],
    ['一线社工（青少年服务）', ['youth']],
    ['项目社工（社区矫正）', ['corrections']],
    ['项目社工（禁毒）', ['drug_rehab']],
    ['项目主管', ['community']],
    ['社会工作督导助理', ['community']],
    ['项目社工（残障康复）', ['disability']],
    ['项目社工（家庭服务）', ['family']],
    ['项目社工（困境儿童关爱）', ['children']],
  ],
};

/** Further service areas a post of each kind commonly lists. */
export const KIND_AREAS: Record<PositionKind, string[]> = {
  community_worker: ['community', 'elderly', 'children', 'assistance', 'volunteer', 'family', 'veterans'],
  station_worker: ['assistance', 'elderly', 'children', 'disability', 'community', 'family'],
  school_worker: ['school', 'youth', 'children', 'mental_health', 'family'],
  medical_worker: ['medical', 'mental_health', 'elderly', 'disability', 'assistance'],
  agency_worker: ['elderly', 'youth', 'children', 'family', 'disability', 'corrections', 'drug_rehab', 'community', 'volunteer', 'mental_health'],
};

export const DUTIES: Record<PositionKind, string[]> = {
  community_worker: [
    '负责社区居民走访，建立困难家庭、独居老人、留守儿童等重点人群台账',
    '协助开展社区议事协商，组织居民参与社区公共事务',
    '链接辖区资源，开展"一老一小"关爱服务',
    '组织社区志愿者队伍，策划开展传统节日和民族团结主题活动',
    '负责网格化服务管理，及时上报并跟进居民诉求',
    '协助办理低保、临时救助、残疾人两项补贴等民生事项',
    '开展邻里互助和社区融合活动，促进各族居民交往交流交融',
  ],
  station_worker: [
    '驻站开展困难群众和特殊群体的摸底排查与需求评估',
    '为低保、特困、低收入家庭提供个案管理和资源链接服务',
    '协助镇（苏木）民政办落实社会救助、养老服务和儿童关爱政策',
    '走访村（嘎查），开展留守老人、留守儿童探访关爱',
    '培育本地志愿服务队伍和社区社会组织',
    '规范撰写服务记录和个案报告，建立服务档案',
    '参与社工站季度督导和业务培训',
  ],
  school_worker: [
    '为在校学生提供心理支持、情绪疏导和危机干预个案服务',
    '开展学业适应、人际交往、生涯规划等小组工作',
    '协助建立学生成长档案，重点关注困境学生和寄宿学生',
    '联动家长、班主任和社区，开展家校社协同育人活动',
    '开展防欺凌、禁毒和安全教育主题活动',
    '配合学校心理健康教育中心开展筛查和转介',
  ],
  medical_worker: [
    '为住院患者及家属提供心理社会评估和情绪支持',
    '协助困难患者申请医疗救助、慈善援助等资源',
    '参与安宁疗护、慢病管理多学科团队服务',
    '开展医患沟通协调，协助做好医疗纠纷前期调解',
    '组织患者互助小组，开展出院随访服务',
    '管理医院志愿者队伍，开展导诊和陪伴服务',
  ],
  agency_worker: [
    '执行政府购买服务项目，按计划完成个案、小组和社区活动指标',
    '撰写项目计划书、过程记录和结项报告',
    '开展老年人居家养老上门服务和关爱探访',
    '为青少年提供课业辅导、成长陪伴和兴趣小组服务',
    '为社区矫正对象、社区戒毒康复人员提供帮扶服务',
    '配合督导完成服务质量评估和案例研讨',
    '协助机构开展公益宣传和资源筹募',
  ],
};

export const GENERIC_REQUIREMENTS = [
  '热爱社会工作，具有良好的沟通表达能力和团队协作精神',
  '熟练使用办公软件，具备一定的文字写作能力',
  '责任心强，能吃苦耐劳，服从工作安排',
  '能适应入户走访和下乡工作，持有机动车驾驶证者优先',
  '有一线服务经验或相关实习经历者优先',
];

export const EVENT_NOTES: Record<string, string[]> = {
  reviewing: ['简历初审中', '已收到材料，正在审核', '材料齐全，进入审核'],
  interview: ['初审通过，已电话通知面试时间', '请携带身份证和学历证书原件参加面试', '安排于下周二上午面试'],
  offer: ['面试表现良好，拟录用', '综合评定合格，进入拟录用名单'],
  hired: ['已签订劳动合同', '已报到上岗'],
  rejected: ['岗位要求与个人条件不符', '本次名额已满，感谢关注', '面试未通过'],
  withdrawn: ['个人原因撤回', '已在其他单位就业'],
};

export const COVER_LETTERS = [
  '本人社会工作专业毕业，有社区实习经历，希望到基层一线服务。',
  '持有助理社会工作师证书，熟悉个案和小组工作方法，愿意扎根基层。',
  '家在本地，熟悉当地情况，能用蒙古语和普通话与群众沟通。',
  '曾在社工机构参与养老服务项目一年，希望继续从事相关工作。',
  '在校期间担任志愿者协会负责人，组织过多次社区服务活动。',
  null,
];
