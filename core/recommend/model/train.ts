/**
 * Training: the one function the cloud (brand-wide, every store and channel) and a standalone
 * kiosk (its own history) both run. Pure: events, catalog and members in, a model out.
 *
 * 1. The blend weights are chosen on the last `validationDays` of the data: signals fitted on the
 *    events before, picks scored against what members liked or bought after (weights.ts).
 * 2. The signals are fitted again on all the data, and every profiling member gets their best
 *    picks, each with the reason of the signal that contributed most.
 * 3. Item neighbours, look partners and size advice are brand facts with no member in them.
 *
 * Members who did not consent to profiling (or were erased) get no row, and their events count
 * only anonymously (popularity, pairs of styles), never as anyone's neighbour.
 */
import type { Gender } from '../types';
import type { MemberInfo, StyleInfo } from './catalog';
import { windowTargets } from './evaluate';
import type { EventTable } from './events';
import { fitModel } from './fit';
import { itemNeighbours } from './item-knn';
import { lookPairs } from './look';
import type { ItemModel, MemberModel, ModelPick, PickWhy, TrainedModel } from './model';
import { buildProfiles, largest, type Profiles } from './profiles';
import {
  COMPONENTS,
  Scorer,
  blendScore,
  topStyles,
  type CandidateParts,
  type Weights,
} from './scorer';
import { topK } from './top-k';
import { UserKnn } from './user-knn';
import { chooseWeights, DEFAULT_WEIGHTS, precisionOfWeights, type ValidationCase } from './weights';

const DAY_MS = 86_400_000;
/**
 * What a kiosk receives per style, sized for a kiosk: the closest neighbours (live re-ranking of a
 * visit needs a handful) and look partners (the mirror shows four). Training itself uses 20.
 */
const SHIPPED_NEIGHBOURS = 12;
const SHIPPED_LOOK = 10;
/** Candidates per signal kept for choosing the weights (see `strongest`). */
const VALIDATION_POOL = 30;

export interface TrainOptions {
  /** Events strictly before this instant (ms) are used. Default: after the latest event. */
  until?: number;
  /** When the model is made (its version). */
  now: Date;
  /** Length of the validation window the weights are chosen on. Default 49 days. */
  validationDays?: number;
  /** Fewer validation members than this: DEFAULT_WEIGHTS. Default 30. */
  minValidationMembers?: number;
  /** At most this many members score the weight grid (a fixed sample). Default 2000. */
  maxValidationMembers?: number;
  /** Picks kept per member. Default 40. */
  picksPerMember?: number;
  /** Force these weights (no validation): benchmarks of a single signal. */
  weights?: Weights;
  /**
   * Weights an earlier, interrupted training chose on the same data (its checkpoint): the
   * validation phase, about a third of the work, is not done again.
   */
  chosen?: ChosenWeights;
  /** Called once the weights are chosen, so a caller can keep them as a checkpoint. */
  onChosen?: (chosen: ChosenWeights) => void;
  onProgress?: (p: TrainProgress) => void;
}

export interface ChosenWeights {
  weights: Weights;
  validation: TrainedModel['meta']['validation'];
}

/**
 * Training's phases, in order: choosing the weights and fitting the signals (by events), each
 * member's picks (by members), the items' facts (by styles).
 */
export interface TrainProgress {
  phase: 'weights' | 'fit' | 'picks' | 'items';
  unit: 'events' | 'members' | 'styles';
  done: number;
  total: number;
}

const PROGRESS_EVERY = 1000;

export interface Fitted {
  profiles: Profiles;
  scorer: Scorer;
}

/** The signals fitted on the events before `until`. */
export function fitSignals(
  table: EventTable,
  catalog: readonly StyleInfo[],
  profiling: (member: number) => boolean,
  until: number,
): Fitted {
  const profiles = buildProfiles(table, { until, profiling });
  const styleCount = table.styles.size;
  const scorer = new Scorer(
    table,
    profiles,
    new UserKnn(profiles, styleCount),
    itemNeighbours(profiles, styleCount),
    catalog,
  );
  return { profiles, scorer };
}

