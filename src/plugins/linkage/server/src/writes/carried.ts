// The pipeline's own follow-up writes (structure carried to another locale) are writes like any
// other, but are not carried again.
import { AsyncLocalStorage } from 'node:async_hooks';

const carrying = new AsyncLocalStorage<true>();

export const withCarriedWrites = <T>(work: () => Promise<T>): Promise<T> => carrying.run(true, work);

export const inCarriedWrite = (): boolean => carrying.getStore() === true;
