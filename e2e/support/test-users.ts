/**
 * Fixed credentials for the end-to-end server. playwright.config.ts passes the administrator to the server as
 * ADMIN_EMAIL/ADMIN_PASSWORD, so the server creates it at start-up on its fresh database; journeys that sign in
 * import it from here. Test-only values: never used outside e2e.
 */
export const E2E_ADMIN = { email: 'admin@example.org', password: 'e2e-Admin-Passw0rd!' } as const;
