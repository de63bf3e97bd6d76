/**
 * What a number opens. A count opens the rows it counts (`RowsLink`). A sum, a ratio or an
 * average opens a `Figure`: the rows of each side and what of them counts (their number, or the
 * sum of one column), so the drawer recomputes the clicked value from the rows themselves.
 */
import type { RowsLink } from '../../cloud/hq-api';
import type { ValueKind } from '../format';

/** One side's rows and what of them counts: `rows` = how many, otherwise a column's sum. */
export interface FigurePart {
  link: RowsLink;
  measure: string;
  /** Counts against the side (NPS: detractors are taken from promoters). */
  negate?: boolean;
}

/** value = factor × Σ numerator / Σ denominator (an empty denominator divides by 1; a negated part subtracts). */
export interface Figure {
  /** Its name under `figures.names` in the messages. */
  figure: string;
  /** How the clicked number was formatted. */
  format: ValueKind;
  numerator: FigurePart[];
  denominator: FigurePart[];
  factor: number;
}

export type Drill = RowsLink | Figure;

export const isFigure = (d: Drill): d is Figure => 'numerator' in d;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The figure's value from its sides' totals, as the views compute it (null when undefined). */
export function figureValue(
  numerator: readonly number[],
  denominator: readonly number[],
  factor: number,
): number | null {
  if (denominator.length === 0) return factor * sum(numerator);
  const below = sum(denominator);
  return below > 0 ? (factor * sum(numerator)) / below : null;
}
