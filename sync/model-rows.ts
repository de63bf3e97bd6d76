/**
 * The `model` stream on the kiosk: rows are staged as they arrive (core/recommend-store), and once
 * a pull of the stream has reached its end the staged version is activated if it is complete and
 * its rows hash to the checksum its meta row names (the same pageChecksum as every page). A
 * member's tombstone leaves the active model at once (erasure).
 */
import { activateStagedModel, stageModelRow, type ActivationResult } from '../core/recommend-store';
import type { WritableDB } from '../core/store/db';
import { pageChecksum, type StreamRow } from './protocol';

/** Stages one row; false when it does not parse (the stream goes on without it). */
export function applyModelRow(db: WritableDB, row: StreamRow): boolean {
  return stageModelRow(db, row.key, row.op === 'delete' ? null : row.data) !== 'refused';
}

/** After the last page of a model pull: use the staged model if it is whole and intact. */
export function activateModel(db: WritableDB, now: Date): ActivationResult {
  return activateStagedModel(db, (rows) => pageChecksum(rows), now);
}
