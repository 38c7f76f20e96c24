// The area a unit serves, by name. A community-level unit is its committee, an organisation named
// as one (太平角社区居民委员会, Taipingjiao Residents' Committee); what it serves is the community or
// village (太平角社区, Taipingjiao Community). Units of the other levels are named for their area
// already (青岛市, 市南区, 八大关街道, Jiaozhou City), and none of those names ends as a committee's.
//
// The rule, by the name's ending (either language, whatever the locale):
//   …居民委员会 / …居委会          → …社区  (the 社区 the stem already ends with is kept: X社区居民委员会 → X社区)
//   …村民委员会 / …村委会          → …村    (likewise: X村村民委员会 → X村)
//   … Residents'/Residents Committee → … Community (… Community Residents' Committee → … Community)
//   … Villagers'/Villagers Committee → … Village
//   anything else                     → unchanged

interface CommitteeEnding {
  readonly ending: RegExp;
  /** The area's noun, added unless the stem already ends with it. */
  readonly noun: string;
  readonly separator: string;
}

const ENDINGS: readonly CommitteeEnding[] = [
  { ending: /(?:居民委员会|居委会)$/u, noun: '社区', separator: '' },
  { ending: /(?:村民委员会|村委会)$/u, noun: '村', separator: '' },
  { ending: /\s+Residents['’]?\s+Committee$/iu, noun: 'Community', separator: ' ' },
  { ending: /\s+Villagers['’]?\s+Committee$/iu, noun: 'Village', separator: ' ' },
];

/** The name of the area a unit named `unitName` serves (see the rule above). */
export function areaName(unitName: string): string {
  const name = unitName.trim();
  for (const { ending, noun, separator } of ENDINGS) {
    const match = ending.exec(name);
    if (!match) continue;
    const stem = name.slice(0, match.index).trimEnd();
    // A name that is only the ending names no area: keep it as it is.
    if (stem === '') return name;
    return stem.toLowerCase().endsWith(noun.toLowerCase()) ? stem : `${stem}${separator}${noun}`;
  }
  return name;
}