/** Table member id → what training may know about the member. */
export function memberLookup(
  table: EventTable,
  members: readonly MemberInfo[],
): { profiling: (m: number) => boolean; gender: (m: number) => Gender | null } {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const info = table.members.values.map((id) => byId.get(id));
  return {
    profiling: (m) => info[m]?.profiling === true,
    gender: (m) => info[m]?.gender ?? null,
  };
}

/** A deterministic sample of at most `n` members (every k-th by id order). */
function sample(members: number[], n: number): number[] {
  if (members.length <= n) return members;
  const step = members.length / n;
  return Array.from({ length: n }, (_, i) => members[Math.floor(i * step)] ?? 0);
}

/**
 * Candidates among the `n` best of at least one signal. The grid tries non-negative weightings;
 * a style that is not near the top of any signal does not reach the top 5 of a blend in practice,
 * and a large catalog would otherwise cost hundreds of candidates × every weighting per member.
 */
function strongest(candidates: CandidateParts[], n: number): CandidateParts[] {
  if (candidates.length <= n) return candidates;
  const keep = new Set<CandidateParts>();
  COMPONENTS.forEach((_, k) => {
    for (const c of topK(candidates, n, (x) => x.parts[k] ?? 0)) keep.add(c);
  });
  return candidates.filter((c) => keep.has(c));
}

export function validationCases(
  table: EventTable,
  catalog: readonly StyleInfo[],
  members: readonly MemberInfo[],
  from: number,
  to: number,
  maxMembers = 2000,
): ValidationCase[] {
  const who = memberLookup(table, members);
  const fitted = fitSignals(table, catalog, who.profiling, from);
  const { byMember } = windowTargets(table, { from, to, profiling: who.profiling });
  const chosen = sample(
    [...byMember.keys()].sort((a, b) => a - b),
    maxMembers,
  );
  return chosen.map((m) => ({
    candidates: strongest(fitted.scorer.candidates(m, who.gender(m)), VALIDATION_POOL),
    truth: byMember.get(m) ?? new Set(),
  }));
}

/**
 * The reason of a pick: what the member did with that very style when it says something (bought
 * it, or tried it on at least twice: the most concrete line a shopper can read), otherwise the
 * signal that contributed most to its score.
 */
