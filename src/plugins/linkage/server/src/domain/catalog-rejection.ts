// A catalog refused as a whole: nothing was written, and every problem is listed by its path.
import { describeProblem, type Problem } from './problems';

export class CatalogRejected extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The catalog was not imported (${count}; nothing was written):\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    this.name = 'CatalogRejected';
    this.problems = problems;
  }
}
