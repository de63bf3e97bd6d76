import type { zhCN } from './zh-CN';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English has exactly the keys of the Chinese source: a missing string fails type-checking. */
export type Messages = Widen<typeof zhCN>;
