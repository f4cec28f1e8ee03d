/** The IP block and allow lists as the admin API answers them (docs/security.md, "Throttling and IP blocklist"). */

export interface IpRuleCreator {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

/** An allowlist entry: the range is never banned automatically. */
export interface IpAllowDto {
  readonly id: string;
  /** Canonical form: `203.0.113.0/24`, `2001:db8::/32`, or a single address without a prefix. */
  readonly range: string;
  readonly reason: string;
  /** null: until removed. */
  readonly expiresAt: string | null;
  /** null for automatic bans, or when the admin's account was deleted. */
  readonly createdBy: IpRuleCreator | null;
  readonly createdAt: string;
}

/** A block: requests from the range are refused with 403 IP_BLOCKED. */
export interface IpBlockDto extends IpAllowDto {
  /** true: an automatic, temporary ban. */
  readonly auto: boolean;
}

export interface CreateIpRuleRequest {
  readonly range: string;
  readonly reason: string;
  readonly expiresAt?: string;
}

export const MAX_IP_RULE_REASON_LENGTH = 200;
