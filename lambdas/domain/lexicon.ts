/**
 * The assistant's language knowledge, generic to customer-service lines (retail, home services, clinics,
 * online shops), in English and Chinese. A business sharpens its own FAQ with `alternates` rather than by
 * editing these lists; an entry belongs here only when it holds for many businesses.
 *
 * - CONCEPTS: phrasings callers use, mapped to a shared concept term, so that "bring it back" and
 *   "return" meet. English triggers are matched on normalized, stemmed words in order (negations are all
 *   spelled `not`); Chinese triggers as substrings.
 * - EN_SPOKEN: spoken and texting forms rewritten before anything else ("u" -> "you", "dont" -> "not").
 * - EN_STOP / ZH_STOP: words that carry no topic (question words, fillers, pronouns, politeness).
 * - EN_CANON: inflections and near-synonyms folded into one word ("refrigerator" -> "fridge").
 */
export const CONCEPTS: Record<string, { en: string[]; zh: string[] }> = {
  time: {
    en: [
      'how long',
      'how quickly',
      'how many day',
      'when',
      'what day',
      'which day',
      'window',
      'until',
      'earliest',
    ],
    zh: [
      '多久',
      '几天',
      '哪天',
      '什么时候',
      '啥时候',
      '多长时间',
      '时间段',
      '几号',
      '几点',
      '多少天',
      '要几天',
    ],
  },
  deliver: {
    en: [
      'deliver',
      'bring',
      'arrive',
      'ship',
      'send out',
      'sent out',
      'dispatch',
      'get to my house',
      'drop off',
      'transport',
      'show up',
    ],
    zh: ['送货', '配送', '送到', '送过来', '送来', '到货', '发货', '运送', '物流', '快递', '寄', '发出'],
  },
  cost: {
    en: ['cost', 'pay extra', 'how much', 'dollar', 'free', 'charge', 'fee', 'price', 'rate', 'expensive'],
    zh: [
      '钱',
      '费',
      '收费',
      '价格',
      '免费',
      '多少钱',
      '付费',
      '报价',
      '价',
      '怎么算',
      '怎么收',
      '加钱',
      '花多少',
      '要花',
    ],
  },
  return: {
    en: [
      'return',
      'money back',
      'bring back',
      'send back',
      'send it back',
      'take back',
      'take it back',
      'changed my mind',
      'exchange',
      'refund',
    ],
    zh: ['退', '换货', '换新', '退款', '能换', '不喜欢'],
  },
  warranty: {
    en: ['warranty', 'covered', 'coverage', 'protection plan', 'guarantee'],
    zh: ['保修', '质保', '保固', '保修期', '保修范围', '在保', '保多久', '保几'],
  },
  repair: {
    en: [
      'repair',
      'not work',
      'stopped work',
      'not turn on',
      'not start',
      'broke',
      'come and look',
      'look at it',
      'service visit',
      'leak',
      'died',
      'noise',
      'not spin',
      'not heat',
      'not drain',
      'work on',
      'not cool',
    ],
    zh: ['修', '坏', '报修', '维修', '故障', '打不开', '漏水', '异响', '不出热水'],
  },
  visit: {
    en: [
      'visit',
      'come out',
      'come over',
      'come to',
      'get here',
      'send someone',
      'someone come',
      'somebody come',
      'appointment',
      'schedule',
      'book a',
      'technician',
      'send somebody',
    ],
    zh: ['上门', '预约', '派人', '来一趟', '安排', '过来', '能来', '师傅'],
  },
  order: {
    en: ['order', 'purchase', 'bought'],
    zh: ['订单', '下单', '买的', '订购', '购买', '付的款', '拍的', '拍下'],
  },
  status: {
    en: [
      'where is',
      'where my',
      'track',
      'status',
      'yet',
      'update on',
      'any update',
      'warehouse',
      'look up',
      'going on',
      'check on',
      'never got',
    ],
    zh: ['到哪', '在哪里了', '进度', '发了没', '发货了吗', '查一下', '查下', '还没到', '没收到'],
  },
  install: {
    en: ['install', 'set up', 'hook up', 'connect', 'fitter', 'plumb'],
    zh: ['安装', '装', '接线', '资质'],
  },
  haul: {
    en: ['old appliance', 'haul', 'dispose', 'get rid of', 'recycle', 'take away', 'remove'],
    zh: ['旧', '回收', '拆走', '以旧换新', '折价'],
  },
  pay: {
    en: [
      'pay',
      'card',
      'credit',
      'debit',
      'apple pay',
      'google pay',
      'financ',
      'interest',
      'payment plan',
      'cash',
      'check',
      'visa',
      'amex',
      'invoice',
      'mastercard',
      'bill',
      'payment',
      'discover',
    ],
    zh: [
      '付款',
      '支付',
      '刷卡',
      '信用卡',
      '分期',
      '微信',
      '支付宝',
      '免息',
      '现金',
      '银行卡',
      '付',
      '几期',
      '扫码',
      '刷',
    ],
  },
  pricematch: {
    en: [
      'price match',
      'match',
      'cheaper',
      'beat',
      'competitor',
      'for less',
      'elsewhere',
      'another store',
      'less',
    ],
    zh: ['比价', '更便宜', '别家'],
  },
  cancel: {
    en: ['cancel', 'no longer want', 'not want', 'change my order', 'call off', 'not come'],
    zh: ['取消', '退订', '不想买', '不想要这个', '撤销', '不想要了'],
  },
  reschedule: {
    en: ['reschedule', 'move my appointment', 'change my appointment', 'not make it', 'another day'],
    zh: [
      '改约',
      '改时间',
      '换个时间',
      '改一下',
      '改到',
      '换到',
      '往后推',
      '推迟',
      '延期',
      '有事',
      '改个时间',
    ],
  },
  place: {
    en: ['address', 'where are you', 'street', 'visit your', 'parking', 'directions', 'located', 'park'],
    zh: ['门店', '地址', '店里', '实体店', '停车', '在什么地方', '在哪'],
  },
  area: {
    en: ['area', 'serve', 'cover', 'come out to', 'come to', 'suburb', 'neighborhood', 'live in', 'too far'],
    zh: ['服务范围', '范围', '区', '那边', '去不去', '能去', '能过来', '我住', '住在'],
  },
  brand: {
    en: ['brand', 'what make', 'which make', 'model'],
    zh: ['品牌', '牌子'],
  },
  parts: {
    en: [
      'spare',
      'replacement',
      'filter',
      'seal',
      'shelf',
      'part',
      'tray',
      'knob',
      'hose',
      'gasket',
      'bin',
      'drawer',
      'door shelf',
    ],
    zh: ['配件', '零件', '滤网', '换下来', '换的', '更换'],
  },
  cold: {
    en: ['cold', 'cool', 'warm', 'thaw', 'freez', 'not cool', 'temperature'],
    zh: ['不冷', '制冷', '不凉', '化了', '结冰', '很热', '温度', '热风'],
  },
  hours: {
    en: [
      'hour',
      'what time',
      'weekend',
      'saturday',
      'sunday',
      'days do you work',
      'reach somebody',
      'reach someone',
      'anyone there',
      'somebody there',
      'open',
      'close',
      'morning',
    ],
    zh: [
      '半夜',
      '营业时间',
      '上班',
      '下班',
      '有人',
      '全天',
      '二十四小时',
      '接电话',
      '过年',
      '节假日',
      '周末',
      '放假',
      '周日',
      '周六',
      '晚上',
      '早上',
    ],
  },
  invoice: {
    en: ['invoice', 'receipt', 'vat'],
    zh: ['发票', '开票', '报销', '税号', '专票'],
  },
  fridge: {
    en: ['fridge', 'freezer'],
    zh: ['冰箱', '冷藏', '冷冻'],
  },
  aircon: {
    en: ['air conditioner', 'air conditioning', 'aircon'],
    zh: ['空调'],
  },
  plan: {
    en: ['membership', 'member', 'plan', 'club', 'subscription', 'tune up', 'maintenance'],
    zh: ['会员', '套餐', '年卡'],
  },
  yearly: {
    en: ['yearly', 'annual', 'a year', 'per year', 'every year'],
    zh: ['每年', '一年', '年费'],
  },
  insurance: {
    en: ['insurance', 'in network', 'insured', 'coverage'],
    zh: ['医保', '保险'],
  },
  clean: {
    en: ['clean', 'wash'],
    zh: [
      '清洗',
      '清理',
      '水洗',
      '机洗',
      '手洗',
      '洗护',
      '洗涤',
      '洗洗',
      '洗一下',
      '缩水',
      '洗了',
      '怎么洗',
      '能洗',
      '烘干',
    ],
  },
  size: {
    en: ['size', 'fit', 'too big', 'too small', 'xl', 'xxl', 'xs'],
    zh: [
      '尺码',
      '码',
      '大小',
      '偏大',
      '偏小',
      '身高',
      '体重',
      '斤',
      '一米',
      '穿什么',
      '多大码',
      '什么码',
      '穿多大',
    ],
  },
  discount: {
    en: ['discount', 'coupon', 'promo', 'deal', 'sale', 'percent off'],
    zh: ['优惠', '优惠券', '折', '打折', '活动', '券'],
  },
  defect: {
    en: ['defect', 'damaged', 'hole', 'torn', 'stain', 'faulty'],
    zh: ['质量问题', '破洞', '开线', '色差', '污渍', '瑕疵', '有问题', '和图片', '差太多', '不一样'],
  },
  pain: {
    en: ['toothache', 'tooth hurt', 'pain', 'hurt', 'broken tooth', 'chipped', 'lost a filling'],
    zh: ['牙疼', '牙痛', '疼'],
  },
  nervous: {
    en: [
      'nervous',
      'anxious',
      'scared',
      'afraid',
      'sedation',
      'laughing gas',
      'put me to sleep',
      'sleep',
      'calm',
    ],
    zh: ['害怕', '紧张'],
  },
  kids: {
    en: ['child', 'kid', 'son', 'daughter', 'baby', 'toddler', 'year old'],
    zh: ['孩子', '小孩', '儿童', '宝宝'],
  },
  newcustomer: {
    en: ['new patient', 'new customer', 'new client', 'first time', 'first visit'],
    zh: ['新客户', '第一次'],
  },
  refundtime: {
    en: ['money back', 'refund'],
    zh: ['到账', '退钱', '退款', '退回', '钱退', '退给', '退回来', '钱什么时候', '钱啥时候'],
  },
  replace: {
    en: ['replace', 'worth', 'new one', 'buy a new', 'too old'],
    zh: ['值得', '太旧', '换新的', '还能修'],
  },
  deduct: {
    en: ['taken off', 'take off', 'deduct', 'waive', 'credit toward'],
    zh: ['抵', '扣除', '抵扣', '减免'],
  },
  recur: {
    en: ['again', 'came back', 'comes back', 'same problem', 'same thing', 'did not hold', 'not hold'],
    zh: ['又坏', '又出', '同样的毛病', '同一故障', '返修', '又不行'],
  },
  soon: {
    en: ['how soon', 'earliest', 'soonest', 'same day', 'asap', 'right away', 'this afternoon'],
    zh: ['最快', '当天', '马上', '尽快', '下午能', '上午能'],
  },
  often: {
    en: ['how often', 'how many times', 'twice a year', 'every six months', 'frequency', 'regularly'],
    zh: ['多久一次', '几次', '经常'],
  },
  forms: {
    en: ['paperwork', 'form', 'fill out', 'fill in', 'photo id', 'id card'],
    zh: ['资料', '证件', '身份证', '表格'],
  },
  prepare: {
    en: [
      'get ready',
      'prepare',
      'before the technician',
      'before he come',
      'before they come',
      'before the visit',
    ],
    zh: ['准备', '提前做'],
  },
  inspect: {
    en: ['diagnos', 'take a look', 'inspect', 'look at it', 'check it out'],
    zh: ['检测', '检查', '看一下', '看看'],
  },
  region: {
    en: [],
    zh: [
      '地区',
      '外地',
      '江浙沪',
      '偏远',
      '郊区',
      '市区',
      '北京',
      '上海',
      '广州',
      '深圳',
      '成都',
      '重庆',
      '武汉',
      '西安',
      '天津',
      '南京',
    ],
  },
  freeship: {
    en: [
      'free shipping',
      'free delivery',
      'delivery charge',
      'shipping cost',
      'delivery fee',
      'shipping extra',
    ],
    zh: ['包邮', '运费', '邮费', '免运费'],
  },
  address: {
    en: ['address', 'shipping address'],
    zh: ['地址', '收货地址'],
  },
};

