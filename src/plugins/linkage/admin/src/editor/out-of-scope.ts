// A refused opening of a guide (403 from the Content Manager's document request) takes the editor to
// a page that says why, instead of the Content Manager's generic error page. A redux middleware
// (the admin's documented `addMiddlewares`) sees the refused request; the admin's router goes there.
import type { StrapiApp } from '@strapi/strapi/admin';
import { OUT_OF_SCOPE_PATH } from '../pages/OutOfScopePage';

const GUIDE = 'plugin::linkage.guide';

interface RejectedQuery {
  type?: string;
  meta?: { arg?: { endpointName?: string; originalArgs?: { model?: string } } };
  payload?: { status?: number; message?: string; data?: { error?: { message?: string } } };
}

interface AppRouter {
  router?: { router?: { navigate(to: string, options?: { replace?: boolean; state?: unknown }): void } | null };
}

export function leaveRefusedGuides(app: StrapiApp): void {
  const middleware = () => () => (next: (action: unknown) => unknown) => (action: unknown) => {
    const a = action as RejectedQuery;
    if (a.type?.endsWith('/executeQuery/rejected') && a.meta?.arg?.endpointName === 'getDocument' && a.meta.arg.originalArgs?.model === GUIDE && a.payload?.status === 403) {
      const reason = a.payload.message ?? a.payload.data?.error?.message;
      (app as unknown as AppRouter).router?.router?.navigate(`/${OUT_OF_SCOPE_PATH}`, { replace: true, state: { reason } });
    }
    return next(action);
  };
  app.addMiddlewares([middleware as never]);
  (app as unknown as { router: { addRoute(route: object): void } }).router.addRoute({
    path: OUT_OF_SCOPE_PATH,
    lazy: async () => ({ Component: (await import('../pages/OutOfScopePage')).default }),
  });
}
