/** Every text of the phone page, in both languages (zh-CN first: most shoppers read Chinese). */
export const PAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export const PAGE_TEXT = {
  'zh-CN': {
    title: '我的试衣搭配',
    intro: '你在试衣镜前试过的衣服',
    store: '门店',
    validUntil: '链接有效期至',
    pendingTitle: '搭配正在路上',
    pending: '试衣镜正在把你的搭配发送过来；联网后本页会自动显示，无需刷新。',
    expiredTitle: '链接已过期',
    expired: '这个搭配链接已超过 7 天有效期。欢迎再来店里试穿！',
    tried: '试穿尺码',
    colour: '颜色',
    size: '尺码',
    here: '本店',
    otherStores: '其他门店',
    online: '网店',
    mode: '方式',
    home: '网购，送货到家',
    pickup: '网购，到本店自提',
    reserve: '在本店预留',
    contact: '联系电话或收货信息',
    qty: '数量',
    order: '提交',
    ordered: '已下单，订单号',
    sending: '正在提交…',
    failed: '提交失败',
    outOfStock: '该尺码库存不足，请换一个尺码或方式',
    noPicture: '暂无图片',
    other: 'English',
  },
  en: {
    title: 'My fitting-room look',
    intro: 'What you tried on at the mirror',
    store: 'Store',
    validUntil: 'Link valid until',
    pendingTitle: 'Your look is on its way',
    pending:
      'The mirror is sending your look; this page fills in by itself as soon as it arrives, no need to reload.',
    expiredTitle: 'This link has expired',
    expired: 'Look links last 7 days. Come and try things on again!',
    tried: 'Size tried',
    colour: 'Colour',
    size: 'Size',
    here: 'This store',
    otherStores: 'Other stores',
    online: 'Online',
    mode: 'How',
    home: 'Buy online, deliver to my home',
    pickup: 'Buy online, pick up in this store',
    reserve: 'Reserve in this store',
    contact: 'Phone number or delivery details',
    qty: 'Quantity',
    order: 'Place order',
    ordered: 'Ordered, order number',
    sending: 'Sending…',
    failed: 'Could not place the order',
    outOfStock: 'Not enough stock in that size: try another size or option',
    noPicture: 'No picture yet',
    other: '中文',
  },
} satisfies Record<PageLanguage, Record<string, string>>;
export type PageText = (typeof PAGE_TEXT)['en'];

/** `?lang=` wins, then the browser's first language; Chinese by default. */
export function pageLanguage(
  query: string | undefined,
  acceptLanguage: string | undefined,
): PageLanguage {
  if (query === 'en' || query === 'zh-CN') return query;
  return /^en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN';
}