/** Spoken and texting forms, rewritten word for word before stemming. */
export const EN_SPOKEN: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  ya: 'you',
  yall: 'you',
  gotta: 'must',
  thx: 'thanks',
  pls: 'please',
  plz: 'please',
  cuz: 'because',
  wont: 'not',
  dont: 'not',
  doesnt: 'not',
  didnt: 'not',
  isnt: 'not',
  arent: 'not',
  wasnt: 'not',
  werent: 'not',
  cant: 'not',
  cannot: 'not',
  couldnt: 'not',
  havent: 'not',
  hasnt: 'not',
  aint: 'not',
  never: 'not',
  no: 'not',
};

export const EN_STOP = new Set(
  (
    'a an the i me my we our you your it its is are was were be been am do does did doing have has had ' +
    'to of in on at for with from by about as into and or but if so than then this that these those there ' +
    'what which who whom whose when where why how can could would should will shall may might must ' +
    'please hi hello hey thanks thank just any some get got one also very really much many more most ' +
    'not yes up out off over again still ever need want like know tell let us im ive id ill youre ' +
    'guy guys going maybe kind sort thing stuff okay ok well um uh oh sure right now ' +
    'question ask wondering wonder calling call help him her his he she they them their he hes shes ' +
    'even though something anything someone somebody lot bit little here go ' +
    'yeah yep yup nope nah alright hmm mhm bye goodbye'
  ).split(' '),
);

