/**
 * A small customer-service thesaurus: phrasings callers use, mapped to shared concept terms, so that
 * "bring it back" and "return" meet. It is generic to retail and home-service lines, in English and
 * Chinese; a business sharpens its own FAQ with `alternates` rather than by editing this list.
 * English triggers are matched on stemmed words in order; Chinese triggers as substrings.
 */
export const CONCEPTS: Record<string, { en: string[]; zh: string[] }> = {
  time: {
    en: [
      'how long',
      'how soon',
      'how quickly',
      'how many days',
      'when',
      'what day',
      'which day',
      'window',
      'until',
    ],
    zh: ['多久', '几天', '哪天', '什么时候', '多长时间', '时间段', '几号', '几点'],
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
    ],
    zh: ['送货', '配送', '送到', '送过来', '送来', '到货', '发货', '运送', '物流', '快递'],
  },
  cost: {
    en: ['cost', 'pay extra', 'how much', 'dollar', 'free', 'charge', 'fee', 'price', 'rate'],
    zh: ['钱', '费', '收费', '价格', '免费', '多少钱', '付费', '抵扣', '报价'],
  },
  return: {
    en: [
      'return',
      'money back',
      'bring back',
      'send back',
      'take back',
      'changed my mind',
      'exchange',
      'refund',
    ],
    zh: ['退', '换货', '换新', '退款', '不想要了', '能换'],
  },
  warranty: {
    en: ['warranty', 'covered', 'coverage', 'protection plan', 'protection'],
    zh: ['保修', '质保', '保固', '保修期', '保修范围'],
  },
  repair: {
    en: [
      'repair',
      'stopped working',
      'not working',
      'come and look',
      'look at it',
      'service visit',
      'labor',
      'labour',
      'technician',
    ],
    zh: ['修', '坏', '报修', '维修', '师傅', '故障', '不出热水', '检测'],
  },
  visit: {
    en: [
      'visit',
      'come out',
      'come over',
      'send someone',
      'someone come',
      'appointment',
      'schedule',
      'book a repair',
      'book a visit',
      'book a technician',
      'book an engineer',
    ],
    zh: ['上门', '预约', '派人', '来一趟', '安排'],
  },
  order: {
    en: ['order', 'purchase', 'bought'],
    zh: ['订单', '下单', '买的', '订购', '购买'],
  },
  status: {
    en: ['where is', 'where my', 'track', 'status', 'yet', 'update on'],
    zh: ['到哪', '在哪里了', '进度', '发了没', '发货了吗', '查一下', '查下'],
  },
  install: {
    en: ['install', 'set up', 'hook up', 'connect', 'fitter', 'plumb'],
    zh: ['安装', '装', '接线', '资质'],
  },
  haul: {
    en: [
      'old appliance',
      'old fridge',
      'old washer',
      'haul',
      'dispose',
      'get rid of',
      'recycle',
      'take away',
      'remove',
    ],
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
    ],
    zh: ['付款', '支付', '刷卡', '信用卡', '分期', '微信', '支付宝', '免息'],
  },
  pricematch: {
    en: ['price match', 'match', 'cheaper', 'beat', 'competitor', 'for less', 'elsewhere', 'another store'],
    zh: ['比价', '更便宜', '别家'],
  },
  cancel: {
    en: ['cancel', 'no longer want', 'dont want', 'change my order'],
    zh: ['取消', '退订', '不想买', '不想要这个', '撤销'],
  },
  place: {
    en: ['address', 'where are you', 'street', 'store', 'visit your', 'parking', 'directions'],
    zh: ['门店', '地址', '店里', '实体店', '停车', '在什么地方', '在哪'],
  },
  parts: {
    en: ['spare', 'replacement', 'filter', 'seal', 'shelf', 'part'],
    zh: ['配件', '零件', '滤网'],
  },
  cold: {
    en: ['cold', 'cool', 'warm', 'thaw', 'freez', 'not cooling', 'temperature'],
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
    ],
    zh: ['营业时间', '上班', '有人', '全天', '二十四小时', '接电话', '过年', '节假日'],
  },
  invoice: {
    en: ['invoice', 'receipt', 'vat'],
    zh: ['发票', '开票', '报销', '税号'],
  },
  fridge: {
    en: ['fridge', 'freezer'],
    zh: ['冰箱', '冷藏', '冷冻'],
  },
  aircon: {
    en: ['air conditioner', 'air conditioning', 'aircon'],
    zh: ['空调'],
  },
};
