import azureFunctions, { type HttpRequestInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import {
  AddActionRequestSchema,
  GuidSchema,
  MAX_BODY_BYTES,
  PutCareerPlanRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../../functions/src/contract';
import { ApiError } from '../../functions/src/http/problem';
import { idempotencyKey, pathParam, queryObject, readJsonBody } from '../../functions/src/http/request';

const { HttpRequest } = azureFunctions;

/** A real @azure/functions request, as the Functions host hands it to a handler. */
function request(init: Omit<HttpRequestInit, 'body'> & { body?: string } = {}) {
  const { body, ...rest } = init;
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/plans',
    ...rest,
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** The ApiError a call throws (sync or async), so that its status, title, detail and extra can be asserted. */
async function refusal(call: () => unknown): Promise<ApiError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError, but the call succeeded.');
}

/** A JSON string of exactly `bytes` bytes in UTF-8, made of two-byte characters so characters and bytes differ. */
function jsonStringOfBytes(bytes: number): string {
  const inner = bytes - 2;
  return `"${'é'.repeat(Math.floor(inner / 2))}${inner % 2 ? 'x' : ''}"`;
}

const validAction = { title: 'Automate the smoke tests', owner: 'employee', learningKind: 'onTheJob' };

describe('readJsonBody', () => {
  it('returns the body as the schema outputs it (trimmed text) when everything is right', async () => {
    const body = await readJsonBody(
      request({ headers: JSON_TYPE, body: JSON.stringify({ ...validAction, title: '  Automate the smoke tests  ' }) }),
      AddActionRequestSchema,
    );
    expect(body).toEqual(validAction);
  });

  it('refuses with 413 a body whose Content-Length is over the cap, before reading it', async () => {
    const error = await refusal(() =>
      readJsonBody(
        request({
          headers: { ...JSON_TYPE, 'content-length': String(MAX_BODY_BYTES + 1) },
          body: JSON.stringify(validAction),
        }),
        AddActionRequestSchema,
      ),
    );
    expect(error.status).toBe(413);
    expect(error.title).toBe('Request too large');
    expect(error.detail).toBe(`The body is over ${MAX_BODY_BYTES / 1024} KiB; nothing here needs that much.`);
  });

  it('refuses with 413 a body whose actual bytes are over the cap, whatever Content-Length claims', async () => {
    // Fewer characters than the cap, more bytes: the cap counts bytes.
    const body = jsonStringOfBytes(MAX_BODY_BYTES + 1);
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(Buffer.byteLength(body, 'utf8')).toBe(MAX_BODY_BYTES + 1);
    for (const headers of [JSON_TYPE, { ...JSON_TYPE, 'content-length': '10' }]) {
      const error = await refusal(() => readJsonBody(request({ headers, body }), UpdateAgendaItemRequestSchema));
      expect(error.status).toBe(413);
      expect(error.title).toBe('Request too large');
    }
  });

  it('reads a body of exactly the cap (and then judges it by the schema)', async () => {
    const error = await refusal(() =>
      readJsonBody(
        request({
          headers: { ...JSON_TYPE, 'content-length': String(MAX_BODY_BYTES) },
          body: jsonStringOfBytes(MAX_BODY_BYTES),
        }),
        UpdateAgendaItemRequestSchema,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.title).toBe('Invalid request body');
  });

  it('refuses with 415 anything not sent as JSON', async () => {
    for (const headers of [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/jsonp' },
      { 'content-type': 'text/json' },
    ]) {
      const error = await refusal(() =>
        readJsonBody(request({ headers, body: JSON.stringify(validAction) }), AddActionRequestSchema),
      );
      expect(error.status, JSON.stringify(headers)).toBe(415);
      expect(error.title).toBe('Send JSON');
      expect(error.detail).toBe('Set "Content-Type: application/json" and send a JSON body.');
    }
  });

  it('accepts JSON with a charset and in any case', async () => {
    for (const type of ['application/json; charset=utf-8', 'Application/JSON']) {
      await expect(
        readJsonBody(
          request({ headers: { 'content-type': type }, body: JSON.stringify(validAction) }),
          AddActionRequestSchema,
        ),
      ).resolves.toEqual(validAction);
    }
  });

  it('refuses a body that is not valid UTF-8 with 400, instead of reading U+FFFD into it', async () => {
    for (const bytes of [
      [0x22, 0xff, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x22, 0xc3, 0x22],
    ]) {
      const error = await refusal(() =>
        readJsonBody(
          new HttpRequest({
            method: 'POST',
            url: 'http://localhost/api/plans',
            headers: JSON_TYPE,
            body: { bytes: new Uint8Array(bytes) },
          }),
          AddActionRequestSchema,
        ),
      );
      expect(error.status).toBe(400);
      expect(error.title).toBe('Malformed text');
      expect(error.detail).toBe('The body is not valid UTF-8.');
    }
  });

  it('refuses malformed JSON with 400', async () => {
    for (const body of ['{"title": "x",', '', "{'title': 'x'}", 'undefined', '{"a":1}}']) {
      const error = await refusal(() => readJsonBody(request({ headers: JSON_TYPE, body }), AddActionRequestSchema));
      expect(error.status, body).toBe(400);
      expect(error.title).toBe('Malformed JSON');
      expect(error.detail).toBe('The body is not valid JSON.');
      expect(error.extra.errors).toBeUndefined();
    }
  });

  it('names each offending field: a wrong value, a missing required field and unknown keys', async () => {
    const error = await refusal(() =>
      readJsonBody(
        request({
          headers: JSON_TYPE,
          body: JSON.stringify({ title: 'Course', learningKind: 'reading', agreed: true }),
        }),
        AddActionRequestSchema,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.title).toBe('Invalid request body');
    const errors = error.extra.errors!;
    expect(errors.map((entry) => entry.field).sort()).toEqual(['(body)', 'learningKind', 'owner']);
    const byField = Object.fromEntries(errors.map((entry) => [entry.field, entry.message]));
    expect(byField['(body)']).toBe('Unknown field: agreed.');
    expect(byField.owner).toBe('This field is required. Choose who owns the action: employee or manager.');
    // A field that is there but wrong is not called missing.
    expect(byField.learningKind).toBe('Choose formal, fromOthers or onTheJob.');
    // The detail is the first error, in words a person can act on.
    expect(error.detail).toBe(`${errors[0]!.field}: ${errors[0]!.message}`);
  });

  it('lists several unknown keys in one message', async () => {
    const error = await refusal(() =>
      readJsonBody(
        request({ headers: JSON_TYPE, body: JSON.stringify({ ...validAction, tenantId: 'x', etag: '*' }) }),
        AddActionRequestSchema,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.extra.errors).toEqual([{ field: '(body)', message: 'Unknown fields: tenantId, etag.' }]);
    expect(error.detail).toBe('(body): Unknown fields: tenantId, etag.');
  });

  it('names nested fields by their path', async () => {
    const error = await refusal(() =>
      readJsonBody(
        request({
          headers: JSON_TYPE,
          body: JSON.stringify({ aspiration: 'explore', focusAreas: ['Testing', '   '], careerScenario: null }),
        }),
        PutCareerPlanRequestSchema,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.extra.errors).toEqual([{ field: 'focusAreas.1', message: 'Write something here.' }]);
  });

  it('calls every field of an empty object required, and a body that is not an object the body', async () => {
    const empty = await refusal(() =>
      readJsonBody(request({ headers: JSON_TYPE, body: '{}' }), AddActionRequestSchema),
    );
    expect(empty.extra.errors!.map((entry) => entry.field).sort()).toEqual(['owner', 'title']);
    for (const entry of empty.extra.errors!) expect(entry.message).toMatch(/^This field is required\. /);

    for (const body of ['null', '[]', '"text"', '42']) {
      const error = await refusal(() => readJsonBody(request({ headers: JSON_TYPE, body }), AddActionRequestSchema));
      expect(error.status, body).toBe(400);
      expect(
        error.extra.errors!.map((entry) => entry.field),
        body,
      ).toEqual(['(body)']);
      expect(error.detail, body).toMatch(/^\(body\): /);
    }
  });
});

describe('pathParam', () => {
  const employeeId = '1B976E1C-64DA-4465-8CB7-D4D3904A8C59';

  it('returns the parameter as the schema outputs it', () => {
    expect(pathParam(request({ params: { employeeId } }), 'employeeId', GuidSchema)).toBe(employeeId.toLowerCase());
  });

  it('answers 404 for a parameter that is invalid or missing, naming the thing without "Id"', async () => {
    for (const params of [{ employeeId: "x' or '1' eq '1" }, { employeeId: '' }, {}]) {
      const error = await refusal(() => pathParam(request({ params }), 'employeeId', GuidSchema));
      expect(error.status).toBe(404);
      expect(error.title).toBe('Not found');
      expect(error.detail).toBe('There is no such employee here.');
    }
  });
});

describe('idempotencyKey', () => {
  it('is null when the header is missing or blank', () => {
    expect(idempotencyKey(request())).toBeNull();
    expect(idempotencyKey(request({ headers: { 'idempotency-key': '   ' } }))).toBeNull();
  });

  it('returns a key of 8 to 64 letters, digits, "-" or "_", trimmed', () => {
    for (const key of ['9b2f6c1e-4d7a-4e0b-9a51-3c2d1e0f9a8b', 'abcdefgh', 'A'.repeat(64), 'a_b-C_d-9']) {
      expect(idempotencyKey(request({ headers: { 'idempotency-key': ` ${key} ` } }))).toBe(key);
    }
  });

  it('answers 400 for a key too short, too long or with other characters', async () => {
    for (const key of [
      'abcdefg',
      'A'.repeat(65),
      'key with spaces',
      'key/with/slash',
      'clé-accentuée',
      "x' or 1 eq 1",
    ]) {
      const error = await refusal(() => idempotencyKey(request({ headers: { 'idempotency-key': key } })));
      expect(error.status, key).toBe(400);
      expect(error.title).toBe('Invalid Idempotency-Key');
      expect(error.detail).toBe('Use 8 to 64 letters, digits, "-" or "_" (a UUID works).');
    }
  });
});

describe('queryObject', () => {
  it('turns the query string into a plain object, decoded', () => {
    expect(
      queryObject(request({ url: 'http://localhost/api/meetings/resolve?meetingId=19%3Ameeting_a%2Fb&chatId=c+d' })),
    ).toEqual({ meetingId: '19:meeting_a/b', chatId: 'c d' });
  });

  it('refuses with 400, naming the parameter, a query whose percent-encoding is not UTF-8', async () => {
    for (const [query, field] of [
      ['meetingId=%E0%A4%A', 'meetingId'],
      ['meetingId=%ED%A0%80', 'meetingId'],
      ['pageSize=%', 'pageSize'],
      ['a=1&continuation=%zz', 'continuation'],
      ['%C3=1', '(query)'],
    ] as const) {
      const error = await refusal(() =>
        queryObject(request({ url: `http://localhost/api/meetings/resolve?${query}` })),
      );
      expect(error.status, query).toBe(400);
      expect(error.title).toBe('Malformed query');
      expect(error.extra.errors, query).toEqual([
        { field, message: 'This is not valid percent-encoding (%XX of UTF-8).' },
      ]);
    }
  });

  it('is empty without a query, and keeps the last value of a repeated key', () => {
    expect(queryObject(request({ url: 'http://localhost/api/plans' }))).toEqual({});
    expect(queryObject(request({ url: 'http://localhost/api/plans?pageSize=1&pageSize=50' }))).toEqual({
      pageSize: '50',
    });
  });
});
