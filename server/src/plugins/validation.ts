// Request validation with two Ajv instances, one per kind of input:
// - JSON bodies are typed by the client: a number where a string belongs is the client's mistake
//   and gets 400 VALIDATION_FAILED, so no coercion there;
// - query strings, route params and headers are always text on the wire, so they are coerced
//   ("?limit=20" → 20).
// Neither removes unknown fields: the client hears about them instead of losing them silently.
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const lenient = makeAjv('array');

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : lenient).compile(schema) as ReturnType<
    FastifySchemaCompiler<object>
  >;
