import Type from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { closedSchema } from '../schemas/strict-schema.ts';
import { fieldOf, fieldProblemsOf } from './validation-errors.ts';

describe('field problems from schema errors', () => {
  it('turns instance paths into dotted fields', () => {
    expect(fieldOf('/spec/networkAccount/region')).toBe('spec.networkAccount.region');
    expect(fieldOf('/items/0/name', 'body')).toBe('body.items[0].name');
  });

  it('names missing and unknown properties (TypeBox errors, closed schema)', () => {
    const schema = closedSchema(Type.Object({ a: Type.Object({ b: Type.String() }) }));
    const errors = [...Value.Errors(schema, { a: { c: 1 }, z: 2 })];
    expect(fieldProblemsOf(errors, 'spec')).toEqual(
      expect.arrayContaining([
        { field: 'spec.a.b', message: 'is required' },
        { field: 'spec.a.c', message: 'is not a known field' },
        { field: 'spec.z', message: 'is not a known field' },
      ]),
    );
  });

  it('names missing and unknown properties (Ajv errors)', () => {
    expect(
      fieldProblemsOf([
        {
          keyword: 'required',
          instancePath: '/spec',
          params: { missingProperty: 'networkAccount' },
          message: 'x',
        },
        {
          keyword: 'additionalProperties',
          instancePath: '',
          params: { additionalProperty: 'extra' },
          message: 'x',
        },
        {
          keyword: 'pattern',
          instancePath: '/name',
          params: {},
          message: 'must match pattern "^x$"',
        },
      ]),
    ).toEqual([
      { field: 'spec.networkAccount', message: 'is required' },
      { field: 'extra', message: 'is not a known field' },
      { field: 'name', message: 'must match pattern "^x$"' },
    ]);
  });
});
