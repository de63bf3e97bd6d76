/**
 * The HQ API's contract (zod schemas, types and pure helpers): what the console may import.
 * The server (cloud/hq) serves these shapes under /hq/api; see docs/hq.md.
 */
export * from './common';
export * from './filters';
export * from './auth';
export * from './meta';
export * from './overview';
export * from './fitting-room';
export * from './reasons';
export * from './stock';
export * from './members';
export * from './fleet';
export * from './rows';
export * from './metrics';
export * from './csv';
export * from './routes';
