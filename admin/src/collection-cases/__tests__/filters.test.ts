import schema from '../../../../cms/src/api/collection-case/content-types/collection-case/schema.json';
import { caseDefaultFilter, caseStatuses } from '../filters';

/** Strapi refuses a filter on a key the content type does not have ("Invalid key status"). */
describe('the collection-case list filters', () => {
  const attributes = schema.attributes as Record<string, { type: string; enum?: string[] }>;

  it('filters by default on fields the collection case has, with values it allows', () => {
    for (const [field, value] of Object.entries(caseDefaultFilter)) {
      expect(attributes).toHaveProperty(field);
      expect(attributes[field]?.enum ?? [value]).toContain(value);
    }
  });

  it('offers exactly the case statuses of the schema', () => {
    expect([...caseStatuses]).toEqual(attributes.caseStatus?.enum);
  });
});
