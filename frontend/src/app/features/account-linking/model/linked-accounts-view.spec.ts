import { describe, expect, it } from 'vitest';

import { anAccountLink, aPendingLink, LINK_ID } from '../../../../testing/account-link-fixtures';
import { Formatter } from '../../customers/model/display-format';
import { type LinkViewer } from './account-links.model';
import { linkRows } from './linked-accounts-view';

const f = new Formatter({ locale: 'en-GB', timeZone: 'UTC' });
const BUS_ACCOUNT = { operatorId: '029', customerId: 'C000003' };
const FERRY_ACCOUNT = { operatorId: '030', customerId: 'C000003' };
const BUS_STAFF: LinkViewer = { role: 'operator', operatorId: '029' };
const FERRY_STAFF: LinkViewer = { role: 'operator', operatorId: '030' };
const ADMIN: LinkViewer = { role: 'admin', operatorId: null };

describe('linkRows', () => {
  it('shows a confirmed link from the source side: the target account, dates, and its records', () => {
    const [row] = linkRows([anAccountLink()], BUS_ACCOUNT, BUS_STAFF, f);
    expect(row).toMatchObject({
      id: LINK_ID,
      status: 'confirmed',
      other: { operatorId: '030', operatorName: 'PSD Ferries', customerId: 'C000003' },
      otherLabel: 'PSD Ferries account C000003',
      requested: { text: '1 May 2026, 09:30', secondary: 'Requested by PSD Buses' },
      confirmed: { text: '1 May 2026, 10:15' },
      statusDetail: null,
      records: { kind: 'linked-records', path: ['/customers', '029', 'C000003', 'links', LINK_ID] },
      canResend: false,
      canRevoke: true,
    });
  });

  it('shows the target side the source account, and its records', () => {
    const [row] = linkRows([anAccountLink()], FERRY_ACCOUNT, FERRY_STAFF, f);
    expect(row.otherLabel).toBe('PSD Buses account C000003');
    expect(row.records).toEqual({
      kind: 'linked-records',
      path: ['/customers', '030', 'C000003', 'links', LINK_ID],
    });
  });

  it("sends an admin on the target's page to the other account itself (the API reads the target for admins)", () => {
    const [row] = linkRows([anAccountLink()], FERRY_ACCOUNT, ADMIN, f);
    expect(row.records).toEqual({ kind: 'account', path: ['/customers', '029', 'C000003'] });
    const [fromSource] = linkRows([anAccountLink()], BUS_ACCOUNT, ADMIN, f);
    expect(fromSource.records?.kind).toBe('linked-records');
  });

  it('offers Resend on a pending link to the operator that asked (and admins) only, with its expiry', () => {
    const link = aPendingLink();
    const [source] = linkRows([link], BUS_ACCOUNT, BUS_STAFF, f);
    expect(source).toMatchObject({
      canResend: true,
      canRevoke: true,
      records: null,
      confirmed: null,
      statusDetail: { label: 'Expires', cell: { text: '2 May 2026, 09:30' } },
    });
    expect(linkRows([link], FERRY_ACCOUNT, FERRY_STAFF, f)[0].canResend).toBe(false);
    expect(linkRows([link], FERRY_ACCOUNT, ADMIN, f)[0].canResend).toBe(true);
  });

  it('offers nothing on declined, expired and revoked links', () => {
    const rows = linkRows(
      [
        anAccountLink({ status: 'declined', confirmedAt: null }),
        anAccountLink({ status: 'expired', confirmedAt: null }),
        anAccountLink({ status: 'revoked', revokedAt: '2026-05-03T08:00:00.000Z' }),
      ],
      BUS_ACCOUNT,
      BUS_STAFF,
      f,
    );
    expect(rows.map((row) => [row.canResend, row.canRevoke, row.records])).toEqual([
      [false, false, null],
      [false, false, null],
      [false, false, null],
    ]);
    expect(rows[2].statusDetail).toEqual({
      label: '',
      cell: { text: '3 May 2026, 08:00', datetime: '2026-05-03T08:00:00.000Z' },
    });
  });
});
