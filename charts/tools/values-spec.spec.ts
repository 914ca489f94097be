import {
  bool,
  extra,
  int,
  param,
  str,
  valuesObject,
  valuesSchema,
  ValuesSpecError,
  valuesYaml,
  type ValuesSpec,
} from './values-spec';

const spec: ValuesSpec = {
  header: 'Values of a test chart.',
  sections: [
    {
      title: 'Image',
      params: [
        param('image.repository', 'Repository', 'gateway', str({ minLength: 1 })),
        param('image.pullPolicy', 'Pull policy', 'IfNotPresent', str()),
      ],
    },
    {
      title: 'Settings',
      params: [param('replicaCount', 'Replicas', 2, int({ minimum: 0 }))],
      extras: [extra('config.LOG_FORMAT', 'LOG_FORMAT (application default)', str())],
    },
  ],
  open: ['image'],
};

describe('values description', () => {
  it('writes each section and documents every value above its top-level key', () => {
    const yaml = valuesYaml(spec);
    expect(yaml).toContain('# Values of a test chart.');
    expect(yaml).toContain('## @section Image');
    expect(yaml).toContain(
      '## @param image.repository Repository\n## @param image.pullPolicy Pull policy\nimage:\n  repository: "gateway"',
    );
    expect(yaml).toContain('## @extra config.LOG_FORMAT LOG_FORMAT (application default)\nconfig: {}');
    expect(yaml).toContain('replicaCount: 2');
  });

  it('gives a schema that requires every default, closes described objects and knows the extras', () => {
    const schema = valuesSchema(spec, 'test') as Record<string, unknown> & {
      properties: Record<
        string,
        { additionalProperties: boolean; required?: string[]; properties: Record<string, unknown> }
      >;
    };
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required']).toEqual(['image', 'replicaCount']);
    expect(schema.properties['image']?.additionalProperties).toBe(true);
    expect(schema.properties['config']).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { LOG_FORMAT: { type: 'string' } },
    });
  });

  it('leaves the extras out of the defaults', () => {
    expect(valuesObject(spec)).toEqual({
      image: { repository: 'gateway', pullPolicy: 'IfNotPresent' },
      replicaCount: 2,
    });
  });

  it('refuses a value described twice, or under another value', () => {
    const twice: ValuesSpec = {
      header: '',
      sections: [{ title: 'a', params: [param('x', 'x', 1, int()), param('x', 'again', 2, int())] }],
    };
    expect(() => valuesSchema(twice, 't')).toThrow(ValuesSpecError);
    const under: ValuesSpec = {
      header: '',
      sections: [{ title: 'a', params: [param('x', 'x', true, bool), param('x.y', 'y', 1, int())] }],
    };
    expect(() => valuesSchema(under, 't')).toThrow('x.y: a parent is already a value');
  });

  it('refuses a top-level key split over two sections (its @param lines must stand above it)', () => {
    const split: ValuesSpec = {
      header: '',
      sections: [
        { title: 'one', params: [param('a.b', 'b', 1, int())] },
        { title: 'two', params: [param('a.c', 'c', 2, int())] },
      ],
    };
    expect(() => valuesYaml(split)).toThrow('a: described in sections "one" and "two"');
  });
});
