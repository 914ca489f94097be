import { z } from 'zod';
import { clipEventIdOf, clipIdOf } from './clip-id';

describe('clip ids', () => {
  it('are valid UUIDs, the same for the same passage direction and camera', () => {
    const id = clipIdOf('ent-1', 'p-1', 'in', 'cam-1');
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(clipIdOf('ent-1', 'p-1', 'in', 'cam-1')).toBe(id);
    expect(z.uuid().safeParse(clipEventIdOf(id)).success).toBe(true);
  });

  it('differ by enterprise, passage, direction and camera', () => {
    const ids = new Set([
      clipIdOf('ent-1', 'p-1', 'in', 'cam-1'),
      clipIdOf('ent-2', 'p-1', 'in', 'cam-1'),
      clipIdOf('ent-1', 'p-2', 'in', 'cam-1'),
      clipIdOf('ent-1', 'p-1', 'out', 'cam-1'),
      clipIdOf('ent-1', 'p-1', 'in', 'cam-2'),
    ]);
    expect(ids.size).toBe(5);
    expect(clipEventIdOf(clipIdOf('ent-1', 'p-1', 'in', 'cam-1'))).not.toBe(
      clipIdOf('ent-1', 'p-1', 'in', 'cam-1'),
    );
  });
});
