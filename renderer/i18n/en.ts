import type { Messages } from './messages';

export const en: Messages = {
  attract: {
    title: 'Welcome',
    mirror: 'Bring a garment to the mirror, or scan its tag',
    checkout: 'Scan an item to start self-checkout',
    staff: 'Staff: scan your badge to sign in',
  },
  product: {
    color: 'Colour',
    size: 'Size',
    price: 'Price',
    stockHere: 'In this store',
    inStock: '{{count}} in stock',
    outOfStock: 'Out of stock in this store',
  },
  scan: {
    notFound: 'Item not found, please ask a staff member',
    notFoundDetail: 'Code {{code}} is not in this store’s catalogue',
    invalid: 'This code could not be read. Please scan again or ask a staff member',
    other: 'Read: {{kind}}',
  },
  status: {
    offline: 'Reconnecting…',
  },
  language: { label: 'Language', switchTo: '简体中文' },
};