function whyOf(
  c: CandidateParts,
  weights: Weights,
  styleId: (s: number) => string,
  anchorBought: boolean,
): PickWhy {
  if (c.bought || c.tries >= 2) return { code: 'own', tries: c.tries, bought: c.bought };
  let best = -1;
  let bestValue = 0;
  COMPONENTS.forEach((name, k) => {
    const v = weights[name] * (c.parts[k] ?? 0);
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  });
  switch (COMPONENTS[best]) {
    case 'userKnn':
      return { code: 'taste', boughtBy: c.boughtBy };
    case 'itemKnn':
      return c.anchor >= 0
        ? { code: 'goes-with', anchor: styleId(c.anchor), bought: anchorBought }
        : { code: 'popular' };
    case 'persona':
      return c.tag ? { code: 'tag', tag: c.tag } : { code: 'popular' };
    case 'own':
      return { code: 'own', tries: c.tries, bought: c.bought };
    default:
      return { code: 'popular' };
  }
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function trainModel(
  table: EventTable,
  catalog: readonly StyleInfo[],
  members: readonly MemberInfo[],
  options: TrainOptions,
): TrainedModel {
  const latest = table.latest();
  const until = options.until ?? (Number.isFinite(latest) ? latest + 1 : options.now.getTime());
  const who = memberLookup(table, members);
  const progress = options.onProgress ?? (() => undefined);
  const events = (phase: 'weights' | 'fit', done: number) =>
    progress({ phase, unit: 'events', done, total: table.length });
  let weights = options.weights ?? options.chosen?.weights ?? DEFAULT_WEIGHTS;
  let validation: TrainedModel['meta']['validation'] = options.chosen?.validation ?? null;
  if (!options.weights && !options.chosen) {
    events('weights', 0);
    const from = until - (options.validationDays ?? 49) * DAY_MS;
    const cases = validationCases(
      table,
      catalog,
      members,
      from,
      until,
      options.maxValidationMembers,
    );
    if (cases.length >= (options.minValidationMembers ?? 30)) {
      const chosen = chooseWeights(cases);
      weights = chosen.weights;
      validation = {
        from: new Date(from).toISOString(),
        to: new Date(until).toISOString(),
        members: cases.length,
        precisionAt5: {
          blend: round(chosen.precision),
          popularity: round(
            precisionOfWeights(cases, {
              userKnn: 0,
              itemKnn: 0,
              persona: 0,
              own: 0,
              popularity: 1,
            }),
          ),
        },
      };
    }
    events('weights', table.length);
    options.onChosen?.({ weights, validation });
  }
  events('fit', 0);
  const { profiles, scorer } = fitSignals(table, catalog, who.profiling, until);
  const styleId = (s: number) => table.styles.values[s] ?? '';
  const picksPerMember = options.picksPerMember ?? 40;
  const memberModels: MemberModel[] = [];
  const fit = fitModel(table, catalog, { until });
  events('fit', table.length);
  const memberCount = profiles.rows.length;
  profiles.rows.forEach((row, m) => {
    if (m % PROGRESS_EVERY === 0)
      progress({ phase: 'picks', unit: 'members', done: m, total: memberCount });
    if (!row || !who.profiling(m)) return;
    const candidates = scorer.candidates(m, who.gender(m));
    const best = topStyles(candidates, (c) => blendScore(c.parts, weights), picksPerMember);
    const picks: ModelPick[] = best.map((c) => {
      const anchorAt = c.anchor >= 0 ? row.styles.indexOf(c.anchor) : -1;
      return {
        styleId: styleId(c.style),
        score: round(blendScore(c.parts, weights)),
        why: whyOf(c, weights, styleId, anchorAt >= 0 && row.bought[anchorAt] === 1),
      };
    });
    memberModels.push({
      memberId: table.members.values[m] ?? '',
      picks,
      sizes: fit.usualSizes.get(m) ?? {},
    });
  });
  progress({ phase: 'picks', unit: 'members', done: memberCount, total: memberCount });
  const styleCount = table.styles.values.length;
  progress({ phase: 'items', unit: 'styles', done: 0, total: styleCount });
  const known = new Set(catalog.map((s) => s.styleId));
  const look = lookPairs(table, catalog, { until });
  const maxPopularity = largest(profiles.popularity, 1e-9);
  const items: ItemModel[] = [];
  table.styles.values.forEach((id, s) => {
    if (!known.has(id)) return;
    items.push({
      styleId: id,
      popularity: round((profiles.popularity[s] ?? 0) / maxPopularity),
      neighbours: (scorer.neighbours[s] ?? [])
        .slice(0, SHIPPED_NEIGHBOURS)
        .map((n) => [styleId(n.style), round(n.sim, 3)]),
      look: (look[s] ?? [])
        .slice(0, SHIPPED_LOOK)
        .map((p) => [styleId(p.style), round(p.score, 3), p.coPurchases]),
      fit: fit.styles[s] ?? null,
    });
  });
  progress({ phase: 'items', unit: 'styles', done: styleCount, total: styleCount });
  items.sort((a, b) => (a.styleId < b.styleId ? -1 : 1));
  memberModels.sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const trainedAt = options.now.toISOString();
  return {
    meta: {
      version: `m${trainedAt.replace(/[-:.]/g, '')}`,
      trainedAt,
      dataUntil: new Date(until).toISOString(),
      weights,
      validation,
      events: table.length,
    },
    items,
    members: memberModels,
  };
}
