/**
 * The import graph of our own TypeScript files, read as text: every relative `import … from`,
 * `export … from` and `import('…')`, type-only imports included (a type cycle is still a knot a
 * reader has to untie). Used by tests that keep a folder free of import cycles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const specifiers = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') || candidate.endsWith('.tsx'))
      if (existsSync(candidate)) return candidate;
  return null;
}

/** The files `file` imports (our own, resolved to paths). */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(specifiers)].flatMap((m) => {
    const target = m[1] ? resolveImport(file, m[1]) : null;
    return target ? [target] : [];
  });
}

/** The non-test TypeScript files of a folder (not below it). */
export function sourceFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => join(folder, name));
}

/**
 * Every import cycle among `files` (edges leaving the set are not followed), each as the list of
 * files around it relative to `root`, starting from its alphabetically first file.
 */
export function importCycles(files: readonly string[], root: string): string[][] {
  const inSet = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => inSet.has(t))]));
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next)).map((f) => relative(root, f));
        const start = cycle.indexOf([...cycle].sort()[0] ?? '');
        const normal = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(normal.join(' → '), normal);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...files].sort()) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}
