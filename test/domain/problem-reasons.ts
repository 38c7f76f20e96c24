// The English reason of each problem at its path, for tests that pin the reasons API clients read;
// the sentences editors read (`text`) are asserted on their own.
import type { Problem } from '../../src/plugins/linkage/server/src/domain/problems';

export const reasons = (problems: readonly Problem[]) => problems.map(({ path, message }) => ({ path, message }));
