export const zh = {
  siteName: '社工人才库',
  siteTagline: '社会工作专业人才信息库与基层岗位对接平台',
  nav: {
    home: '岗位',
    signIn: '登录',
    signUp: '注册',
    signOut: '退出',
    profile: '我的档案',
    applications: '我的报名',
    employer: '单位信息',
    positions: '岗位管理',
    verify: '单位认证',
    talents: '人才名录',
    apiDocs: 'API 文档',
    language: 'English',
  },
  error: {
    title: '出错了',
    back: '返回首页',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
