/** Every file of a store folder, in dependency order: a row only refers to rows of files before it. */
import { catalogFiles } from './catalog-files';
import { historyFiles } from './history-files';
import { memberFiles } from './member-files';
import { referenceFiles } from './reference-files';
import type { FileSpec } from './spec';
import { staffFiles } from './staff-files';

export const allStoreFiles: readonly FileSpec[] = [
  ...catalogFiles,
  ...referenceFiles,
  ...memberFiles,
  ...staffFiles,
  ...historyFiles,
];
