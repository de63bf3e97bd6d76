import type { WritableDB } from '../db';

export interface Migration {
  /** Numbered in tens so a fix can slot in between. */
  version: number;
  name: string;
  up(db: WritableDB): void;
}
