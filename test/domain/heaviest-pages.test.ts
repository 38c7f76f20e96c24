import { heaviestPages } from '../../src/plugins/linkage/server/src/domain/heaviest-pages';

const units = [
  { code: '370200000000', level: 'city' as const },
  { code: '370202000000', level: 'district' as const },
  { code: '370281000000', level: 'district' as const },
  { code: '370202001000', level: 'street' as const },
  { code: '370202001001', level: 'community' as const },
  { code: '370202001002', level: 'community' as const },
];

test('per level the unit with the most published guides, its index and its item page of the item it has most guides in; the city with its heaviest item and route', () => {
  const guides = [
    { unitCode: '370202000000', itemCode: 'A', guides: 2 },
    { unitCode: '370281000000', itemCode: 'A', guides: 2 },
    { unitCode: '370281000000', itemCode: 'B', guides: 3 },
    { unitCode: '370202001000', itemCode: 'B', guides: 1 },
    { unitCode: '370202001002', itemCode: 'C', guides: 1 },
  ];
  const items = [
    { code: 'A', weight: 10 },
    { code: 'B', weight: 1600 },
    { code: 'C', weight: 3 },
  ];
  expect(heaviestPages(units, guides, items)).toEqual([
    { kind: 'index', unitCode: '370200000000' },
    { kind: 'item', unitCode: '370200000000', itemCode: 'B' },
    { kind: 'route', unitCode: '370200000000', itemCode: 'B' },
    { kind: 'index', unitCode: '370281000000' },
    { kind: 'item', unitCode: '370281000000', itemCode: 'B' },
    { kind: 'index', unitCode: '370202001000' },
    { kind: 'item', unitCode: '370202001000', itemCode: 'B' },
    { kind: 'index', unitCode: '370202001002' },
    { kind: 'item', unitCode: '370202001002', itemCode: 'C' },
  ]);
});

test('ties go to the lower code; a level without guides gets its index page only; no items, no city item page', () => {
  expect(heaviestPages(units, [], [])).toEqual([
    { kind: 'index', unitCode: '370200000000' },
    { kind: 'index', unitCode: '370202000000' },
    { kind: 'index', unitCode: '370202001000' },
    { kind: 'index', unitCode: '370202001001' },
  ]);
});

test('no units, no pages', () => {
  expect(heaviestPages([], [], [{ code: 'A', weight: 1 }])).toEqual([]);
});