export const ZH_STOP = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 哦 哈 喔 我 你 您 他 她 它 们 我们 你们 咱 俺 是 在 有 和 跟 与 就 都 也 还 要 想 请 请问 ' +
    '怎么 怎样 怎么样 咋 咋办 如何 什么 啥 哪 哪里 哪儿 多少 几 能 能不能 可以 可不可以 行不行 会 一下 一个 这 那 这个 那个 ' +
    '个 么 为 为什么 给 让 被 把 对 到 从 上 下 里 中 没 没有 不 好 嗯 喂 麻烦 问 问一下 知道 办 怎么办 ' +
    '下子 一点 点 些 这些 那些 东西 事 情况 现在 已经 然后 那个 就是 其实 大概 ' +
    '好的 是的 对的 不是 行 嗯嗯 谢谢 再见 拜拜 你好 您好'
  ).split(' '),
);

/**
 * Number words: a number alone ("3", "twelve", "三") is what a caller says to a menu, not a topic, and
 * the answers are full of numbers (prices, days, hours). They carry no weight for or against an entry.
 */
export const EN_NUMBER_WORDS = new Set(
  (
    'zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ' +
    'sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred ' +
    'thousand million billion dozen'
  ).split(' '),
);

/**
 * What a caller says to a phone menu ("press 1", "option two", "按3", "选项二"): no topic of its own,
 * although answers name menu keys ("press 2 from the main menu").
 */
