/** The catalog area: products by scanned or typed code. */
import { z } from 'zod';
import { productViewSchema } from '../schemas';

export const catalogMethods = {
  'catalog.lookup': {
    input: z.object({ code: z.string().min(1).max(256) }).strict(),
    output: productViewSchema.nullable(),
  },
} as const;
