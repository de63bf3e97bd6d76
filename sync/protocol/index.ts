/**
 * The sync wire protocol between a kiosk and the member cloud: request/response schemas, mutation
 * argument schemas by name and version, stream names, error codes, HLC stamps and page checksums.
 * Described in docs/sync-protocol.md. Imports nothing of ours.
 */
export * from './errors';
export * from './bounds';
export * from './member-token';
export * from './hlc';
export * from './checksum';
export * from './auth';
export * from './mutations';
export * from './push';
export * from './pull';
export * from './member';
export * from './member-offers';
export * from './looks';
export * from './request-order';
export * from './media';
export * from './heartbeat';

export const PROTOCOL_VERSION = 1;
export * from './bulk-pull';
