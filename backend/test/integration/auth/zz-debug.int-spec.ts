import { SessionService } from '../../../src/modules/auth/session.service';
import { createAuthTestApp, signIn } from './support/auth-fixtures';

it('debug', async () => {
  const t = await createAuthTestApp();
  try {
    const s = await signIn(t);
    const svc = t.app.get(SessionService);
    const r = await Promise.allSettled([svc.rotate(s.refreshToken), svc.rotate(s.refreshToken)]);
    for (const x of r) console.log(x.status, x.status === 'rejected' ? (x.reason as Error).stack : 'ok');
  } finally {
    await t.close();
  }
});
