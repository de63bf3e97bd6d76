/**
 * What the online channel may read about a member who consented to profiling: picks with their
 * reasons (the brand-wide model), the preference profile the mirror learnt (styles liked / not for
 * me, colours, fit per category), and the looks tried at the mirror. Nothing for anyone else.
 */
import { pickReason, type LiveWhy } from '../../core/recommend';
import { MemberModelSchema } from '../../core/recommend/model/schemas';
import type { Queryable } from '../db/db';

interface Style {
  styleId: string;
  nameZh: string;
  nameEn: string;
  category: string;
}

async function styles(q: Queryable): Promise<Map<string, Style>> {
  const { rows } = await q.query<{
    style_id: string;
    name_zh: string;
    name_en: string;
    category: string;
  }>('SELECT style_id, name_zh, name_en, category FROM products');
  return new Map(
    rows.map((r) => [
      r.style_id.toLowerCase(),
      { styleId: r.style_id, nameZh: r.name_zh, nameEn: r.name_en, category: r.category },
    ]),
  );
}

/** True when the member exists, is not erased and consented to profiling. */
export async function mayProfile(q: Queryable, memberId: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM members WHERE member_id = $1 AND NOT erased AND consent_profile',
    [memberId],
  );
  return rows.length > 0;
}

async function memberModel(q: Queryable, memberId: string) {
  const { rows } = await q.query<{ data: unknown }>(
    'SELECT data FROM model_rows WHERE key = $1 LIMIT 1',
    [`member:${memberId}`],
  );
  const parsed = MemberModelSchema.safeParse(rows[0]?.data);
  return parsed.success ? parsed.data : null;
}

export async function recommendations(q: Queryable, memberId: string, limit = 20) {
  const [model, names] = [await memberModel(q, memberId), await styles(q)];
  const name = (id: string) => {
    const s = names.get(id.toLowerCase());
    return s ? { nameZh: s.nameZh, nameEn: s.nameEn } : null;
  };
  return (model?.picks ?? []).slice(0, limit).map((p) => {
    const why: LiveWhy = p.why;
    const s = names.get(p.styleId.toLowerCase());
    return {
      styleId: p.styleId,
      nameZh: s?.nameZh ?? p.styleId,
      nameEn: s?.nameEn ?? p.styleId,
      score: p.score,
      reason: pickReason(why, name),
    };
  });
}

export async function preferenceProfile(q: Queryable, memberId: string) {
  const [{ rows }, names, model] = [
    await q.query<{ key: string; value: unknown }>(
      'SELECT key, value FROM member_settings WHERE member_id = $1 ORDER BY key',
      [memberId],
    ),
    await styles(q),
    await memberModel(q, memberId),
  ];
  const liked: Style[] = [];
  const notForMe: Style[] = [];
  const colours = { liked: [] as string[], disliked: [] as string[] };
  const fit = new Map<string, { tooSmall: string[]; tooBig: string[] }>();
  for (const { key, value } of rows) {
    // the cloud keeps preferences under `pref.<key>` (cloud/push/handlers/members.ts)
    const [kind, id = ''] = key.replace(/^pref\./, '').split(/\.(.*)/s);
    const style = names.get(id);
    if (kind === 'style' && style && value === 'liked') liked.push(style);
    if (kind === 'style' && style && value === 'not-for-me') notForMe.push(style);
    if (kind === 'colour' && value === 'liked') colours.liked.push(id.toUpperCase());
    if (kind === 'colour' && value === 'disliked') colours.disliked.push(id.toUpperCase());
    if (kind === 'fit' && style && typeof value === 'object' && value !== null) {
      const tried = 'tried' in value && typeof value.tried === 'string' ? value.tried : null;
      const verdict = 'verdict' in value ? value.verdict : null;
      const f = fit.get(style.category) ?? { tooSmall: [], tooBig: [] };
      if (tried && verdict === 'too-small') f.tooSmall.push(tried);
      if (tried && verdict === 'too-big') f.tooBig.push(tried);
      fit.set(style.category, f);
    }
  }
  const categories = new Set([...fit.keys(), ...Object.keys(model?.sizes ?? {})]);
  return {
    styles: { liked, notForMe },
    colours,
    fit: [...categories].sort().map((category) => ({
      category,
      takes: model?.sizes[category] ?? null,
      foundTooSmall: [...new Set(fit.get(category)?.tooSmall ?? [])],
      foundTooBig: [...new Set(fit.get(category)?.tooBig ?? [])],
    })),
  };
}

/** The member's mirror visits (try-ons they allowed to be linked to them), newest first. */
export async function mirrorLooks(q: Queryable, memberId: string, limit = 20) {
  const { rows } = await q.query<{
    session_id: string;
    store_id: string;
    at: string;
    garments: { sku: string; outcome: string | null; reason: string | null }[];
  }>(
    `SELECT body->>'sessionId' AS session_id, min(store_id) AS store_id,
       to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
       jsonb_agg(jsonb_build_object('sku', body->>'sku', 'outcome', outcome, 'reason', reason) ORDER BY at) AS garments
     FROM tryons WHERE body->>'memberId' = $1
     GROUP BY body->>'sessionId' ORDER BY min(at) DESC LIMIT $2`,
    [memberId, limit],
  );
  return rows.map((r) => ({
    sessionId: r.session_id,
    storeId: r.store_id,
    at: r.at,
    garments: r.garments,
  }));
}
