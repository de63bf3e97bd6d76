/**
 * ESLint rule `local/layering`: a folder says where code runs and what it may import
 * (shared/DESIGN.md, CONVENTIONS 1). Relative imports are resolved against the repository root and
 * checked against the allowed folders; the renderer may also not import Node or native packages.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/** Which of our folders each folder may import (its own is always allowed). */
export const allowedImports = {
  // common/ holds the Result shape and the zod error formatter: pure, imports nothing of ours,
  // so every layer may use it (each layer closes the error codes over its own list).
  common: [],
  renderer: ['bridge', 'common'],
  bridge: ['common'],
  host: ['core', 'device', 'sync', 'bridge', 'common'],
  electron: ['host', 'bridge', 'common'],
  core: ['common'],
  // The decoder reads the member QR token format the cloud issues by (sync/protocol/member-token.ts,
  // pure and dependency-free): one definition for issuer and reader (docs/architecture.md).
  device: ['common', 'sync/protocol'],
  sync: ['core', 'common'],
  // The cloud shares the kiosk's pure rules (pricing, RFM, recommendation training), not its store.
  cloud: ['sync/protocol', 'core/rules', 'core/recommend', 'common'],
  // The HQ console talks only to the HQ API's contract (zod schemas), never to cloud internals.
  hq: ['cloud/hq-api', 'common'],
};

/** Sub-folders that are a layer of their own (a narrower thing another layer may import). */
const subLayers = ['sync/protocol', 'cloud/hq-api', 'core/rules', 'core/recommend'];

/** Packages that only the host side may load; the renderer runs in an untrusted page. */
const hostOnlyPackages = [
  'electron',
  'better-sqlite3',
  'serialport',
  'node-hid',
  'ws',
  'pino',
  'fastify',
  'pg',
  'tsx',
];
const builtins = new Set(builtinModules);
/** Layers that run in a browser page: no Node built-ins, no host-only packages. */
const browserLayers = ['renderer', 'hq'];

function layerOf(path) {
  const [first, second] = path.split(sep);
  if (!first || !(first in allowedImports)) return null;
  const sub = `${first}/${second}`;
  return subLayers.includes(sub) ? sub : first;
}

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the import directions between the app folders' },
    schema: [
      { type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false },
    ],
    messages: {
      layer: '{{from}}/ may not import {{to}}/ (allowed: {{allowed}}); see shared/DESIGN.md',
      package:
        '{{from}}/ may not import "{{name}}": it runs in a browser page and talks only to its API',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = relative(root, context.filename);
    const from = layerOf(file);
    if (!from) return {};
    const fromTop = from.split('/')[0];
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = layerOf(relative(root, resolve(dirname(context.filename), source)));
        if (!target || target.split('/')[0] === fromTop) return;
        const allowed = allowedImports[fromTop];
        if (allowed.includes(target) || allowed.includes(target.split('/')[0])) return;
        context.report({
          node,
          messageId: 'layer',
          data: { from: fromTop, to: target, allowed: allowed.join(', ') || 'none' },
        });
        return;
      }
      if (!browserLayers.includes(fromTop)) return;
      const name = packageName(source);
      if (source.startsWith('node:') || builtins.has(name) || hostOnlyPackages.includes(name)) {
        context.report({ node, messageId: 'package', data: { from: fromTop, name: source } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
