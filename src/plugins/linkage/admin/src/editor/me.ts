// The signed-in admin's linkage roles and units (GET /linkage/me), once per page load.
import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { Me } from '../../../server/src/contracts/me';

export type { Me } from '../../../server/src/contracts/me';

let request: Promise<Me> | null = null;

export function useMe(): Me | null {
  const { get } = useFetchClient();
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    let cancelled = false;
    request ??= get<{ data: Me }>('/linkage/me').then(({ data }) => data.data);
    request
      .then((value) => !cancelled && setMe(value))
      .catch(() => {
        request = null;
      });
    return () => {
      cancelled = true;
    };
  }, [get]);
  return me;
}

/** City managers and super admins decide owners; unit editors keep their units' guides. */
export const managesEverything = (me: Me | null): boolean => Boolean(me && (me.isSuperAdmin || me.isCityManager));
