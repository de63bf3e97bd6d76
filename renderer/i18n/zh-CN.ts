export const zhCN = {
  attract: {
    title: '欢迎光临',
    mirror: '把衣服靠近镜子，或扫描吊牌条码',
    checkout: '扫描商品条码开始自助结账',
    staff: '店员请刷工牌登录',
  },
  product: {
    color: '颜色',
    size: '尺码',
    price: '价格',
    stockHere: '本店库存',
    inStock: '有货 {{count}} 件',
    outOfStock: '本店暂无库存',
  },
  scan: {
    notFound: '未找到该商品，请联系店员',
    notFoundDetail: '条码 {{code}} 不在本店商品目录中',
    invalid: '无法识别该条码，请重新扫描或联系店员',
    other: '已读取：{{kind}}',
  },
  status: {
    offline: '正在重新连接…',
  },
  language: { label: '语言', switchTo: 'English' },
} as const;
