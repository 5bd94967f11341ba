import { describe, expect, it } from 'vitest';
import { definitionJson, fieldsFromDefinition, parseTable, requiredRows } from './mappingDraft';

describe('mapping drafts', () => {
  it('reads lookup tables from key=value lines', () => {
    expect(parseTable('paid=PAID\n\n refunded = REFUNDED \nodd\nurl=a=b')).toEqual({
      paid: 'PAID',
      refunded: 'REFUNDED',
      odd: '',
      url: 'a=b',
    });
  });

  it('gives back the definition it was made from', () => {
    const definition = {
      fields: [
        { target: 'email', source: 'email', transforms: [{ kind: 'trim' }, { kind: 'split', separator: ',', index: -1 }] },
        { target: 'status', constant: '', transforms: [] },
        {
          target: 'name',
          template: '{{firstName}} {{lastName}}',
          transforms: [
            { kind: 'lookup', table: { a: 'b' }, default: 'x' },
            { kind: 'number', decimals: 2 },
            { kind: 'date', layout: 'date', timeZone: 'Europe/Paris' },
            { kind: 'first_non_empty', paths: ['nickname'] },
          ],
        },
      ],
    };
    expect(definitionJson(fieldsFromDefinition(definition))).toEqual(definition);
  });

  it('adds rows for unmapped required target fields, matching source names in any case', () => {
    const rows = requiredRows(
      fieldsFromDefinition({ fields: [{ target: 'Email', source: 'email' }] }),
      [
        { name: 'Email', required: true },
        { name: 'Phone', required: true },
        { name: 'Company', required: true },
        { name: 'Notes', required: false },
      ],
      [
        { name: 'email', required: false },
        { name: 'phone', required: false },
      ],
    );
    expect(rows.map((r) => [r.target, r.value])).toEqual([
      ['Phone', 'phone'],
      ['Company', ''],
    ]);
  });
});
