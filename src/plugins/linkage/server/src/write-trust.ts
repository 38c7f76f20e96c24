// Writes that were already checked as a whole (a catalog import) skip the per-document checks,
// which would otherwise re-read the catalog for every row written.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<true>();

export const withTrustedWrites = <T>(work: () => Promise<T>): Promise<T> => storage.run(true, work);

export const inTrustedWrites = (): boolean => storage.getStore() === true;
