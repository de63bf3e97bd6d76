/**
 * What one ranking call reads from the kiosk's model and catalog, each style read at most once:
 * item neighbours, style facts (gender, tags, sizes, category) and names for the reason lines.
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
      sizes: string;
    }
  >(
    `SELECT p.name_zh AS nameZh, p.name_en AS nameEn, p.category AS category, p.gender AS gender,
       p.style_tags AS tags, p.outfit_slot AS slot,
       (SELECT json_group_array(DISTINCT v.size) FROM variants v WHERE v.style_id = p.style_id) AS sizes
     FROM products p WHERE p.style_id = ?`,
  );
  const item = (styleId: string) => {
    if (!items.has(styleId)) items.set(styleId, itemModel(db, styleId));
    return items.get(styleId) ?? null;
  };
  const facts = (styleId: string) => {
    if (!styles.has(styleId)) {
      const row = product.get(styleId);
      let sizes: string[] = [];
      try {
        const parsed: unknown = row ? JSON.parse(row.sizes) : [];
        if (Array.isArray(parsed)) sizes = parsed.filter((s) => typeof s === 'string');
      } catch {
        sizes = [];
      }
      styles.set(
        styleId,
        row && {
          nameZh: row.nameZh,
          nameEn: row.nameEn,
          category: row.category,
          slot: row.slot,
          gender: asGender(row.gender),
          tags: splitTags(row.tags),
          sizes: inWearingOrder(sizes),
        },
      );
    }
    return styles.get(styleId);
  };
  return {
    item,
    neighbours: (styleId) => item(styleId)?.neighbours ?? [],
    facts,
    name: (styleId) => facts(styleId) ?? null,
  };
}
