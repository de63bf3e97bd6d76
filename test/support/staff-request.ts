/** What a mirror's size request says in the request tests: a dress in S, to fitting room 2. */
export const sizeRequest = {
  kind: 'size',
  place: 'Fitting room 2',
  sku: 'DRE001-WHT-S',
  size: 'S',
  nameZh: '防泼水连衣裙',
  nameEn: 'Showerproof dress',
} as const;
