/**
 * The tables sync/ reads and writes on the kiosk, behind named operations: settings, stream
 * positions, pulled catalog / member / staff / media rows, snapshot pruning, the outbox as the
 * pusher sees it, member aliases and staff requests. sync/ prepares no SQL of its own.
 */
export * from './catalog-rows';
export * from './media-rows';
export * from './member-aliases';
export * from './member-rows';
export * from './outbox-sync';
export * from './settings';
export * from './snapshot-prune';
export * from './staff-requests';
export * from './staff-rows';
export * from './stream-position';
