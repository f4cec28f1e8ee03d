import {
  type AccountLinkDto,
  type AccountLinkPreviewDto,
} from '../app/features/account-linking/model/account-links.model';

/** Small factories with overridable defaults for account-linking test data (docs/account-linking-api.md). */
export const LINK_ID = '0b7c2f9e-8d43-4c55-9d3e-2f1a6b0c9e11';

export function anAccountLink(overrides: Partial<AccountLinkDto> = {}): AccountLinkDto {
  return {
    id: LINK_ID,
    status: 'confirmed',
    source: { operatorId: '029', operatorName: 'PSD Buses', customerId: 'C000003' },
    target: { operatorId: '030', operatorName: 'PSD Ferries', customerId: 'C000003' },
    requestedAt: '2026-05-01T09:30:00.000Z',
    expiresAt: '2026-05-02T09:30:00.000Z',
    confirmedAt: '2026-05-01T10:15:00.000Z',
    revokedAt: null,
    canResend: false,
    ...overrides,
  };
}

/** A link still waiting for the target owner's answer. */
export function aPendingLink(overrides: Partial<AccountLinkDto> = {}): AccountLinkDto {
  return anAccountLink({ status: 'pending', confirmedAt: null, canResend: true, ...overrides });
}

export function aLinkPreview(overrides: Partial<AccountLinkPreviewDto> = {}): AccountLinkPreviewDto {
  return {
    sourceOperatorName: 'PSD Buses',
    sourceName: 'A*** B***',
    sourceEmail: 'a***@example.com',
    targetOperatorName: 'PSD Ferries',
    expiresAt: '2026-05-02T09:30:00.000Z',
    ...overrides,
  };
}
