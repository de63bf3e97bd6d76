/**
 * A later migration that changes a function re-creates it from an earlier migration's frozen text
 * with a few rewrites, so the change reads as a diff and nothing else of the function moves. Each
 * lookup and rewrite fails loudly, at load, if its text is not there.
 */

/** The text of `CREATE … FUNCTION name(` up to its end in a frozen migration, as CREATE OR REPLACE. */
export function functionIn(migration: string, name: string, by: string): string {
  const start = migration.search(new RegExp(`CREATE (OR REPLACE )?FUNCTION ${name}\\(`));
  const end = migration.indexOf('END $$;', start) + 'END $$;'.length;
  if (start < 0 || end < start) throw new Error(`${by}: ${name} not found`);
  return migration
    .slice(start, end)
    .replace(/^CREATE (OR REPLACE )?FUNCTION/, 'CREATE OR REPLACE FUNCTION');
}

/** `fn` with `from` replaced by `to`, once. */
export function rewrite(fn: string, from: string, to: string, by: string): string {
  if (!fn.includes(from)) throw new Error(`${by}: "${from.slice(0, 40)}…" not found`);
  return fn.replace(from, () => to); // a function: `to` may hold `$$`, which a replacement string reads as `$`
}
