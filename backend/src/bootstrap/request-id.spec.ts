import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const withHeader = (value?: string | string[]) => ({ headers: value === undefined ? {} : { 'x-request-id': value } });

describe('resolveRequestId', () => {
  it.each(['abc', 'edge-01.trace_9', 'A'.repeat(128)])('keeps the safe incoming id %s', (id) => {
    expect(resolveRequestId(withHeader(id))).toBe(id);
  });

  it.each([[undefined], [''], ['A'.repeat(129)], ['a b'], ['a\nb'], ['<script>'], ['id/../x'], [['a', 'b']]])(
    'creates a UUID instead of %j',
    (value) => {
      expect(resolveRequestId(withHeader(value))).toMatch(UUID);
    },
  );

  it('creates a new id per request', () => {
    expect(resolveRequestId(withHeader())).not.toBe(resolveRequestId(withHeader()));
  });
});
