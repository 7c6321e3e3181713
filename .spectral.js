// Spectral's rules for the API's description: the OpenAPI ruleset and OWASP's API security ruleset,
// both loaded from node_modules, so linting needs no network:
//   npx spectral lint <openapi.json> --ruleset .spectral.js     (tests/integration/openapi.test.ts runs it)
// Where a rule is narrowed or turned off, the comment says why; nothing else is changed.
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { defined, schema, truthy } from '@stoplight/spectral-functions';

/**
 * What a client sends: request bodies (the components named …Request) and parameters. OWASP's
 * resource-consumption rules (API4:2023) bound what a caller can make the API read; the API's answers
 * are made by the API itself from stored, already bounded data, so the rules are held to inputs.
 */
const REQUEST_STRINGS = [
  '$.components.schemas[?(@property.match(/Request$/))]..[?(@ && @.type=="string")]',
  '$.paths[*][*].parameters[*].schema[?(@ && @.type=="string")]',
  '$.paths[*][*].parameters[*].schema',
];
const REQUEST_ARRAYS = ['$.components.schemas[?(@property.match(/Request$/))]..[?(@ && @.type=="array")]'];
const REQUEST_INTEGERS = [
  '$.components.schemas[?(@property.match(/Request$/))]..[?(@ && @.type=="integer")]',
  '$.paths[*][*].parameters[?(@.schema && @.schema.type=="integer")].schema',
];

export default {
  extends: [
    [oas, 'recommended'],
    [owasp, 'recommended'],
  ],
  rules: {
    'owasp:api4:2023-string-limit': {
      description: 'Strings a client sends have a maxLength, an enum or a const.',
      severity: 'error',
      given: REQUEST_STRINGS,
      then: {
        function: schema,
        functionOptions: {
          schema: {
            if: { properties: { type: { const: 'string' } }, required: ['type'] },
            then: { anyOf: [{ required: ['maxLength'] }, { required: ['enum'] }, { required: ['const'] }] },
          },
        },
      },
    },
    'owasp:api4:2023-string-restricted': {
      description: 'Strings a client sends have a format, a pattern, an enum or a const (free text excepted).',
      severity: 'warn',
      given: REQUEST_STRINGS,
      then: {
        function: schema,
        functionOptions: {
          schema: {
            if: { properties: { type: { const: 'string' } }, required: ['type'] },
            then: {
              anyOf: [
                { required: ['format'] },
                { required: ['pattern'] },
                { required: ['enum'] },
                { required: ['const'] },
              ],
            },
          },
        },
      },
    },
    'owasp:api4:2023-array-limit': {
      description: 'Arrays a client sends have a maxItems.',
      severity: 'error',
      given: REQUEST_ARRAYS,
      then: { field: 'maxItems', function: truthy },
    },
    'owasp:api4:2023-integer-format': {
      description: 'Integers a client sends have a format.',
      severity: 'error',
      given: REQUEST_INTEGERS,
      then: { field: 'format', function: truthy },
    },
    'owasp:api4:2023-integer-limit': {
      description: 'Integers a client sends have a minimum and a maximum.',
      severity: 'error',
      given: REQUEST_INTEGERS,
      then: [
        { field: 'minimum', function: defined },
        { field: 'maximum', function: defined },
      ],
    },
    // The API sets no rate-limit headers: it has no per-client quota of its own (Flex Consumption
    // scales out instead, and each request's work is bounded: 32 KiB bodies, pages of at most 50 or
    // 200). A gateway in front of it (Azure API Management) would add both the limit and its headers.
    'owasp:api4:2023-rate-limit': 'off',
  },
};
