// The codes of the national implementation list (实施清单, docs/national-list.md), from Linkage's own.
//
// 基本编码 (basic code) names an item whoever implements it: it is the item's code. A city that holds
// the national basic codes can give its items those codes and gets them back here unchanged.
// 实施编码 (implementation code) names one unit's implementation of an item: the unit's 12-digit
// division code followed by the basic code, the implementing body first as in the national code.
// Read back, the first 12 digits are the unit and the rest is the item: a division code has a fixed
// length, so no separator is needed and none is ambiguous.

/** An item code as the catalog allows it (catalog/linkage-catalog-1.schema.json). */
const ITEM_CODE = /^[A-Z0-9][A-Z0-9-]*$/;
const UNIT_CODE = /^\d{12}$/;

export const basicCode = (itemCode: string): string => itemCode;

export const implementationCode = (unitCode: string, itemCode: string): string => `${unitCode}${basicCode(itemCode)}`;

/** The unit and item an implementation code names, or null when it is not one. */
export function readImplementationCode(code: string): { readonly unitCode: string; readonly itemCode: string } | null {
  const unitCode = code.slice(0, 12);
  const itemCode = code.slice(12);
  return UNIT_CODE.test(unitCode) && ITEM_CODE.test(itemCode) ? { unitCode, itemCode } : null;
}