export const MENU_WORDS = new Set(
  (
    'press option number dial pound star hash extension menu key enter select choose repeat ' +
    '按 选 键 号 选项 菜单 按键 重复 分机'
  ).split(' '),
);

// EN_CANON lives in words.ts (the urgent-word check needs it without the rest of the lexicon).
export { EN_CANON } from './words.ts';

/**
 * Everyday words: when no FAQ entry uses one, it says little about the topic (a caller's filler, time
 * words, family), so it weighs against a match far less than an unknown content word ("flight", "医院").
 */
export const LIGHT_WORDS = new Set(
  (
    'work use make made move start stop try put keep look find found give gave went said say think thought ' +
    'feel seem mean wait happen sick yesterday tomorrow tonight week month year day time morn afternoon ' +
    'evening night last next first second new old big small good bad great fine wrong same different other ' +
    'another whole enough able possible early late soon long far near back away around through after before ' +
    'since during while because too only again already almost probably exactly actually basically ' +
    'literally honestly definitely sorry excuse wanted trying looking hoping guess mom dad wife husband ' +
    'family house home place apartment people person man woman anybody everyone way number name told ' +
    'asked wanna gonna gotta horrible terrible awful weird strange totally completely super pretty quite ' +
    'today still got stuff kind thing ' +
    // Words that say how, when or who rather than what: they rarely name a topic of their own.
    'become became through somewhere anywhere everywhere nowhere either neither each every both own else ' +
    'instead usually normally typically generally currently recently anyway together alone yet ever ' +
    'sometime sometimes once twice half few several less least lots plenty bunch couple ' +
    'come coming take taking send leave stay turn run talk speak hear see seen watch learn remember ' +
    'forget decide hope check mind matter handle deal real true nice happy busy full empty easy hard ' +
    'quick fast slow entire main usual normal certain likely sure okay fine someone somebody anyone ' +
    'gonna supposed figure figured idea happened happening thinking ' +
    '今天 明天 昨天 后天 上周 下周 这周 时候 刚 刚才 一直 还是 还有 觉得 感觉 应该 需要 希望 告诉 帮 帮我 找 看 说 ' +
    '家 家里 我家 这边 东西 有点 一些 比较 特别 真的 太 很 非常 挺 下午 上午 中午 半天 最近 之前 以后 后来 马上 ' +
    '一下 那种 这种 结果 突然 可能 好像 是不是 行 用 买 买了'
  ).split(' '),
);

