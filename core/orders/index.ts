export { deliveryFits, placeOrder, type Delivery, type OrderInput, type OrderKind } from './orders';
