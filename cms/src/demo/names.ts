/** Word lists for realistic Chinese B2B customers of a machinery manufacturer. */

export const REGIONS: Array<{ province: string; city: string; district: string }> = [
  { province: '江苏省', city: '苏州市', district: '工业园区' },
  { province: '江苏省', city: '无锡市', district: '新吴区' },
  { province: '浙江省', city: '宁波市', district: '北仑区' },
  { province: '浙江省', city: '杭州市', district: '萧山区' },
  { province: '广东省', city: '东莞市', district: '长安镇' },
  { province: '广东省', city: '佛山市', district: '顺德区' },
  { province: '广东省', city: '深圳市', district: '宝安区' },
  { province: '上海市', city: '上海市', district: '嘉定区' },
  { province: '山东省', city: '青岛市', district: '黄岛区' },
  { province: '湖北省', city: '武汉市', district: '经开区' },
  { province: '四川省', city: '成都市', district: '龙泉驿区' },
  { province: '天津市', city: '天津市', district: '滨海新区' },
  { province: '河南省', city: '郑州市', district: '航空港区' },
  { province: '安徽省', city: '合肥市', district: '包河区' },
];

export const INDUSTRIES = [
  { name: '汽车零部件', words: ['汽车部件', '汽配', '车桥'] },
  { name: '工程机械', words: ['重工', '工程机械', '液压'] },
  { name: '电子元器件', words: ['电子', '电器', '微电子'] },
  { name: '家用电器', words: ['电器', '家电', '厨卫'] },
  { name: '新能源', words: ['新能源', '光伏', '储能'] },
  { name: '建筑工程', words: ['建设', '建工', '钢构'] },
  { name: '医疗器械', words: ['医疗器械', '生物医疗'] },
  { name: '模具制造', words: ['模具', '精密模具', '精工'] },
  { name: '包装印刷', words: ['包装', '印务'] },
  { name: '物流仓储', words: ['物流', '供应链'] },
];

export const BRAND_WORDS = [
  '恒信',
  '华创',
  '鼎盛',
  '宏达',
  '金泰',
  '瑞丰',
  '永成',
  '兴隆',
  '博远',
  '天成',
  '中孚',
  '汇通',
  '正泰',
  '新元',
  '长兴',
  '富达',
  '明辉',
  '嘉禾',
  '宝利',
  '安泰',
  '国瑞',
  '盛世',
  '联创',
  '凯胜',
  '远航',
  '德润',
  '海川',
  '卓越',
  '同舟',
  '万和',
  '精诚',
  '东方',
  '立信',
  '晨光',
  '锦程',
  '亿达',
];

export const COMPANY_SUFFIXES = ['有限公司', '股份有限公司', '科技有限公司', '制造有限公司'];

export const STREETS = [
  '星湖街',
  '长江路',
  '人民路',
  '建设大道',
  '科技园路',
  '工业大道',
  '滨江路',
  '金桥路',
];

export const ROLES = ['财务经理', '采购经理', '出纳', '总经理', '应付会计'];

/** Overseas customers, billed in their currency, contacted in English. */
export const OVERSEAS = [
  {
    name: 'Nordic Machine Parts AB',
    region: 'Sweden',
    timeZone: 'Europe/Stockholm',
    currency: 'EUR',
  },
  {
    name: 'Pacific Industrial Supply Pte Ltd',
    region: 'Singapore',
    timeZone: 'Asia/Singapore',
    currency: 'USD',
  },
  { name: 'Great Lakes Tooling Inc.', region: 'USA', timeZone: 'America/Chicago', currency: 'USD' },
  { name: 'Rhein Automation GmbH', region: 'Germany', timeZone: 'Europe/Berlin', currency: 'EUR' },
  {
    name: 'Bangkok Precision Co., Ltd.',
    region: 'Thailand',
    timeZone: 'Asia/Bangkok',
    currency: 'USD',
  },
];