/**
 * Other kinds of business and public services, by trade. A question that names one of these words,
 * when the FAQ neither uses the word nor serves its trade, is about somewhere else ("is the bank open on
 * Monday", "帮我预约医生"): it gets no answer however well its other words fit an entry. The FAQ serves a
 * trade when it uses two or more of the trade's words (a dental clinic's speaks of patients and teeth,
 * so "can the doctor see me" is an ordinary question there; an appliance store's "loan" alone does not
 * make it a bank). Words a caller uses to get somewhere (bus, taxi) are left out: they ask the way to
 * this business as often as to another.
 */
export const OTHER_TRADES: Record<string, string[]> = Object.fromEntries(
  Object.entries({
    medical:
      'doctor doctors physician clinic hospital hospitals pharmacy pharmacist drugstore dentist dental ' +
      'patient patients nurse prescription tooth teeth ' +
      '医生 大夫 诊所 医院 药店 药房 牙医 牙科 患者 病人 护士 看病 挂号 牙齿',
    banking: 'bank banks atm loan loans mortgage 银行 贷款 取款机 开户',
    travel: 'airport airline airlines flight flights hotel hotels motel 机场 航班 航空 酒店 宾馆 机票',
    food: 'restaurant restaurants cafe pizza 餐厅 饭店 外卖 点餐',
    public:
      'police embassy consulate courthouse library museum dmv 警察 派出所 大使馆 领事馆 法院 图书馆 博物馆',
    school: 'school schools university college tuition 学校 大学 学费',
  }).map(([trade, words]) => [trade, words.split(' ')]),
);
