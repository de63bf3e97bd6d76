/**
 * What one ranking call reads from the kiosk's model and catalog, each style read at most once:
 * item neighbours, style facts (gender, tags, category, slot) and names for the reason lines, and
 * — only for the garments of the visit — a style's sizes.
 */
import {
  inWearingOrder,
  type Gender,
  type ItemModel,
  type StyleFacts,
  type StyleName,
} from '../recommend';
import type { ReadableDB } from '../store/db';
import { itemModel } from './model-tables';
import { splitTags } from './training-data';

export interface StyleRow extends StyleFacts, StyleName {
  category: string;
  slot: string;
}

export interface ModelReader {
  item(styleId: string): ItemModel | null;
  neighbours(styleId: string): readonly (readonly [string, number])[];
  facts(styleId: string): StyleRow | undefined;
  sizes(styleId: string): string[];
  name(styleId: string): StyleName | null;
}

const asGender = (value: string): Gender => (value === 'F' || value === 'M' ? value : 'U');

export function modelReader(db: ReadableDB): ModelReader {
  const items = new Map<string, ItemModel | null>();
  const styles = new Map<string, StyleRow | undefined>();
  const product = db.prepareRead<
    [string],
    {
      nameZh: string;
      nameEn: string;
      category: string;
      gender: string;
      tags: string;
      slot: string;
    }
  >(
    `SELECT name_zh AS nameZh, name_en AS nameEn, category, gender, style_tags AS tags,
       outfit_slot AS slot FROM products WHERE style_id = ?`,
  );
  const sizesOf = db.prepareRead<[string], { size: string }>(
    'SELECT DISTINCT size FROM variants WHERE style_id = ?',
  );
  const item = (styleId: string) => {
    if (!items.has(styleId)) items.set(styleId, itemModel(db, styleId));
    return items.get(styleId) ?? null;
  };
  const facts = (styleId: string) => {
    if (!styles.has(styleId)) {
      const row = product.get(styleId);
      styles.set(
        styleId,
        row && {
          nameZh: row.nameZh,
          nameEn: row.nameEn,
          category: row.category,
          slot: row.slot,
          gender: asGender(row.gender),
          tags: splitTags(row.tags),
        },
      );
    }
    return styles.get(styleId);
  };
  return {
    item,
    neighbours: (styleId) => item(styleId)?.neighbours ?? [],
    facts,
    sizes: (styleId) => inWearingOrder(sizesOf.all(styleId).map((r) => r.size)),
    name: (styleId) => facts(styleId) ?? null,
  };
}
