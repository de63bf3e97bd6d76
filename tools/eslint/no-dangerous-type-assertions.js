/**
 * ESLint rule `local/no-dangerous-type-assertions` (CONVENTIONS 18; after VS Code's
 * `code-no-dangerous-type-assertions`): a type assertion tells the compiler to stop checking, so
 * on a domain value it hides exactly the mistakes types are there to catch. Reported:
 *
 * - `x as { … }` (also `{ … }[]` and unions with one): asserting an object shape. Narrow with a
 *   type guard or a discriminated union, or parse with the value's zod schema.
 * - `{ … } as T`: building an object by assertion hides missing and misspelt fields. Declare the
 *   type (`const x: T = { … }`) or use `satisfies T`.
 * - `x as unknown as T` (or through `any`/`never`): forcing one type into an unrelated one.
 * - `JSON.parse(…) as T`: text from disk or the wire typed without being checked. Parse it.
 *
 * `as const` and widening to `unknown` stay allowed. Where a forced cast is the only way (a
 * library's types cannot say what it does), disable the rule on that line and say why.
 */

/** Whether a type node is, or directly contains, an object type literal. */
function hasObjectShape(type) {
  if (!type) return false;
  switch (type.type) {
    case 'TSTypeLiteral':
      return true;
    case 'TSArrayType':
      return hasObjectShape(type.elementType);
    case 'TSUnionType':
    case 'TSIntersectionType':
      return type.types.some(hasObjectShape);
    default:
      return false;
  }
}

const isConst = (type) =>
  type.type === 'TSTypeReference' &&
  type.typeName.type === 'Identifier' &&
  type.typeName.name === 'const';

const isEscapeHatch = (type) =>
  type.type === 'TSUnknownKeyword' ||
  type.type === 'TSAnyKeyword' ||
  type.type === 'TSNeverKeyword';

const isAssertion = (node) => node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion';

function isJsonParse(node) {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'JSON' &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'parse'
  );
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'ban type assertions that hide errors on domain values' },
    schema: [],
    messages: {
      shape:
        'Do not assert an object shape (`as { … }`): narrow with a type guard or a discriminated union, or parse with its zod schema.',
      literal:
        'Do not build an object by type assertion: declare its type (`const x: T = { … }`) or use `satisfies`.',
      double:
        'Do not force a type through `{{through}}` (`as {{through}} as T`): the two types are unrelated.',
      parse:
        'Do not type parsed JSON by assertion: it comes from outside; parse it with its zod schema.',
    },
  },
  create(context) {
    function check(node) {
      const type = node.typeAnnotation;
      if (isConst(type) || type.type === 'TSUnknownKeyword') return;
      const inner = node.expression;
      if (isAssertion(inner) && isEscapeHatch(inner.typeAnnotation)) {
        const through = context.sourceCode.getText(inner.typeAnnotation);
        context.report({ node, messageId: 'double', data: { through } });
      } else if (hasObjectShape(type)) context.report({ node, messageId: 'shape' });
      else if (inner.type === 'ObjectExpression') context.report({ node, messageId: 'literal' });
      else if (isJsonParse(inner)) context.report({ node, messageId: 'parse' });
    }
    return { TSAsExpression: check, TSTypeAssertion: check };
  },
};
